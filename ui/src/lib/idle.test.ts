import { describe, expect, it } from 'vitest';
import { IdleTimer } from './idle';

describe('IdleTimer', () => {
  const start = 1_000_000;

  it('is active until the warning point', () => {
    const idle = new IdleTimer(90, 20, start);
    expect(idle.tick(start)).toEqual({ phase: 'active', secondsLeft: 90 });
    expect(idle.tick(start + 69_999).phase).toBe('active');
  });

  it('warns for the last warning seconds with a countdown', () => {
    const idle = new IdleTimer(90, 20, start);
    expect(idle.tick(start + 70_000)).toEqual({ phase: 'warning', secondsLeft: 20 });
    expect(idle.tick(start + 80_500)).toEqual({ phase: 'warning', secondsLeft: 10 });
    expect(idle.tick(start + 89_999)).toEqual({ phase: 'warning', secondsLeft: 1 });
  });

  it('expires at the timeout', () => {
    const idle = new IdleTimer(90, 20, start);
    expect(idle.tick(start + 90_000)).toEqual({ phase: 'expired', secondsLeft: 0 });
    expect(idle.tick(start + 500_000).phase).toBe('expired');
  });

  it('activity during the warning continues the session', () => {
    const idle = new IdleTimer(90, 20, start);
    expect(idle.tick(start + 75_000).phase).toBe('warning');
    idle.activity(start + 75_000);
    expect(idle.tick(start + 75_001).phase).toBe('active');
    expect(idle.tick(start + 144_999).phase).toBe('active');
    expect(idle.tick(start + 145_000).phase).toBe('warning');
    expect(idle.tick(start + 165_000).phase).toBe('expired');
  });

  it('activity after expiry starts a fresh period', () => {
    const idle = new IdleTimer(10, 3, start);
    expect(idle.tick(start + 10_000).phase).toBe('expired');
    idle.activity(start + 10_000);
    expect(idle.tick(start + 10_000)).toEqual({ phase: 'active', secondsLeft: 10 });
  });

  it('falls back to sane values for nonsense input', () => {
    const idle = new IdleTimer(0, 500, start);
    expect(idle.timeoutMs).toBe(90_000);
    expect(idle.warningMs).toBe(90_000);
    const noWarning = new IdleTimer(30, -1, start);
    expect(noWarning.tick(start + 29_000).phase).toBe('active');
  });
});
