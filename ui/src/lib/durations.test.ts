import { describe, expect, it } from 'vitest';
import { formatDuration, formatSeconds } from './durations';
import { setLanguage } from './i18n/index.svelte';

describe('formatDuration', () => {
  it('uses the two largest units in Indonesian', () => {
    expect(formatDuration(0)).toBe('0 detik');
    expect(formatDuration(45)).toBe('45 detik');
    expect(formatDuration(200)).toBe('3 menit 20 detik');
    expect(formatDuration(3_600)).toBe('1 jam');
    expect(formatDuration(3_725)).toBe('1 jam 2 menit');
    expect(formatDuration(90_061)).toBe('1 hari 1 jam');
  });

  it('follows the language', () => {
    setLanguage('en');
    expect(formatDuration(200)).toBe('3 min 20 s');
    expect(formatDuration(7_200)).toBe('2 h');
  });

  it('treats negative and fractional input calmly', () => {
    expect(formatDuration(-5)).toBe('0 detik');
    expect(formatDuration(59.6)).toBe('1 menit');
  });
});

describe('formatSeconds', () => {
  it('formats milliseconds as seconds in the current locale', () => {
    expect(formatSeconds(30_000)).toBe('30 detik');
    expect(formatSeconds(1_500)).toBe('1,5 detik');
    setLanguage('en');
    expect(formatSeconds(1_500)).toBe('1.5 s');
  });
});
