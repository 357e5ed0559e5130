// End-to-end tests of the REAL kiosk window through WebDriver (tauri-driver + WebKitWebDriver).
// Starts a real hub on loopback with demo data, prepares and enrols a kiosk data directory,
// then drives the built app. Run under Xvfb: `xvfb-run -a node e2e/run.mjs` (scripts/test does).
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { deflateSync } from 'node:zlib';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import assert from 'node:assert/strict';
import { remote } from 'webdriverio';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const TARGET = process.env.CARGO_TARGET_DIR || path.join(ROOT, 'target');
const BIN = (name) => path.join(TARGET, 'debug', name);
const TOOLS = process.env.ANJUNGAN_TOOLS || path.join(ROOT, '.tools');
const ARTIFACTS = path.join(ROOT, 'ui', 'e2e', 'artifacts');
const PIN = '246810';
const IDLE_TIMEOUT_S = 12;
const IDLE_WARNING_S = 5;

const children = [];
const scratch = mkdtempSync(path.join(os.tmpdir(), 'anjungan-e2e-'));

function startHub(dataDir, listen = '127.0.0.1:0') {
  const child = spawn(BIN('anjungan-hub'), ['serve', '--demo', '--listen', listen, '--data', dataDir], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  children.push(child);
  return new Promise((resolve, reject) => {
    const lines = createInterface({ input: child.stdout });
    lines.once('line', (line) => resolve({ url: line.trim().split(' ').pop(), child }));
    child.once('exit', (code) => reject(new Error(`hub exited early (${code})`)));
  });
}

function stopHub(child) {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

function waitForPort(port, ms) {
  const deadline = Date.now() + ms;
  return new Promise((resolve, reject) => {
    const attempt = () => {
      const s = net.connect(port, '127.0.0.1');
      s.once('connect', () => { s.destroy(); resolve(); });
      s.once('error', () => {
        s.destroy();
        if (Date.now() > deadline) reject(new Error(`port ${port} did not open`));
        else setTimeout(attempt, 100);
      });
    };
    attempt();
  });
}

async function freePort() {
  return new Promise((resolve) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

const byTestId = (id) => `[data-testid="${id}"]`;

/** A plain grey 8-bit PNG (a camera frame with nothing in it), written without any library. */
function greyPng(file, width, height, level) {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (buf) => {
    let c = 0xffffffff;
    for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type, data) => {
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const out = Buffer.alloc(body.length + 8);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc(body), body.length + 4);
    return out;
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 0; // greyscale
  const rows = Buffer.alloc((width + 1) * height, level);
  for (let y = 0; y < height; y += 1) rows[y * (width + 1)] = 0; // filter: none
  writeFileSync(file, Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header), chunk('IDAT', deflateSync(rows)), chunk('IEND', Buffer.alloc(0)),
  ]));
}

async function main() {
  mkdirSync(ARTIFACTS, { recursive: true });
  const hubData = path.join(scratch, 'hub');
  const kioskData = path.join(scratch, 'kiosk');
  // The verify screen's camera: a replay of this folder (filled by the verify test).
  const frames = path.join(scratch, 'frames');
  mkdirSync(frames, { recursive: true });
  let hub = await startHub(hubData);
  const hubUrl = hub.url;
  const token = execFileSync(BIN('anjungan-hub'), ['enrol', '--kiosk', 'e2e-kiosk', '--data', hubData]).toString().trim();
  execFileSync(BIN('anjungan-cli'), ['--data', kioskData, 'init', '--pin', PIN]);
  execFileSync(BIN('anjungan-cli'), ['--data', kioskData, 'enrol', '--hub', hubUrl, '--token', token]);

  const port = await freePort();
  const driver = spawn(path.join(TOOLS, 'bin', 'tauri-driver'), ['--port', String(port), '--native-driver', '/usr/bin/WebKitWebDriver'], {
    stdio: ['ignore', 'inherit', 'inherit'],
    env: {
      ...process.env,
      ANJUNGAN_DATA: kioskData,
      ANJUNGAN_IDLE_TIMEOUT_S: String(IDLE_TIMEOUT_S),
      ANJUNGAN_IDLE_WARNING_S: String(IDLE_WARNING_S),
      ANJUNGAN_HUB_CHECK_S: '1',
      ANJUNGAN_CAMERA: `replay:${frames}`,
      XDG_CONFIG_HOME: path.join(scratch, 'xdg-config'),
      XDG_DATA_HOME: path.join(scratch, 'xdg-data'),
      XDG_CACHE_HOME: path.join(scratch, 'xdg-cache'),
    },
  });
  children.push(driver);
  await waitForPort(port, 20000);

  const browser = await remote({
    hostname: '127.0.0.1',
    port,
    logLevel: 'warn',
    // A stuck command fails the test in half a minute instead of stalling the run.
    connectionRetryTimeout: 30000,
    connectionRetryCount: 1,
    capabilities: {
      browserName: 'wry',
      'wdio:enforceWebDriverClassic': true,
      'tauri:options': { application: BIN('anjungan') },
    },
  });

  // The app turns WebKit's accelerated compositing off (kiosks without a GPU), and then a
  // WebDriver screenshot waits for the page's next paint: a still page never paints again. A
  // one-pixel mark changes colour on every animation frame while the screenshot is taken.
  const shot = async (file, session = browser) => {
    await session.execute(() => {
      const mark = document.createElement('div');
      mark.style.cssText = 'position:fixed;left:0;top:0;width:1px;height:1px;pointer-events:none;z-index:2147483647';
      document.body.appendChild(mark);
      let n = 0;
      const tick = () => {
        n += 1;
        mark.style.background = n % 2 ? 'rgba(0,0,0,0.01)' : 'rgba(0,0,0,0.02)';
        if (n < 240) requestAnimationFrame(tick);
        else mark.remove();
      };
      requestAnimationFrame(tick);
    });
    await session.saveScreenshot(file);
  };
  const text = async (id) => (await browser.$(byTestId(id))).getText();
  const home = async () => {
    const title = await browser.$(byTestId('home-title'));
    await title.waitForDisplayed({ timeout: 20000 });
  };
  // A refused command rejects in the page; WebKitWebDriver may also report that rejection
  // as a script error of its own. Either way the refusal and its message are what we check.
  const invoke = async (cmd, args = {}) => {
    try {
      return await browser.executeAsync((c, a, done) => {
        window.__TAURI_INTERNALS__.invoke(c, a).then(
          (value) => done({ ok: true, value }),
          (error) => done({ ok: false, error: typeof error === 'string' ? error : JSON.stringify(error) }),
        );
      }, cmd, args);
    } catch (e) {
      return { ok: false, error: String(e?.message ?? e) };
    }
  };

  // This run's idle timeout is short: a test that waits on the hub taps "Lanjutkan" as a
  // citizen still standing there would, then goes on.
  const stayActive = async () => {
    const warning = await browser.$(byTestId('idle-warning'));
    if (await warning.isDisplayed()) await (await browser.$(byTestId('idle-continue'))).click();
  };

  /** The permit the verify test issues (and revokes), for the staff check after it. */
  let issued = null;

  const tests = [
    ['the home screen renders in Indonesian with the five service tiles', async () => {
      await home();
      assert.equal(await browser.execute(() => document.documentElement.lang), 'id');
      assert.match(await text('tile-apply'), /Ajukan Izin/);
      assert.match(await text('tile-status'), /Cek Status Permohonan/);
      assert.match(await text('tile-verify'), /Cek Keaslian Izin/);
      assert.match(await text('tile-survey'), /Survei Kepuasan/);
      assert.match(await text('tile-complaint'), /Pengaduan/);
      await shot(path.join(ARTIFACTS, 'home-id.png'));
    }],
    ['the language switch turns the screen English and back', async () => {
      await home();
      await (await browser.$(byTestId('lang-switch'))).click();
      await browser.waitUntil(async () => /Check Application Status/.test(await text('tile-status')), { timeout: 3000 });
      assert.equal(await browser.execute(() => document.documentElement.lang), 'en');
      await shot(path.join(ARTIFACTS, 'home-en.png'));
      await (await browser.$(byTestId('lang-switch'))).click();
      await browser.waitUntil(async () => /Cek Status Permohonan/.test(await text('tile-status')), { timeout: 3000 });
    }],
    ['a tile that is not ready yet says so honestly', async () => {
      await home();
      await (await browser.$(byTestId('tile-apply'))).click();
      const screen = await browser.$(byTestId('unavailable'));
      await screen.waitForDisplayed({ timeout: 3000 });
      assert.match(await screen.getText(), /belum tersedia/i);
      await (await browser.$(byTestId('back-home'))).click();
      await home();
    }],
    ['a status check reaches the real hub and shows the answer', async () => {
      await home();
      await (await browser.$(byTestId('tile-status'))).click();
      const input = await browser.$(byTestId('tracking-input'));
      await input.waitForDisplayed({ timeout: 3000 });
      for (const d of '2026000103') await (await browser.$(byTestId(`keypad-${d}`))).click();
      await (await browser.$(byTestId('status-submit'))).click();
      const result = await browser.$(byTestId('status-result'));
      await result.waitForDisplayed({ timeout: 10000 });
      assert.match(await result.getText(), /Perlu Perbaikan/i);
      await shot(path.join(ARTIFACTS, 'status-result.png'));
      await (await browser.$(byTestId('back-home'))).click();
      await home();
    }],
    ['going idle warns, then wipes a typed field and returns home in Indonesian', async () => {
      await home();
      await (await browser.$(byTestId('lang-switch'))).click();
      await (await browser.$(byTestId('tile-status'))).click();
      const input = await browser.$(byTestId('tracking-input'));
      await input.waitForDisplayed({ timeout: 3000 });
      await input.setValue('2026000101');
      assert.equal(await input.getValue(), '2026000101');
      const warning = await browser.$(byTestId('idle-warning'));
      await warning.waitForDisplayed({ timeout: (IDLE_TIMEOUT_S + 5) * 1000 });
      await shot(path.join(ARTIFACTS, 'idle-warning.png'));
      await home();
      assert.match(await text('tile-status'), /Cek Status Permohonan/, 'language back to Indonesian');
      assert.equal(await browser.execute(() => sessionStorage.length + localStorage.length), 0);
      await (await browser.$(byTestId('tile-status'))).click();
      const fresh = await browser.$(byTestId('tracking-input'));
      await fresh.waitForDisplayed({ timeout: 3000 });
      assert.equal(await fresh.getValue(), '', 'the typed number is gone');
      await (await browser.$(byTestId('back-home'))).click();
    }],
    ['the kiosk window may not call staff commands', async () => {
      await home();
      const own = await invoke('app_info');
      assert.equal(own.ok, true, `kiosk commands work: ${own.error}`);
      assert.equal(own.value.idle_timeout_s, IDLE_TIMEOUT_S);
      for (const [cmd, args] of [['staff_overview', {}], ['staff_login', { pin: PIN }], ['staff_check_connection', {}]]) {
        const r = await invoke(cmd, args);
        assert.equal(r.ok, false, `${cmd} must be refused`);
        assert.match(r.error, /not allowed/i, `${cmd}: ${r.error}`);
      }
    }],
    ['the staff window takes a PIN and shows a live outage while the hub is down', async () => {
      await home();
      const kioskHandle = await browser.getWindowHandle();
      const opened = await invoke('open_staff_window');
      assert.equal(opened.ok, true, `open_staff_window: ${opened.error}`);
      await browser.waitUntil(async () => (await browser.getWindowHandles()).length === 2, { timeout: 10000 });
      const staffHandle = (await browser.getWindowHandles()).find((h) => h !== kioskHandle);
      await browser.switchToWindow(staffHandle);
      try {
        const pin = await browser.$(byTestId('pin-input'));
        await pin.waitForDisplayed({ timeout: 10000 });
        await pin.setValue('000000');
        await (await browser.$(byTestId('pin-submit'))).click();
        await browser.waitUntil(async () => /4/.test(await text('pin-message')), { timeout: 5000 });
        await (await browser.$(byTestId('pin-input'))).setValue(PIN);
        await (await browser.$(byTestId('pin-submit'))).click();
        await (await browser.$(byTestId('sync-view'))).waitForDisplayed({ timeout: 10000 });
        const state = async () => (await browser.$(byTestId('sync-state'))).getAttribute('data-state');
        const ongoing = async () => (await browser.$$(byTestId('outage-ongoing'))).length;
        await browser.waitUntil(async () => (await state()) === 'ok', { timeout: 15000, timeoutMsg: 'sync state ok at first' });
        assert.equal(await ongoing(), 0);

        const port = new URL(hub.url).port;
        await stopHub(hub.child);
        await browser.waitUntil(async () => (await ongoing()) === 1, { timeout: 15000, timeoutMsg: 'ongoing outage shown' });
        await browser.waitUntil(async () => (await state()) !== 'ok', { timeout: 15000 });
        await shot(path.join(ARTIFACTS, 'staff-outage.png'));

        hub = await startHub(hubData, `127.0.0.1:${port}`);
        await browser.waitUntil(async () => (await ongoing()) === 0, { timeout: 20000, timeoutMsg: 'outage closed after the hub returned' });
        await browser.waitUntil(async () => (await state()) === 'ok', { timeout: 20000 });
        assert.ok((await browser.$$(byTestId('outage-row'))).length >= 1, 'the closed outage stays in the log');
        // The outage record itself is delivered to the hub.
        await browser.waitUntil(async () => Number(await text('queue-delivered')) >= 1, { timeout: 20000, timeoutMsg: 'outage record delivered' });
        await shot(path.join(ARTIFACTS, 'staff-recovered.png'));
      } finally {
        await browser.switchToWindow(kioskHandle);
      }
    }],
    ['a survey done by touch while the hub is down arrives later and changes the hub IKM', async () => {
      await home();
      const hubIkm = () => JSON.parse(execFileSync(BIN('anjungan-hub'), ['skm', 'ikm', '--json', '--data', hubData]).toString());
      const before = hubIkm();
      const port = new URL(hub.url).port;
      await stopHub(hub.child);
      // Touch, not mouse: a pointer of type "touch" pressing and lifting on the element.
      const tap = async (id) => {
        const el = await browser.$(byTestId(id));
        await el.waitForDisplayed({ timeout: 5000 });
        await browser.action('pointer', { parameters: { pointerType: 'touch' } })
          .move({ origin: el })
          .down()
          .up()
          .perform();
      };
      await tap('tile-survey');
      for (let i = 1; i <= 10; i += 1) {
        await browser.waitUntil(async () => (await (await browser.$(byTestId('survey-question'))).getAttribute('data-code')) === `U${i}`, { timeout: 5000 });
        if (i === 1) {
          await shot(path.join(ARTIFACTS, 'survey-question.png'));
          for (const id of ['answer-1', 'answer-4', 'survey-back', 'survey-skip']) {
            const { width, height } = await (await browser.$(byTestId(id))).getSize();
            assert.ok(width >= 64 && height >= 64, `${id} is a ${width}×${height} px touch target`);
          }
        }
        await tap(i === 3 ? 'answer-3' : 'answer-4');
      }
      await (await browser.$(byTestId('survey-suggestion'))).waitForDisplayed({ timeout: 5000 });
      for (const key of ['osk-b', 'osk-a', 'osk-i', 'osk-k']) await tap(key);
      assert.equal(await (await browser.$(byTestId('suggestion-input'))).getValue(), 'baik');
      await tap('survey-next');
      await (await browser.$(byTestId('survey-profile'))).waitForDisplayed({ timeout: 5000 });
      await tap('profile-sex-perempuan');
      await tap('profile-edu-s1');
      await shot(path.join(ARTIFACTS, 'survey-profile.png'));
      await tap('survey-submit');
      await (await browser.$(byTestId('survey-thanks'))).waitForDisplayed({ timeout: 10000 });
      assert.ok(await (await browser.$(byTestId('survey-saved-offline'))).isDisplayed(), 'offline: saved, sent later');
      await shot(path.join(ARTIFACTS, 'survey-thanks-offline.png'));
      assert.equal(hubIkm().respondents, before.respondents, 'nothing reached the hub yet');

      hub = await startHub(hubData, `127.0.0.1:${port}`);
      await browser.waitUntil(() => hubIkm().respondents === before.respondents + 1, { timeout: 30000, interval: 500, timeoutMsg: 'the response reached the hub' });
      const after = hubIkm();
      // One respondent: nine elements at 4 and U3 at 3 → Σ NRR = 35 → IKM 97.22.
      assert.equal(before.respondents, 0);
      assert.equal(before.ikm, null);
      assert.equal(after.ikm, 97.22);
      assert.equal(after.grade, 'A');
      await tap('survey-done');
      await home();
    }],
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
      issued = JSON.parse(execFileSync(BIN('anjungan-hub'), ['permit', 'issue', '--data', hubData, '--json', permitJson,
        '--out', path.join(scratch, 'permits'), '--base-url', hub.url]).toString());
      // The printed page, rendered as the camera would see it.
      execFileSync('pdftoppm', ['-png', '-r', '150', '-singlefile', issued.pdf, path.join(frames, '0002-page')]);
      const kioskVerdict = () => JSON.parse(execFileSync(BIN('anjungan-cli'), ['--data', kioskData, 'verify', '--image',
        path.join(frames, '0002-page.png'), '--json']).toString()).verdict;
      // The kiosk picks the seal key up with its next list download (every few seconds).
      await browser.waitUntil(() => kioskVerdict() === 'ASLI', { timeout: 30000, interval: 1000, timeoutMsg: 'lists synced' });

      await (await browser.$(byTestId('tile-verify'))).click();
      const verdict = await browser.$('[data-verdict]');
      await verdict.waitForDisplayed({ timeout: 20000 });
      assert.equal(await verdict.getAttribute('data-verdict'), 'ASLI');
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
    ['the staff window checks a permit typed in by the counter scanner and a scanned file', async () => {
      assert.ok(issued, 'the verify test issued a permit');
      const kioskHandle = await browser.getWindowHandle();
      const opened = await invoke('open_staff_window');
      assert.equal(opened.ok, true, `open_staff_window: ${opened.error}`);
      await browser.waitUntil(async () => (await browser.getWindowHandles()).length === 2, { timeout: 10000 });
      await browser.switchToWindow((await browser.getWindowHandles()).find((h) => h !== kioskHandle));
      try {
        const pin = await browser.$(byTestId('pin-input'));
        if (await pin.isDisplayed()) {
          await pin.setValue(PIN);
          await (await browser.$(byTestId('pin-submit'))).click();
        }
        await (await browser.$(byTestId('tab-verify'))).click();
        const input = await browser.$(byTestId('staff-verify-input'));
        await input.waitForDisplayed({ timeout: 10000 });
        // A keyboard-wedge scanner types the QR's text and presses Enter.
        await input.addValue(`${issued.url}\uE007`);
        const verdict = await browser.$(`${byTestId('staff-verify-result')} [data-verdict]`);
        await verdict.waitForDisplayed({ timeout: 10000 });
        assert.equal(await verdict.getAttribute('data-verdict'), 'DICABUT');
        assert.equal(await input.getValue(), '', 'the field is ready for the next scan');
        const shown = async () => (await browser.$(`${byTestId('staff-verify-result')} [data-verdict]`)).getAttribute('data-verdict');
        await input.addValue('bukan kode izin\uE007');
        await browser.waitUntil(async () => (await shown()) === 'TIDAK_DIKENAL', { timeout: 10000 });
        // The printed page as a file from the document scanner.
        await (await browser.$(byTestId('staff-verify-file'))).setValue(path.join(frames, '0002-page.png'));
        await browser.waitUntil(async () => (await shown()) === 'DICABUT', { timeout: 15000, timeoutMsg: 'the file was checked' });
        assert.match(await text('staff-verify-result'), /503\/0210\/SIUP\/2026/);
        await shot(path.join(ARTIFACTS, 'staff-verify.png'));
      } finally {
        await browser.switchToWindow(kioskHandle);
      }
    }],
    ['a damaged store opens a maintenance screen instead of closing, and is left untouched', async () => {
      const broken = path.join(scratch, 'broken-kiosk');
      mkdirSync(broken, { recursive: true });
      const garbage = Buffer.alloc(8192, 0x5a);
      writeFileSync(path.join(broken, 'kiosk.sqlite3'), garbage);
      const secondPort = await freePort();
      const second = spawn(path.join(TOOLS, 'bin', 'tauri-driver'), ['--port', String(secondPort), '--native-driver', '/usr/bin/WebKitWebDriver', '--native-port', String(await freePort())], {
        stdio: ['ignore', 'inherit', 'inherit'],
        env: { ...process.env, ANJUNGAN_DATA: broken, XDG_CONFIG_HOME: path.join(scratch, 'xdg-config-2'), XDG_DATA_HOME: path.join(scratch, 'xdg-data-2'), XDG_CACHE_HOME: path.join(scratch, 'xdg-cache-2') },
      });
      children.push(second);
      await waitForPort(secondPort, 20000);
      const other = await remote({
        hostname: '127.0.0.1', port: secondPort, logLevel: 'warn', connectionRetryTimeout: 30000, connectionRetryCount: 1,
        capabilities: { browserName: 'wry', 'wdio:enforceWebDriverClassic': true, 'tauri:options': { application: BIN('anjungan') } },
      });
      try {
        const screen = await other.$(byTestId('maintenance'));
        await screen.waitForDisplayed({ timeout: 20000 });
        assert.equal(await screen.getAttribute('data-reason'), 'damaged');
        assert.match(await screen.getText(), /perawatan/i);
        assert.equal((await other.$$(byTestId('tile-status'))).length, 0, 'no services on a broken store');
        await shot(path.join(ARTIFACTS, 'maintenance.png'), other);
      } finally {
        await other.deleteSession().catch(() => {});
        second.kill('SIGTERM');
      }
      assert.ok(readFileSync(path.join(broken, 'kiosk.sqlite3')).equals(garbage), 'the store was not recreated');
    }],
    ['navigation away from the app is blocked', async () => {
      await home();
      await browser.execute(() => { window.location.href = 'https://example.com/'; });
      await browser.pause(500);
      const url = await browser.getUrl();
      assert.ok(!url.includes('example.com'), url);
      await home();
    }],
  ];

  let passed = 0;
  let failed = 0;
  // `E2E_ONLY=text` runs only the tests whose name contains it (for working on one).
  const only = process.env.E2E_ONLY;
  for (const [name, fn] of tests) {
    if (only && !name.includes(only)) continue;
    try {
      await fn();
      passed += 1;
      console.log(`ok - ${name}`);
    } catch (e) {
      failed += 1;
      console.log(`not ok - ${name}\n  ${String(e?.stack ?? e).split('\n').join('\n  ')}`);
      await shot(path.join(ARTIFACTS, `failed-${passed + failed}.png`)).catch(() => {});
    }
  }
  await browser.deleteSession().catch(() => {});
  console.log(`e2e: ${passed} passed, ${failed} failed`);
  return failed === 0;
}

let ok = false;
try {
  ok = await main();
} catch (e) {
  console.error(e);
} finally {
  for (const c of children.reverse()) c.kill('SIGTERM');
  rmSync(scratch, { recursive: true, force: true });
}
process.exit(ok ? 0 : 1);
