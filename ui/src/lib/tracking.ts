/** Example shown to citizens; matches the printed receipt. */
export const TRACKING_EXAMPLE = '2026-000123';
export const TRACKING_DIGITS = 10;

/** Digits only, ignoring dashes and spaces; null if anything else is present. */
export function trackingDigits(input: string): string | null {
  const stripped = input.replace(/[\s-]/g, '');
  return /^\d*$/.test(stripped) ? stripped : null;
}

/** `2026-000123` for a valid number, otherwise null. */
export function normaliseTracking(input: string): string | null {
  const digits = trackingDigits(input);
  if (digits === null || digits.length !== TRACKING_DIGITS) return null;
  return `${digits.slice(0, 4)}-${digits.slice(4)}`;
}

/** What the on-screen keypad produces when `digit` is pressed. */
export function appendDigit(current: string, digit: string): string {
  const digits = trackingDigits(current);
  if (digits !== null) {
    if (digits.length >= TRACKING_DIGITS) return current;
    if (digits.length === 4 && !current.includes('-')) return `${current}-${digit}`;
  }
  return current + digit;
}

/** Removes the last character, and a dash left dangling at the end. */
export function removeLast(current: string): string {
  return current.slice(0, -1).replace(/[\s-]+$/, '');
}
