import type { ErrorCode } from '../lib/ipc/bindings';
import { toIpcError } from '../lib/ipc/errors';

/** A staff view's hold on the staff session, shared by the views that call staff commands. */
export type StaffSession = {
  /** False once the view is gone or the session has ended: drop late results. */
  readonly alive: boolean;
  /** The view is going away: stop acting on results. */
  end(): void;
  /** The error code to show, or null once the session has ended (then `onLocked` has run, once). */
  failed(e: unknown): ErrorCode | null;
};

export function staffSession(onLocked: () => void): StaffSession {
  let alive = true;
  return {
    get alive() {
      return alive;
    },
    end() {
      alive = false;
    },
    failed(e: unknown): ErrorCode | null {
      if (!alive) return null;
      const err = toIpcError(e);
      if (err.code !== 'staff_locked') return err.code;
      alive = false;
      onLocked();
      return null;
    },
  };
}
