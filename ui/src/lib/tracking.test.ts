import { describe, expect, it } from 'vitest';
import {
  appendDigit,
  checkTracking,
  normaliseTracking,
  removeLast,
  TRACKING_DIGITS,
  TRACKING_EXAMPLE,
  trackingCheckDigit,
  trackingFromReceiptQr,
  trackingFromText,
} from './tracking';

const VALID = ['26-000-00101-2', '26-000-00102-0', '26-000-00103-6', '26-000-00105-7', '26-000-99999-1'];

const digitsOf = (printed: string) => printed.replace(/-/g, '');

describe('valid numbers', () => {
  it.each(VALID)('%s is accepted', (number) => {
    expect(checkTracking(number)).toBe('ok');
    expect(normaliseTracking(number)).toBe(number);
    expect(trackingCheckDigit(digitsOf(number).slice(0, 10))).toBe(number.slice(-1));
  });

  it('the example on screen is valid and eleven digits long', () => {
    expect(TRACKING_DIGITS).toBe(11);
    expect(TRACKING_EXAMPLE).toBe('26-000-00105-7');
    expect(checkTracking(TRACKING_EXAMPLE)).toBe('ok');
  });

  it('accepts spaces and dashes anywhere', () => {
    expect(normaliseTracking('26000001057')).toBe('26-000-00105-7');
    expect(normaliseTracking(' 26-000-00105-7 ')).toBe('26-000-00105-7');
    expect(normaliseTracking('26 000 00105 7')).toBe('26-000-00105-7');
    expect(normaliseTracking('2-6000-0010-57')).toBe('26-000-00105-7');
    expect(normaliseTracking('26--000 - 00105-7')).toBe('26-000-00105-7');
  });
});

describe('refusals', () => {
  it.each(['', '12345', '26-000-00105', '26-000-00105-77', '26-000-00105-x', '2026-000123', '26.000.00105.7'])(
    '"%s" has the wrong form',
    (input) => {
      expect(checkTracking(input)).toBe('format');
      expect(normaliseTracking(input)).toBeNull();
    },
  );

  it('a wrong last digit is a check-digit error, not a form error', () => {
    expect(checkTracking('26-000-00105-8')).toBe('check_digit');
    expect(normaliseTracking('26-000-00105-8')).toBeNull();
  });

  it.each(VALID)('every single mistyped digit of %s is caught', (number) => {
    const digits = digitsOf(number);
    for (let i = 0; i < digits.length; i++) {
      for (let d = 0; d <= 9; d++) {
        if (String(d) === digits[i]) continue;
        const typo = digits.slice(0, i) + d + digits.slice(i + 1);
        expect(checkTracking(typo), typo).toBe('check_digit');
      }
    }
  });

  it.each(VALID)('every swap of two neighbouring different digits of %s is caught', (number) => {
    const digits = digitsOf(number);
    let swaps = 0;
    for (let i = 0; i + 1 < digits.length; i++) {
      if (digits[i] === digits[i + 1]) continue;
      const swapped = digits.slice(0, i) + digits[i + 1] + digits[i] + digits.slice(i + 2);
      expect(checkTracking(swapped), swapped).toBe('check_digit');
      swaps++;
    }
    expect(swaps).toBeGreaterThan(0);
  });

  it('swaps are caught for any number, not just the examples', () => {
    // A deterministic spread of sequence numbers and kiosks.
    for (let n = 0; n < 2000; n += 7) {
      const first10 = `26${String(n % 1000).padStart(3, '0')}${String(n * 37).padStart(5, '0').slice(-5)}`;
      const digits = first10 + trackingCheckDigit(first10);
      expect(checkTracking(digits)).toBe('ok');
      for (let i = 0; i + 1 < digits.length; i++) {
        if (digits[i] === digits[i + 1]) continue;
        const swapped = digits.slice(0, i) + digits[i + 1] + digits[i] + digits.slice(i + 2);
        expect(checkTracking(swapped), swapped).toBe('check_digit');
      }
    }
  });
});

describe('keypad', () => {
  const type = (keys: string, start = '') => [...keys].reduce(appendDigit, start);

  it('groups the digits while typing', () => {
    expect(type('2')).toBe('2');
    expect(type('26')).toBe('26');
    expect(type('260')).toBe('26-0');
    expect(type('26000')).toBe('26-000');
    expect(type('260000')).toBe('26-000-0');
    expect(type('2600000105')).toBe('26-000-00105');
    expect(type('26000001057')).toBe('26-000-00105-7');
  });

  it('stops at eleven digits', () => {
    expect(type('2600000105799')).toBe('26-000-00105-7');
  });

  it('regroups a number typed on a keyboard with its own spacing', () => {
    expect(appendDigit('26 000', '0')).toBe('26-000-0');
    expect(appendDigit('2600', '0')).toBe('26-000');
  });

  it('leaves other characters for the check to name', () => {
    expect(appendDigit('26x', '1')).toBe('26x1');
  });

  it('back removes the last digit and a dangling dash', () => {
    expect(removeLast('26-0')).toBe('26');
    expect(removeLast('26-000-0')).toBe('26-000');
    expect(removeLast('26-000-00105-7')).toBe('26-000-00105');
    expect(removeLast('26-000-00105')).toBe('26-000-0010');
    expect(removeLast('2')).toBe('');
    expect(removeLast('')).toBe('');
  });
});

describe('a scanned or pasted status link', () => {
  it('gives the number at the end of /t/', () => {
    expect(trackingFromText('https://hub.example.test/t/26-000-00105-7')).toBe('26-000-00105-7');
    expect(trackingFromText('https://hub.example.test/t/26000001057/')).toBe('26000001057');
    expect(trackingFromText('http://10.0.0.5:8080/t/26-000-00105-7?lang=id')).toBe('26-000-00105-7');
  });

  it('leaves anything else as typed', () => {
    expect(trackingFromText('26-000-00105-7')).toBe('26-000-00105-7');
    expect(trackingFromText('https://hub.example.test/x/26-000-00105-7')).toBe(
      'https://hub.example.test/x/26-000-00105-7',
    );
  });
});

describe('trackingFromReceiptQr', () => {
  it("takes a receipt's status link whole, and its bare number normalised", () => {
    const link = 'https://hub.dpmptsp.metrokota.go.id/t/26-000-00105-7';
    expect(trackingFromReceiptQr(` ${link} `)).toEqual({ number: '26-000-00105-7', query: link });
    expect(trackingFromReceiptQr('26000001057')).toEqual({ number: '26-000-00105-7', query: '26-000-00105-7' });
  });

  it('refuses anything else', () => {
    for (const text of [
      '',
      'hello',
      'ANJUNGAN-SKM:4821093757',
      'https://hub.dpmptsp.metrokota.go.id/t/26-000-00105-8',
      'https://www.metrokota.go.id/',
      `https://hub.example/t/26-000-00105-7?${'x'.repeat(3000)}`,
    ]) {
      expect(trackingFromReceiptQr(text), text.slice(0, 60)).toBeNull();
    }
  });
});
