import { expect, it } from 'vitest';
import { appendDigit, normaliseTracking, removeLast } from './tracking';

it('normalises ten digits with or without dash and spaces', () => {
  expect(normaliseTracking('2026000123')).toBe('2026-000123');
  expect(normaliseTracking(' 2026-000123 ')).toBe('2026-000123');
  expect(normaliseTracking('2026 000 123')).toBe('2026-000123');
});

it('rejects anything that is not exactly ten digits', () => {
  expect(normaliseTracking('')).toBeNull();
  expect(normaliseTracking('2026-00012')).toBeNull();
  expect(normaliseTracking('2026-0001234')).toBeNull();
  expect(normaliseTracking('2026-00012a')).toBeNull();
});

it('keypad inserts the dash after the year and stops at ten digits', () => {
  let value = '';
  for (const d of '202600012399') value = appendDigit(value, d);
  expect(value).toBe('2026-000123');
  expect(removeLast('2026-0')).toBe('2026');
  expect(removeLast('2026-000123')).toBe('2026-00012');
});
