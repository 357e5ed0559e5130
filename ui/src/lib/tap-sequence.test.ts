import { expect, it } from 'vitest';
import { TapSequence } from './tap-sequence';

it('fires on the fifth tap within three seconds', () => {
  const taps = new TapSequence(5, 3000);
  expect([0, 500, 1000, 1500].map((at) => taps.tap(at))).toEqual([false, false, false, false]);
  expect(taps.tap(2999)).toBe(true);
  expect(taps.tap(3100)).toBe(false);
});

it('does not fire when the taps are too slow', () => {
  const taps = new TapSequence(5, 3000);
  expect([0, 1000, 2000, 3000, 4000, 5000].some((at) => taps.tap(at))).toBe(false);
});
