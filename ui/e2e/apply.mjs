// Ajukan Izin in the real window: a full application by touch while the hub is down, with
// documents from the watched scanner folder (one written slowly, one missing at first), its
// arrival at the hub intact, the office's "perlu perbaikan" seen in Cek Status, no NIK left
// on the kiosk's disk, and the idle wipe in the middle of the wizard.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { appendFileSync, existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import assert from 'node:assert/strict';
import { ARTIFACTS, BIN, IDLE_TIMEOUT_S, byTestId, greyPng, startHub, stopHub, tinyPdf } from './harness.mjs';

const NIK = '1872015408900002';
const sha256 = (bytes) => createHash('sha256').update(bytes).digest('hex');
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

export default (ctx) => {
  const { browser, inStaffWindow, hubData, kioskData, frames, scanner, shot, text, home, stayActive, tap } = ctx;
  const hub = (...args) => JSON.parse(execFileSync(BIN('anjungan-hub'), [...args, '--data', hubData]).toString());
  const inboxFiles = () => (existsSync(path.join(kioskData, 'inbox')) ? readdirSync(path.join(kioskData, 'inbox')) : []);
  const KEY_IDS = { ' ': 'space', '.': 'period', ',': 'comma', '-': 'dash', '/': 'slash', '@': 'at', ':': 'colon', _: 'underscore' };
  const keys = async (prefix, value) => {
    for (const c of value) await tap(`${prefix}-${KEY_IDS[c] ?? c}`);
  };
  const field = async (id, prefix, value) => {
    await tap(id);
    await keys(prefix, value);
  };
  const waitStep = (step) =>
    browser.$(byTestId(`apply-step-${step}`)).then((el) => el.waitForDisplayed({ timeout: 10000 }));
  /** From home to the identity step of a research permit. */
  const openApplication = async () => {
    await home();
    await tap('tile-apply');
    await tap('apply-service-skp-penelitian');
    await waitStep('kind');
    await tap('apply-next');
    await waitStep('identity');
  };
  /** Waits for the scan to be shown for confirmation, and confirms it as the citizen's. */
  const confirmScan = async (file, screenshot = null) => {
    await browser.waitUntil(async () => file.test(await text('apply-pending-meta').catch(() => '')),
      { timeout: 10000, timeoutMsg: `${file} shown for confirmation` });
    if (screenshot) await shot(path.join(ARTIFACTS, screenshot));
    await tap('apply-pending-use');
    await browser.waitUntil(async () => (await browser.$$(byTestId('apply-pending'))).length === 0, { timeout: 5000 });
  };

  return [
    ['the information screen shows a service with its requirements, time and fee', async () => {
      await home();
      await tap('tile-info');
      await (await browser.$(byTestId('info-search'))).waitForDisplayed({ timeout: 5000 });
      await shot(path.join(ARTIFACTS, 'info-list.png'));
      await tap('info-search');
      await keys('osk', 'penelitian');
      await shot(path.join(ARTIFACTS, 'info-search.png'));
      await tap('info-service-skp-penelitian');
      const detail = await browser.$(byTestId('info-detail'));
      await detail.waitForDisplayed({ timeout: 5000 });
      const shown = await detail.getText();
      assert.match(shown, /Surat Keterangan Penelitian/);
      assert.match(shown, /KTP/);
      assert.match(shown, /1 hari kerja/);
      assert.match(shown, /Gratis/);
      assert.match(shown, /CONTOH/, 'demo values are marked as examples');
      await shot(path.join(ARTIFACTS, 'info-detail.png'));
      await tap('info-apply');
      await waitStep('kind');
      await (await browser.$(byTestId('back-home'))).click();
      await (await browser.$(byTestId('back-home'))).click();
      await home();
    }],
    ['an application by touch while the hub is down reaches the hub intact, and its status comes back', async () => {
      await home();
      const port = new URL(ctx.hub.url).port;
      await stopHub(ctx.hub.child);
      await tap('tile-apply');
      await shot(path.join(ARTIFACTS, 'apply-pick.png'));
      await tap('apply-service-skp-penelitian');
      await waitStep('kind');
      await tap('apply-next');

      await waitStep('identity');
      await keys('apply-keypad', NIK.slice(0, 15));
      await tap('apply-next');
      await browser.waitUntil(async () => (await text('apply-nik-problem')) === 'NIK harus 16 angka.', { timeout: 5000 });
      await keys('apply-keypad', NIK.slice(15));
      // The red text follows the correction and the fields below move up: wait for it, as a
      // citizen would, before touching the next field.
      await browser.waitUntil(async () => (await browser.$$(byTestId('apply-nik-problem'))).length === 0,
        { timeout: 5000, timeoutMsg: 'the NIK problem went away once the NIK was complete' });
      await field('apply-name', 'osk', 'siti aminah');
      await tap('apply-sex-P');
      await field('apply-birth-place', 'osk', 'metro');
      await field('apply-birth-date', 'apply-keypad', '14081990');
      await field('apply-address', 'osk', 'jl. a no. 12-a rt 01/rw 02');
      await tap('apply-kelurahan');
      await tap('apply-kelurahan-18.72.01.1001');
      await field('apply-phone', 'apply-keypad', '081234567890');
      await shot(path.join(ARTIFACTS, 'apply-identity.png'));
      await stayActive();
      await tap('apply-next');

      await waitStep('fields');
      await field('apply-field-judul', 'osk', 'pola tanam padi');
      await field('apply-field-lokasi', 'osk', 'metro');
      await field('apply-field-mulai', 'apply-keypad', '01122026');
      await field('apply-field-selesai', 'apply-keypad', '28022027');
      await stayActive();
      await tap('apply-next');

      await waitStep('documents');
      await tap('apply-condition-akta-pendirian-badan-no');
      await tap('apply-condition-surat-kuasa-no');
      // The KTP is photographed with the kiosk camera (a replay of recorded frames here); the
      // counter scanner saves the three PDFs, one of them written slowly.
      const files = {
        'pengantar-permohonan-lembaga': { name: 'pengantar.pdf', bytes: tinyPdf('pengantar', 2) },
        'proposal-penelitian': { name: 'proposal.pdf', bytes: tinyPdf('proposal', 3) },
        'pernyataan-menaati-peraturan': { name: 'pernyataan.pdf', bytes: tinyPdf('pernyataan') },
      };
      greyPng(path.join(frames, '0003-ktp.png'), 1280, 720, 170);
      await tap('apply-doc-photo-ktp');
      await (await browser.$(byTestId('apply-camera'))).waitForDisplayed({ timeout: 10000 });
      await browser.waitUntil(async () => (await browser.$(byTestId('apply-camera-take'))).isEnabled(), { timeout: 20000, timeoutMsg: 'camera ready' });
      await shot(path.join(ARTIFACTS, 'apply-camera.png'));
      await tap('apply-camera-take');
      await browser.waitUntil(async () => /Kamera/.test(await text('apply-doc-ktp')), { timeout: 10000, timeoutMsg: 'photo taken' });
      rmSync(path.join(frames, '0003-ktp.png'));
      await tap('apply-doc-scan-pengantar-permohonan-lembaga');
      const slow = files['pengantar-permohonan-lembaga'].bytes;
      for (let i = 0; i < slow.length; i += 64) {
        appendFileSync(path.join(scanner, 'pengantar.pdf'), slow.subarray(i, i + 64));
        await sleep(150);
      }
      // Every scan is shown for the citizen to confirm before it is theirs.
      await confirmScan(/pengantar\.pdf · 2 halaman/, 'apply-documents-confirm.png');
      await browser.waitUntil(async () => /2 halaman/.test(await text('apply-doc-pengantar-permohonan-lembaga')), { timeout: 10000, timeoutMsg: 'slow scan taken whole' });
      await tap('apply-doc-scan-proposal-penelitian');
      writeFileSync(path.join(scanner, files['proposal-penelitian'].name), files['proposal-penelitian'].bytes);
      await confirmScan(/proposal\.pdf/);
      await browser.waitUntil(async () => /3 halaman/.test(await text('apply-doc-proposal-penelitian')), { timeout: 10000 });
      // One requirement still missing: "Kirim" is blocked, and the screen says which.
      await stayActive();
      await tap('apply-next');
      await (await browser.$(byTestId('apply-blocked'))).waitForDisplayed({ timeout: 5000 });
      assert.match(await text('apply-docs-missing'), /Surat pernyataan menaati/);
      await shot(path.join(ARTIFACTS, 'apply-documents-blocked.png'));
      writeFileSync(path.join(scanner, files['pernyataan-menaati-peraturan'].name), files['pernyataan-menaati-peraturan'].bytes);
      await confirmScan(/pernyataan\.pdf/);
      await browser.waitUntil(async () => /pernyataan\.pdf/.test(await text('apply-doc-pernyataan-menaati-peraturan')), { timeout: 10000 });
      assert.equal((await browser.$$(byTestId('apply-docs-missing'))).length, 0);
      await shot(path.join(ARTIFACTS, 'apply-documents.png'));
      await stayActive();
      await tap('apply-next');

      await (await browser.$(byTestId('apply-review'))).waitForDisplayed({ timeout: 5000 });
      await tap('apply-consent');
      await shot(path.join(ARTIFACTS, 'apply-review.png'));
      const said = ctx.spokenCount();
      await tap('apply-next');
      const numberEl = await browser.$(byTestId('apply-tracking-number'));
      await numberEl.waitForDisplayed({ timeout: 10000 });
      await ctx.nextSpoken(said, 'the receipt number read out');
      const number = await numberEl.getText();
      assert.match(number, /^\d{2}-\d{3}-\d{5}-\d$/);
      assert.match(await text('apply-done-state'), /akan dikirim otomatis/);
      assert.ok(await (await browser.$(byTestId('apply-tracking-qr'))).isDisplayed(), 'a QR of the number');
      // The receipt prints on the local CUPS queue while the hub is down.
      await browser.waitUntil(
        async () => (await (await browser.$(byTestId('apply-print-state'))).getAttribute('data-state')) === 'printed',
        { timeout: 30000, timeoutMsg: 'the receipt was printed' },
      );
      const skmCode = (await text('apply-skm-code')).replace(/\D/g, '');
      assert.match(skmCode, /^\d{10}$/);
      ctx.receipt = { number, skmCode };
      await shot(path.join(ARTIFACTS, 'apply-done-offline.png'));
      const pdfDir = process.env.ANJUNGAN_CUPS_PDF_DIR;
      assert.ok(pdfDir, 'ANJUNGAN_CUPS_PDF_DIR: scripts/cups-test-queues sets up the queue');
      const printed = () => readdirSync(pdfDir).find((f) => f.includes(number) && f.endsWith('.pdf'));
      await browser.waitUntil(() => printed() !== undefined, { timeout: 20000, interval: 250, timeoutMsg: 'the queue wrote the PDF' });
      const pdf = path.join(pdfDir, printed());
      const pdfText = execFileSync('pdftotext', [pdf, '-']).toString();
      assert.ok(pdfText.includes(number.split('-').join(' - ')), `the tracking number on the receipt:\n${pdfText}`);
      assert.equal(pdfText.indexOf(NIK), -1, 'no NIK on the receipt');
      assert.doesNotMatch(pdfText, /Siti|Aminah/i, 'the name only masked');
      assert.match(pdfText, /S\*\*\* A\*\*\*\*\*/);
      execFileSync('pdftoppm', ['-png', '-r', '70', '-singlefile', pdf, path.join(ARTIFACTS, 'receipt-cups')]);
      assert.deepEqual(inboxFiles(), [], 'the documents left the inbox for the store');
      await tap('apply-finish');
      await home();

      ctx.hub = await startHub(hubData, `127.0.0.1:${port}`);
      await browser.waitUntil(() => hub('applications', 'list', '--json').some((a) => a.tracking_number === number),
        { timeout: 30000, interval: 500, timeoutMsg: 'the application reached the hub' });
      const shown = hub('applications', 'show', '--number', number, '--json');
      assert.equal(shown.applicant.nik, NIK);
      assert.equal(shown.applicant.name, 'Siti Aminah'.toLowerCase());
      const got = Object.fromEntries(shown.documents.map((d) => [d.requirement_code, d.sha256]));
      const want = Object.fromEntries(Object.entries(files).map(([code, f]) => [code, sha256(f.bytes)]));
      const photo = shown.documents.find((d) => d.requirement_code === 'ktp');
      assert.equal(photo?.kind, 'jpeg', 'the camera photo arrived as a JPEG');
      delete got.ktp;
      assert.deepEqual(got, want, 'every scanned document arrived intact');

      execFileSync(BIN('anjungan-hub'), ['applications', 'set-status', '--data', hubData, '--number', number,
        '--status', 'perlu_perbaikan', '--missing', 'proposal-penelitian', '--note', 'Proposal belum ditandatangani pembimbing']);
      await tap('tile-status');
      for (const d of number.replace(/-/g, '')) await tap(`keypad-${d}`);
      await tap('status-submit');
      const result = await browser.$(byTestId('status-result'));
      await result.waitForDisplayed({ timeout: 10000 });
      assert.match(await result.getText(), /Perlu Perbaikan/);
      assert.match(await result.getText(), /Proposal penelitian/);
      await shot(path.join(ARTIFACTS, 'apply-status-perlu-perbaikan.png'));
      await (await browser.$(byTestId('back-home'))).click();
      await home();

      // Once the hub has it, the NIK is gone from every byte of the kiosk's database files.
      const queue = () => JSON.parse(execFileSync(BIN('anjungan-cli'), ['--data', kioskData, 'queue', '--json']).toString());
      await browser.waitUntil(() => queue().by_kind.application?.delivered >= 1, { timeout: 20000, interval: 500 });
      await sleep(1000);
      for (const name of ['kiosk.sqlite3', 'kiosk.sqlite3-wal', 'kiosk.sqlite3-shm']) {
        const file = path.join(kioskData, name);
        if (existsSync(file)) assert.equal(readFileSync(file).indexOf(NIK), -1, `the NIK is still in ${name}`);
      }
      assert.deepEqual(inboxFiles(), []);
    }],
    ["the receipt's one-time code opens the e-SKM with its service, once, and counts as linked at the hub", async () => {
      assert.ok(ctx.receipt, 'the application test issued a receipt');
      const { skmCode } = ctx.receipt;
      const hubIkm = () => hub('skm', 'ikm', '--json');
      const before = hubIkm().linked.respondents;
      const enterCode = async () => {
        await home();
        await tap('tile-survey');
        await (await browser.$(byTestId('survey-code-input'))).waitForDisplayed({ timeout: 5000 });
        for (const d of skmCode) await tap(`survey-code-key-${d}`);
        await tap('survey-code-submit');
      };
      await enterCode();
      await browser.waitUntil(async () => (await (await browser.$(byTestId('survey-question'))).getAttribute('data-code')) === 'U1',
        { timeout: 10000, timeoutMsg: 'the code opens the questions' });
      for (let i = 1; i <= 10; i += 1) {
        await browser.waitUntil(async () => (await (await browser.$(byTestId('survey-question'))).getAttribute('data-code')) === `U${i}`, { timeout: 5000 });
        await tap('answer-4');
      }
      await tap('survey-next');
      await (await browser.$(byTestId('survey-profile'))).waitForDisplayed({ timeout: 5000 });
      assert.equal(await (await browser.$(byTestId('profile-service-skp-penelitian'))).getAttribute('aria-pressed'), 'true',
        'the service came with the code');
      await tap('survey-submit');
      await (await browser.$(byTestId('survey-thanks'))).waitForDisplayed({ timeout: 10000 });
      await tap('survey-done');
      // The same code again: refused at once, in words.
      await enterCode();
      const error = await browser.$(byTestId('survey-code-error'));
      await error.waitForDisplayed({ timeout: 10000 });
      assert.equal(await error.getAttribute('data-code'), 'skm_code_used');
      await shot(path.join(ARTIFACTS, 'survey-code-used.png'));
      await tap('survey-back');
      await home();
      await browser.waitUntil(() => hubIkm().linked.respondents === before + 1, { timeout: 30000, interval: 500, timeoutMsg: 'the linked response reached the hub' });
    }],
    ['the idle wipe in the middle of the wizard leaves no NIK on the page and no document in the inbox', async () => {
      await openApplication();
      await keys('apply-keypad', NIK);
      writeFileSync(path.join(scanner, 'ktp-lagi.pdf'), tinyPdf('ktp lagi'));
      await browser.waitUntil(() => inboxFiles().length > 0, { timeout: 10000, timeoutMsg: 'a scan arrived' });
      // The citizen walks away: warning, then the wipe.
      await home((IDLE_TIMEOUT_S + 10) * 1000);
      const page = await browser.execute(() => document.body.innerText);
      assert.ok(!page.includes(NIK), 'no NIK left on the page');
      await browser.waitUntil(() => inboxFiles().length === 0, { timeout: 5000, timeoutMsg: 'the abandoned documents are deleted' });
    }],
    ['the counter takes an application in the staff window by keyboard, with chosen files', async () => {
      await home();
      await inStaffWindow(async () => {
        await (await browser.$(byTestId('tab-counter'))).click();
        const select = await browser.$(byTestId('counter-service'));
        await select.waitForDisplayed({ timeout: 10000 });
        await select.selectByAttribute('value', 'skp-penelitian');
        const type = async (id, value) => (await browser.$(byTestId(id))).setValue(value);
        await type('counter-nik', '1872011408900001');
        await type('counter-name', 'Budi Santoso');
        await (await browser.$(byTestId('counter-sex'))).selectByAttribute('value', 'L');
        await type('counter-birth-place', 'Metro');
        await type('counter-birth-date', '14081990');
        await type('counter-phone', '081298765432');
        await type('counter-address', 'Jl. Ahmad Yani No. 3');
        await type('counter-field-judul', 'Irigasi');
        await type('counter-field-lokasi', 'Metro Timur');
        await type('counter-field-mulai', '2026-12-01');
        await type('counter-field-selesai', '2027-01-31');
        await (await browser.$(byTestId('counter-condition-akta-pendirian-badan'))).selectByAttribute('value', 'false');
        await (await browser.$(byTestId('counter-condition-surat-kuasa'))).selectByAttribute('value', 'false');
        const files = {};
        for (const code of ['ktp', 'pengantar-permohonan-lembaga', 'proposal-penelitian', 'pernyataan-menaati-peraturan']) {
          const file = path.join(kioskData, '..', `counter-${code}.pdf`);
          files[code] = tinyPdf(`counter ${code}`);
          writeFileSync(file, files[code]);
          await (await browser.$(byTestId(`counter-file-${code}`))).setValue(file);
          await browser.waitUntil(async () => /counter-/.test(await text(`counter-doc-name-${code}`)), { timeout: 10000, timeoutMsg: `${code} taken` });
        }
        await (await browser.$(byTestId('counter-consent'))).click();
        await shot(path.join(ARTIFACTS, 'counter-form.png'));
        await (await browser.$(byTestId('counter-submit'))).click();
        const numberEl = await browser.$(byTestId('counter-tracking-number'));
        await numberEl.waitForDisplayed({ timeout: 10000 });
        const number = await numberEl.getText();
        await browser.waitUntil(async () => (await (await browser.$(byTestId('counter-print-state'))).getAttribute('data-state')) === 'printed',
          { timeout: 30000, timeoutMsg: 'the counter printed the receipt' });
        await shot(path.join(ARTIFACTS, 'counter-done.png'));
        await browser.waitUntil(() => hub('applications', 'list', '--json').some((a) => a.tracking_number === number),
          { timeout: 30000, interval: 500, timeoutMsg: 'the counter application reached the hub' });
        const shown = hub('applications', 'show', '--number', number, '--json');
        assert.equal(shown.applicant.name, 'Budi Santoso');
        assert.deepEqual(Object.fromEntries(shown.documents.map((d) => [d.requirement_code, d.sha256])),
          Object.fromEntries(Object.entries(files).map(([c, b]) => [c, sha256(b)])));
        await (await browser.$(byTestId('counter-new'))).click();

        // The day's receipts: this one among them, reprinted on the CUPS queue; the printer's state.
        await (await browser.$(byTestId('counter-tab-receipts'))).click();
        const row = await browser.$(byTestId(`counter-receipt-${number}`));
        await row.waitForDisplayed({ timeout: 10000 });
        assert.match(await row.getText(), /B\*\*\* S\*\*\*\*\*\*/, 'the name as printed: masked');
        assert.doesNotMatch(await row.getText(), /Budi/);
        const before = readdirSync(process.env.ANJUNGAN_CUPS_PDF_DIR).filter((f) => f.includes(number)).length;
        await (await browser.$(byTestId(`counter-reprint-${number}`))).click();
        await browser.waitUntil(async () => (await (await browser.$(byTestId(`counter-print-state-${number}`))).getAttribute('data-state')) === 'printed'
          && readdirSync(process.env.ANJUNGAN_CUPS_PDF_DIR).filter((f) => f.includes(number)).length === before + 1,
        { timeout: 30000, timeoutMsg: 'reprinted on the queue' });
        await (await browser.$(byTestId('counter-printer-check'))).click();
        await browser.waitUntil(async () => (await (await browser.$(byTestId('counter-printer-state'))).getAttribute('data-state')) === 'ready',
          { timeout: 15000, timeoutMsg: 'the printer answers ready' });
        await shot(path.join(ARTIFACTS, 'counter-receipts.png'));
        await (await browser.$(byTestId('counter-tab-apply'))).click();
      });
    }],
    ['a crash after a scan, a restart, and the next citizen sees nothing of the first', async () => {
      await openApplication();
      // The first citizen's KTP is scanned; another scan is still in the folder when the
      // kiosk loses its power.
      writeFileSync(path.join(scanner, 'ktp-warga-pertama.pdf'), tinyPdf('ktp warga pertama'));
      await browser.waitUntil(() => inboxFiles().length > 0, { timeout: 10000, timeoutMsg: 'the scan was taken' });
      writeFileSync(path.join(scanner, 'kk-warga-pertama.pdf'), tinyPdf('kk warga pertama'));
      execFileSync('pkill', ['-KILL', '-x', 'anjungan']);
      await browser.reloadSession();
      await home(30000);
      assert.deepEqual(inboxFiles(), [], 'the inbox was wiped at start');
      assert.deepEqual(readdirSync(scanner).filter((f) => !f.startsWith('.')), [], 'the scanner folder too');
      // The next citizen opens an application: nothing of the first on the page.
      await tap('tile-apply');
      await tap('apply-service-skp-penelitian');
      await waitStep('kind');
      const page = await browser.execute(() => document.body.innerText);
      assert.doesNotMatch(page, /warga-pertama|warga pertama/);
      assert.equal((await browser.$$(byTestId('apply-pending'))).length, 0);
      await (await browser.$(byTestId('back-home'))).click();
      await (await browser.$(byTestId('back-home'))).click();
      await home();
    }],
  ];
};
