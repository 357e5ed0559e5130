/**
 * Start-up time: once the first real screen is on the glass, the page tells the backend the
 * wall-clock moment, which logs it against the process's launch (and `scripts/bench-start`
 * reads it). Without a backend (a plain browser running the built UI: the benchmark's
 * Chromium peer) the same moment goes to the console instead.
 */

/** The console line's prefix; `scripts/bench-start` looks for it. */
export const PAINTED_MARK = 'anjungan:first-paint';

/**
 * Calls `send` with the wall-clock time (Unix ms) of the first frame painted after now:
 * a `requestAnimationFrame` callback runs just before the frame is painted, and a task queued
 * from it runs just after. Resolves at that moment too, for work that waits for the first
 * screen to be on the glass.
 */
export function reportFirstPaint(
  send: (atUnixMs: number) => Promise<unknown>,
  win: Pick<Window, 'requestAnimationFrame' | 'setTimeout'> = window,
  clock: Pick<Performance, 'timeOrigin' | 'now'> = performance,
): Promise<void> {
  return new Promise((painted) => {
    win.requestAnimationFrame(() => {
      win.setTimeout(() => {
        const at = clock.timeOrigin + clock.now();
        send(at).catch(() => {
          console.info(`${PAINTED_MARK} ${at.toFixed(1)}`);
        });
        painted();
      }, 0);
    });
  });
}
