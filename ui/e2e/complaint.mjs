// Pengaduan in the real window: a complaint filed by touch while the hub is down, sealed on
// the kiosk (nothing of it readable in the kiosk's database files), its arrival at the hub,
// the office's answer, and "Cek Pengaduan" showing that answer only with the right PIN.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import assert from 'node:assert/strict';
import { ARTIFACTS, BIN, byTestId, greyPng, startHub, stopHub } from './harness.mjs';

const CHRONOLOGY = 'Petugas loket meminta Pungutan seratus ribu agar berkas cepat diproses.';
const NAME = 'Budi Santoso';

export default (ctx) => {
  const { browser, hubData, kioskData, frames, shot, text, home, stayActive, tap } = ctx;
  const hub = (...args) => JSON.parse(execFileSync(BIN('anjungan-hub'), [...args, '--data', hubData]).toString());
  const KEY_IDS = { ' ': 'space', '.': 'period', ',': 'comma', '-': 'dash', '/': 'slash', '@': 'at', ':': 'colon', _: 'underscore' };
  /** Types on the on-screen keyboard (a capital with the shift key) or a number pad. */
  const keys = async (prefix, value) => {
    for (const c of value) {
      if (prefix === 'osk' && c !== c.toLowerCase()) {
        await tap('osk-shift');
        await tap(`osk-${c.toLowerCase()}`);
      } else {
        await tap(`${prefix}-${KEY_IDS[c] ?? c}`);
      }
    }
  };
  const field = async (id, prefix, value) => {
    await tap(id);
    await keys(prefix, value);
  };
  const waitStep = (step) =>
    browser.$(byTestId(`complaint-step-${step}`)).then((el) => el.waitForDisplayed({ timeout: 10000 }));
  /** The kiosk's database files, as bytes on disk. */
  const dbBytes = () =>
    ['kiosk.sqlite3', 'kiosk.sqlite3-wal', 'kiosk.sqlite3-shm']
      .map((name) => path.join(kioskData, name))
      .filter((file) => existsSync(file))
      .map((file) => ({ name: path.basename(file), bytes: readFileSync(file) }));
  /** A few days ago as typed on the keypad (DDMMYYYY). */
  const daysAgo = (n) => {
    const d = new Date(Date.now() - n * 86_400_000);
    return `${String(d.getDate()).padStart(2, '0')}${String(d.getMonth() + 1).padStart(2, '0')}${d.getFullYear()}`;
  };

  return [
    ['a complaint by touch while the hub is down is sealed on the kiosk, reaches the office, and its answer needs the number and PIN', async () => {
      await home();
      for (const { name, bytes } of dbBytes()) {
        assert.equal(bytes.indexOf(NAME.split(' ')[0]), -1, `"Budi" already in ${name} before the complaint (another test's data)`);
      }
      const port = new URL(ctx.hub.url).port;
      await stopHub(ctx.hub.child);

      await tap('tile-complaint');
      await tap('complaint-new');
      await waitStep('category');
      await shot(path.join(ARTIFACTS, 'complaint-category.png'));
      await tap('complaint-category-h');
      await tap('complaint-next');

      await waitStep('story');
      await field('complaint-title', 'osk', 'Diminta uang di loket');
      await field('complaint-chronology', 'osk', CHRONOLOGY);
      assert.equal(await text('complaint-chronology-count'), `${CHRONOLOGY.length} / 4000`);
      await field('complaint-date', 'complaint-keypad', daysAgo(3));
      await field('complaint-place', 'osk', 'Kantor DPMPTSP');
      await shot(path.join(ARTIFACTS, 'complaint-story.png'));
      await stayActive();
      await tap('complaint-next');

      // One photo of the evidence with the kiosk camera (a replay of recorded frames here).
      await waitStep('attachments');
      const frame = path.join(frames, '0004-complaint.png');
      greyPng(frame, 1280, 720, 150);
      await tap('complaint-photo');
      await (await browser.$(byTestId('complaint-camera'))).waitForDisplayed({ timeout: 10000 });
      await browser.waitUntil(async () => (await browser.$(byTestId('complaint-camera-take'))).isEnabled(),
        { timeout: 20000, timeoutMsg: 'camera ready' });
      await shot(path.join(ARTIFACTS, 'complaint-camera.png'));
      await tap('complaint-camera-take');
      await (await browser.$(byTestId('complaint-attachments'))).waitForDisplayed({ timeout: 10000 });
      assert.match(await text('complaint-attachments'), /Foto/);
      rmSync(frame);
      await shot(path.join(ARTIFACTS, 'complaint-attachments.png'));
      await stayActive();
      await tap('complaint-next');

      await waitStep('identity');
      await tap('complaint-privacy-named');
      await field('complaint-name', 'osk', NAME);
      await field('complaint-phone', 'complaint-keypad', '081234567890');
      await shot(path.join(ARTIFACTS, 'complaint-identity.png'));
      await stayActive();
      await tap('complaint-next');

      await (await browser.$(byTestId('complaint-review'))).waitForDisplayed({ timeout: 5000 });
      await tap('complaint-consent');
      await shot(path.join(ARTIFACTS, 'complaint-review.png'));
      await tap('complaint-submit');

      const numberEl = await browser.$(byTestId('complaint-number'));
      await numberEl.waitForDisplayed({ timeout: 10000 });
      const number = await numberEl.getText();
      const pin = await text('complaint-pin');
      assert.match(number, /^\d{2}-\d{3}-\d{5}-\d$/);
      assert.match(pin, /^\d{10}$/);
      assert.match(await text('complaint-done-state'), /akan dikirim otomatis/);
      await (await browser.$(byTestId('complaint-qr'))).waitForDisplayed({ timeout: 5000 });
      await shot(path.join(ARTIFACTS, 'complaint-done-offline.png'));

      // Still offline, the complaint is on the kiosk only sealed: not a word of it in the clear.
      for (const { name, bytes } of dbBytes()) {
        assert.equal(bytes.indexOf('Pungutan'), -1, `the chronology is readable in ${name}`);
        assert.equal(bytes.indexOf('Budi'), -1, `the name is readable in ${name}`);
      }
      await tap('complaint-finish');
      await home();
      const page = await browser.execute(() => document.body.innerText);
      assert.ok(!page.includes('Budi') && !page.includes(pin), 'nothing of the complaint left on the page');

      ctx.hub = await startHub(hubData, `127.0.0.1:${port}`);
      await browser.waitUntil(() => hub('complaints', 'list', '--json').some((c) => c.tracking_number === number),
        { timeout: 30000, interval: 500, timeoutMsg: 'the complaint reached the hub' });
      execFileSync(BIN('anjungan-hub'), ['complaints', 'respond', '--data', hubData, '--number', number,
        '--status', 'ditanggapi', '--response', 'Petugas sudah ditegur.']);

      // Cek Pengaduan: the number with a wrong PIN shows nothing; the right PIN, the answer.
      await tap('tile-complaint');
      await tap('complaint-check');
      await field('complaint-check-number', 'complaint-keypad', number.replace(/-/g, ''));
      const wrongPin = pin.slice(0, 9) + String((Number(pin[9]) + 1) % 10);
      /** Types `typed` as the PIN and asks; the answer's error code, or null for a status. */
      const ask = async (typed) => {
        await tap('complaint-check-pin');
        await tap('complaint-keypad-clear');
        await keys('complaint-keypad', typed);
        let code = null;
        await browser.waitUntil(async () => {
          await tap('complaint-check-submit');
          await browser.waitUntil(async () => (await browser.$$(byTestId('complaint-check-error'))).length > 0
            || (await browser.$$(byTestId('complaint-status'))).length > 0, { timeout: 10000, timeoutMsg: 'an answer' });
          const errors = await browser.$$(byTestId('complaint-check-error'));
          code = errors.length > 0 ? await errors[0].getAttribute('data-code') : null;
          // The kiosk may not have noticed the hub is back yet: ask again.
          return code !== 'hub_unreachable';
        }, { timeout: 20000, interval: 1000, timeoutMsg: 'the hub answered the check' });
        return code;
      };
      assert.equal(await ask(wrongPin), 'not_found');
      assert.match(await text('complaint-check-error'), /Nomor atau PIN tidak cocok/);
      assert.equal((await browser.$$(byTestId('complaint-response'))).length, 0, 'no answer with a wrong PIN');
      await shot(path.join(ARTIFACTS, 'complaint-check-wrong-pin.png'));
      await stayActive();
      assert.equal(await ask(pin), null);
      const status = await browser.$(byTestId('complaint-status'));
      assert.equal(await status.getAttribute('data-status'), 'ditanggapi');
      assert.match(await status.getText(), /Ditanggapi/);
      assert.equal(await text('complaint-response'), 'Petugas sudah ditegur.');
      await shot(path.join(ARTIFACTS, 'complaint-check-answer.png'));
      await (await browser.$(byTestId('back-home'))).click();
      await (await browser.$(byTestId('back-home'))).click();
      await home();
    }],
  ];
};
