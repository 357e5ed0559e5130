export type IdlePhase = 'active' | 'warning' | 'expired';

export interface IdleState {
  phase: IdlePhase;
  /** Whole seconds until expiry (rounded up), 0 once expired. */
  secondsLeft: number;
}

/**
 * Inactivity clock with no timers of its own: the caller passes the time in.
 *
 * `timeoutS` seconds after the last activity the state is `expired`;
 * during the final `warningS` seconds before that it is `warning`.
 */
export class IdleTimer {
  readonly timeoutMs: number;
  readonly warningMs: number;
  private lastActivityMs: number;

  constructor(timeoutS: number, warningS: number, nowMs: number) {
    const timeout = Number.isFinite(timeoutS) && timeoutS > 0 ? timeoutS : 90;
    const warning = Number.isFinite(warningS) && warningS >= 0 ? Math.min(warningS, timeout) : 0;
    this.timeoutMs = timeout * 1000;
    this.warningMs = warning * 1000;
    this.lastActivityMs = nowMs;
  }

  /** Records a touch, key press or any other sign of a person. */
  activity(nowMs: number): void {
    this.lastActivityMs = nowMs;
  }

  tick(nowMs: number): IdleState {
    const leftMs = this.lastActivityMs + this.timeoutMs - nowMs;
    if (leftMs <= 0) return { phase: 'expired', secondsLeft: 0 };
    const secondsLeft = Math.ceil(leftMs / 1000);
    if (leftMs <= this.warningMs) return { phase: 'warning', secondsLeft };
    return { phase: 'active', secondsLeft };
  }
}
