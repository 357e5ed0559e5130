/**
 * Detects `count` taps within `windowMs` (the hidden staff-access gesture).
 * Time is passed in so it can be tested without timers.
 */
export class TapSequence {
  private taps: number[] = [];

  constructor(
    private readonly count = 5,
    private readonly windowMs = 3000,
  ) {}

  /** Records a tap; true when it completes the sequence (which then restarts). */
  tap(nowMs: number): boolean {
    this.taps = [...this.taps.filter((at) => nowMs - at < this.windowMs), nowMs];
    if (this.taps.length >= this.count) {
      this.taps = [];
      return true;
    }
    return false;
  }

  reset(): void {
    this.taps = [];
  }
}
