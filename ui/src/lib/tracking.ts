// Application tracking numbers: 11 digits printed `YY-KKK-NNNNN-C` — year (2), kiosk
// number (3), sequence (5) and a Damm check digit over the first ten. The check digit
// catches every single mistyped digit and every swap of two neighbouring digits, so the
// screen can say "a digit was mistyped" before asking the hub. The table is the core's,
// generated into the IPC bindings: one table for the screens, the kiosk and the hub.

import { DAMM_TABLE } from './ipc/bindings';

/** Example shown to citizens; matches the printed receipt. */
export const TRACKING_EXAMPLE = '26-000-00105-7';
export const TRACKING_DIGITS = 11;

/** Digits in each printed group: year, kiosk, sequence, check digit. */
const GROUPS = [2, 3, 5, 1] as const;

/** What is wrong with a typed number, if anything. */
export type TrackingCheck = 'ok' | 'format' | 'check_digit';

/** Damm's interim digit after `digits` (a string of 0-9); 0 for a valid full number. */
function damm(digits: string): number {
  let interim = 0;
  for (const ch of digits) interim = DAMM_TABLE[interim][ch.charCodeAt(0) - 48];
  return interim;
}

/** The check digit that completes the first ten digits. */
export function trackingCheckDigit(first10: string): string {
  if (!/^\d{10}$/.test(first10)) throw new Error('ten digits expected');
  // The table's diagonal is zero, so the interim value itself is the check digit.
  return String(damm(first10));
}

/** Digits only, ignoring dashes and spaces; null if anything else is present. */
export function trackingDigits(input: string): string | null {
  const stripped = input.replace(/[\s-]/g, '');
  return /^\d*$/.test(stripped) ? stripped : null;
}

/** Up to eleven digits in their printed groups: `26`, `26-0`, `26-000-00105-7`. */
function grouped(digits: string): string {
  const parts: string[] = [];
  let start = 0;
  for (const size of GROUPS) {
    if (start >= digits.length) break;
    parts.push(digits.slice(start, start + size));
    start += size;
  }
  return parts.join('-');
}

/**
 * `format` when the input is not eleven digits (dashes and spaces anywhere are fine),
 * `check_digit` when it is but the last digit does not match (a digit was mistyped).
 */
export function checkTracking(input: string): TrackingCheck {
  const digits = trackingDigits(input);
  if (digits === null || digits.length !== TRACKING_DIGITS) return 'format';
  return damm(digits) === 0 ? 'ok' : 'check_digit';
}

/** `26-000-00105-7` for a valid number (check digit included), otherwise null. */
export function normaliseTracking(input: string): string | null {
  if (checkTracking(input) !== 'ok') return null;
  return grouped(trackingDigits(input) ?? '');
}

/**
 * What the on-screen keypad produces when `digit` is pressed: the digits regrouped with
 * dashes after the 2nd, 5th and 10th, stopping at eleven digits.
 */
export function appendDigit(current: string, digit: string): string {
  const digits = trackingDigits(current);
  // Something other than digits was typed on a keyboard: leave it for the check to name.
  if (digits === null) return current + digit;
  if (digits.length >= TRACKING_DIGITS) return current;
  return grouped(digits + digit);
}

/** Removes the last character, and a dash left dangling at the end. */
export function removeLast(current: string): string {
  return current.slice(0, -1).replace(/[\s-]+$/, '');
}

/**
 * The number in a pasted or scanned status link (`https://…/t/26-000-00105-7` or
 * `…/t/26000001057`, the status QR on the receipt); otherwise the input unchanged.
 */
export function trackingFromText(input: string): string {
  const match = /\/t\/([\d\s-]+?)\/?(?:[?#].*)?$/.exec(input.trim());
  return match ? match[1].trim() : input;
}

/** Longest text a receipt's status QR holds (the office's address and the number). */
const MAX_RECEIPT_QR_CHARS = 200;

/**
 * What a QR read by the camera asks Cek Status for, when it is a receipt's status QR
 * (`<hub>/t/<number>`, or the bare number from a kiosk never enrolled); null for any other
 * QR. `number` is shown in the input; `query` goes to the core: a link whole, since the core
 * refuses another office's receipt.
 */
export function trackingFromReceiptQr(text: string): { number: string; query: string } | null {
  const trimmed = text.trim();
  if (trimmed === '' || trimmed.length > MAX_RECEIPT_QR_CHARS) return null;
  const number = normaliseTracking(trackingFromText(trimmed));
  if (number === null) return null;
  return { number, query: trimmed.includes('://') ? trimmed : number };
}
