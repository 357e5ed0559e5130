import { expect, it, vi } from 'vitest';
import { staffSession } from './session';

it('passes other error codes through and stays alive', () => {
  const onLocked = vi.fn();
  const session = staffSession(onLocked);
  expect(session.failed({ code: 'hub_unreachable', message: 'x' })).toBe('hub_unreachable');
  expect(session.failed(new Error('boom'))).toBe('internal');
  expect(session.alive).toBe(true);
  expect(onLocked).not.toHaveBeenCalled();
});

it('leaves once when the staff session has ended', () => {
  const onLocked = vi.fn();
  const session = staffSession(onLocked);
  expect(session.failed({ code: 'staff_locked', message: '' })).toBeNull();
  expect(session.alive).toBe(false);
  expect(session.failed({ code: 'staff_locked', message: '' })).toBeNull();
  expect(session.failed({ code: 'storage', message: '' })).toBeNull();
  expect(onLocked).toHaveBeenCalledTimes(1);
});

it('shows nothing and never leaves after the view has gone', () => {
  const onLocked = vi.fn();
  const session = staffSession(onLocked);
  session.end();
  expect(session.alive).toBe(false);
  expect(session.failed({ code: 'staff_locked', message: '' })).toBeNull();
  expect(onLocked).not.toHaveBeenCalled();
});
