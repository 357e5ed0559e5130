import { describe, expect, it } from 'vitest';
import { skmCodeFromQr } from './skm';

describe('skmCodeFromQr', () => {
  it("takes the code of a receipt's e-SKM QR", () => {
    expect(skmCodeFromQr('ANJUNGAN-SKM:4821093757')).toBe('4821093757');
    expect(skmCodeFromQr(' ANJUNGAN-SKM:4821093757\n')).toBe('4821093757');
  });

  it('refuses anything else', () => {
    for (const text of [
      '4821093757',
      'ANJUNGAN-SKM:4821',
      'ANJUNGAN-SKM:48210937571',
      'ANJUNGAN-SKM:4821 0937 57',
      'https://hub.dpmptsp.metrokota.go.id/t/26-000-00105-7',
      'ANJUNGAN-SKM:'.repeat(240),
    ]) {
      expect(skmCodeFromQr(text), text.slice(0, 40)).toBeNull();
    }
  });
});
