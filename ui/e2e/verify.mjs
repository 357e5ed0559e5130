// Cek Keaslian Izin from replayed camera frames, revocation, and the staff check.
import { execFileSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import assert from 'node:assert/strict';
import { ARTIFACTS, BIN, byTestId, greyPng, scratch } from './harness.mjs';

export default (ctx) => {
  const { inStaffWindow, browser, hubData, kioskData, frames, shot, text, home, stayActive } = ctx;
  return [
    ['the verify screen shows the live preview and, when no QR is found, a hint', async () => {
      await home();
      greyPng(path.join(frames, '0001-empty.png'), 1280, 720, 180);
      await (await browser.$(byTestId('tile-verify'))).click();
      const canvas = await browser.$(byTestId('verify-preview'));
      await canvas.waitForDisplayed({ timeout: 20000 });
      assert.ok(await (await browser.$(byTestId('verify-guide'))).isDisplayed(), 'a frame guide');
      // No verdict for a while: the hint (hold closer, more light) appears. (This run's idle
      // timeout is short, so its warning may come first: the citizen taps "Lanjutkan".)
      await browser.waitUntil(async () => { await stayActive(); return (await browser.$(byTestId('verify-hint'))).isDisplayed(); },
        { timeout: 15000, interval: 300, timeoutMsg: 'the hint appears' });
      await shot(path.join(ARTIFACTS, 'verify-hint.png'));
      // Preview figures from the real window: frames drawn, fps, capture-to-draw latency.
      const figures = {};
      for (const k of ['frames', 'dropped', 'fps', 'latency-p50', 'latency-p95']) figures[k] = Number(await canvas.getAttribute(`data-${k}`));
      writeFileSync(path.join(ARTIFACTS, 'verify-preview.json'), JSON.stringify(figures));
      console.log(`# verify preview, 1280x720 replay: ${JSON.stringify(figures)}`);
      assert.ok(figures.frames > 20, `the preview is live: ${JSON.stringify(figures)}`);
      await (await browser.$(byTestId('back-home'))).click();
      await home();
      rmSync(path.join(frames, '0001-empty.png'));
    }],
    ['the verify screen, fed by replayed camera frames, shows ASLI and then DICABUT after revocation and sync', async () => {
      await home();
      const permitJson = path.join(scratch, 'permit.json');
      writeFileSync(permitJson, JSON.stringify({
        number: '503/0210/SIUP/2026', type: 'Surat Izin Usaha Perdagangan', holder_name: 'Toko Sumber Rezeki',
        nib: '9120001112223', issued: '2026-11-20', valid_until: '2031-11-20',
      }));
      ctx.issued = JSON.parse(execFileSync(BIN('anjungan-hub'), ['permit', 'issue', '--data', hubData, '--json', permitJson,
        '--out', path.join(scratch, 'permits'), '--base-url', ctx.hub.url]).toString());
      // The printed page, rendered as the camera would see it.
      execFileSync('pdftoppm', ['-png', '-r', '150', '-singlefile', ctx.issued.pdf, path.join(frames, '0002-page')]);
      const kioskVerdict = () => JSON.parse(execFileSync(BIN('anjungan-cli'), ['--data', kioskData, 'verify', '--image',
        path.join(frames, '0002-page.png'), '--json']).toString()).verdict;
      // The kiosk picks the seal key up with its next list download (every few seconds).
      await browser.waitUntil(() => kioskVerdict() === 'ASLI', { timeout: 30000, interval: 1000, timeoutMsg: 'lists synced' });

      const said = ctx.spokenCount();
      await (await browser.$(byTestId('tile-verify'))).click();
      const verdict = await browser.$('[data-verdict]');
      await verdict.waitForDisplayed({ timeout: 20000 });
      assert.equal(await verdict.getAttribute('data-verdict'), 'ASLI');
      await ctx.nextSpoken(said, 'the ASLI verdict read out');
      assert.match(await text('verdict-number'), /503\/0210\/SIUP\/2026/);
      assert.match(await text('verdict-holder'), /Toko Sumber Rezeki/);
      assert.match(await text('verdict-legal'), /tanda tangan elektronik tersertifikasi/);
      assert.match(await text('verdict-label'), /ASLI/, 'a word, not colour alone');
      await shot(path.join(ARTIFACTS, 'verify-asli.png'));

      execFileSync(BIN('anjungan-hub'), ['permit', 'revoke', '--data', hubData, '--number', '503/0210/SIUP/2026',
        '--reason', 'Usaha tutup permanen']);
      await browser.waitUntil(async () => { await stayActive(); return kioskVerdict() === 'DICABUT'; },
        { timeout: 30000, interval: 1000, timeoutMsg: 'revocation synced' });
      await stayActive();
      await (await browser.$(byTestId('verify-again'))).click();
      await browser.waitUntil(async () => (await (await browser.$('[data-verdict]')).getAttribute('data-verdict')) === 'DICABUT',
        { timeout: 20000, timeoutMsg: 'DICABUT after the list sync' });
      assert.match(await text('verdict-reason'), /Usaha tutup permanen/);
      await shot(path.join(ARTIFACTS, 'verify-dicabut.png'));
      await stayActive();

      await (await browser.$(byTestId('back-home'))).click();
      await home();
      assert.equal((await browser.$$('[data-verdict]')).length, 0, 'the holder is gone from the screen');
    }],
    ['the verify screen, for a genuine permit whose QR points to SiCantik, says where, with a QR for the phone', async () => {
      await home();
      // Only this frame under the camera: a QR of a national verification page.
      const page = path.join(frames, '0002-page.png');
      const sicantik = path.join(frames, '0003-sicantik.png');
      rmSync(page);
      const url = 'https://sicantik.go.id/verifikasi/7F3A9C21';
      execFileSync(BIN('anjungan-cli'), ['qr', 'encode', url, '--out', sicantik]);
      try {
        await (await browser.$(byTestId('tile-verify'))).click();
        const verdict = await browser.$('[data-verdict]');
        await verdict.waitForDisplayed({ timeout: 20000 });
        assert.equal(await verdict.getAttribute('data-verdict'), 'PERIKSA_DI_PENERBIT');
        await (await browser.$(byTestId('verdict-elsewhere-qr'))).waitForDisplayed({ timeout: 5000 });
        await shot(path.join(ARTIFACTS, 'verify-elsewhere.png'));
        assert.match(await text('verdict-explanation'), /SiCantik/);
        assert.equal(await (await browser.$(byTestId('verdict-elsewhere-url'))).getProperty('textContent'), url);
        await (await browser.$(byTestId('back-home'))).click();
        await home();
      } finally {
        rmSync(sicantik, { force: true });
        // The staff test reads the printed page again.
        execFileSync('pdftoppm', ['-png', '-r', '150', '-singlefile', ctx.issued.pdf, path.join(frames, '0002-page')]);
      }
    }],
    ['the staff window checks a permit typed in by the counter scanner and a scanned file', async () => {
      assert.ok(ctx.issued, 'the verify test issued a permit');
      await inStaffWindow(async () => {
        await (await browser.$(byTestId('tab-verify'))).click();
        const input = await browser.$(byTestId('staff-verify-input'));
        await input.waitForDisplayed({ timeout: 10000 });
        // A keyboard-wedge scanner types the QR's text and presses Enter.
        await input.addValue(`${ctx.issued.url}\uE007`);
        const verdict = await browser.$(`${byTestId('staff-verify-result')} [data-verdict]`);
        await verdict.waitForDisplayed({ timeout: 10000 });
        assert.equal(await verdict.getAttribute('data-verdict'), 'DICABUT');
        assert.equal(await input.getValue(), '', 'the field is ready for the next scan');
        const shown = async () => (await browser.$(`${byTestId('staff-verify-result')} [data-verdict]`)).getAttribute('data-verdict');
        await input.addValue('bukan kode izin\uE007');
        await browser.waitUntil(async () => (await shown()) === 'TIDAK_DIKENAL', { timeout: 10000 });
        await input.addValue('https://sicantik.go.id/verifikasi/7F3A9C21\uE007');
        await browser.waitUntil(async () => (await shown()) === 'PERIKSA_DI_PENERBIT', { timeout: 10000 });
        await shot(path.join(ARTIFACTS, 'staff-verify-elsewhere.png'));
        // The printed page as a file from the document scanner.
        await (await browser.$(byTestId('staff-verify-file'))).setValue(path.join(frames, '0002-page.png'));
        await browser.waitUntil(async () => (await shown()) === 'DICABUT', { timeout: 15000, timeoutMsg: 'the file was checked' });
        assert.match(await text('staff-verify-result'), /503\/0210\/SIUP\/2026/);
        await shot(path.join(ARTIFACTS, 'staff-verify.png'));
      });
    }],
  ];
};
