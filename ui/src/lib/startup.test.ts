import { describe, expect, it, vi } from 'vitest';
import { PAINTED_MARK, reportFirstPaint } from './startup';

describe('reportFirstPaint', () => {
  it('reports the wall-clock time after the next frame, once', async () => {
    const frames: FrameRequestCallback[] = [];
    const tasks: (() => void)[] = [];
    const win = {
      requestAnimationFrame: (cb: FrameRequestCallback) => frames.push(cb),
      setTimeout: (cb: () => void) => tasks.push(cb),
    } as unknown as Pick<Window, 'requestAnimationFrame' | 'setTimeout'>;
    let now = 100;
    const clock = { timeOrigin: 1_700_000_000_000, now: () => now };
    const send = vi.fn().mockResolvedValue(null);
    const log = vi.spyOn(console, 'info').mockImplementation(() => {});

    let painted = false;
    void reportFirstPaint(send, win, clock).then(() => (painted = true));
    expect(send).not.toHaveBeenCalled();
    frames[0](0);
    expect(send).not.toHaveBeenCalled();
    await Promise.resolve();
    expect(painted).toBe(false);
    now = 250;
    tasks[0]();
    expect(send).toHaveBeenCalledTimes(1);
    expect(send).toHaveBeenCalledWith(1_700_000_000_250);
    await Promise.resolve();
    expect(painted).toBe(true);
    expect(log).not.toHaveBeenCalled();
    log.mockRestore();
  });

  it('prints the moment on the console when there is no backend to take it', async () => {
    const win = {
      requestAnimationFrame: (cb: FrameRequestCallback) => cb(0),
      setTimeout: (cb: () => void) => cb(),
    } as unknown as Pick<Window, 'requestAnimationFrame' | 'setTimeout'>;
    const log = vi.spyOn(console, 'info').mockImplementation(() => {});
    const send = vi.fn().mockRejectedValue(new Error('no backend'));
    reportFirstPaint(send, win, { timeOrigin: 1_700_000_000_000, now: () => 5 });
    await vi.waitFor(() => expect(log).toHaveBeenCalledWith(`${PAINTED_MARK} 1700000000005.0`));
    expect(send).toHaveBeenCalledTimes(1);
    log.mockRestore();
  });
});
