// End-to-end tests of the REAL kiosk window through WebDriver (tauri-driver + WebKitWebDriver).
// Starts a real hub on loopback with demo data, prepares and enrols a kiosk data directory,
// then drives the built app. Run under Xvfb: `xvfb-run -a node e2e/run.mjs` (scripts/test does).
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { createInterface } from 'node:readline';
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

async function main() {
  mkdirSync(ARTIFACTS, { recursive: true });
  const hubData = path.join(scratch, 'hub');
  const kioskData = path.join(scratch, 'kiosk');
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
    capabilities: {
      browserName: 'wry',
      'wdio:enforceWebDriverClassic': true,
      'tauri:options': { application: BIN('anjungan') },
    },
  });

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

  const tests = [
    ['the home screen renders in Indonesian with the five service tiles', async () => {
      await home();
      assert.equal(await browser.execute(() => document.documentElement.lang), 'id');
      assert.match(await text('tile-apply'), /Ajukan Izin/);
      assert.match(await text('tile-status'), /Cek Status Permohonan/);
      assert.match(await text('tile-verify'), /Cek Keaslian Izin/);
      assert.match(await text('tile-survey'), /Survei Kepuasan/);
      assert.match(await text('tile-complaint'), /Pengaduan/);
      await browser.saveScreenshot(path.join(ARTIFACTS, 'home-id.png'));
    }],
    ['the language switch turns the screen English and back', async () => {
      await home();
      await (await browser.$(byTestId('lang-switch'))).click();
      await browser.waitUntil(async () => /Check Application Status/.test(await text('tile-status')), { timeout: 3000 });
      assert.equal(await browser.execute(() => document.documentElement.lang), 'en');
      await browser.saveScreenshot(path.join(ARTIFACTS, 'home-en.png'));
      await (await browser.$(byTestId('lang-switch'))).click();
      await browser.waitUntil(async () => /Cek Status Permohonan/.test(await text('tile-status')), { timeout: 3000 });
    }],
    ['a tile that is not ready yet says so honestly', async () => {
      await home();
      await (await browser.$(byTestId('tile-verify'))).click();
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
      await browser.saveScreenshot(path.join(ARTIFACTS, 'status-result.png'));
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
      await browser.saveScreenshot(path.join(ARTIFACTS, 'idle-warning.png'));
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
        await browser.saveScreenshot(path.join(ARTIFACTS, 'staff-outage.png'));

        hub = await startHub(hubData, `127.0.0.1:${port}`);
        await browser.waitUntil(async () => (await ongoing()) === 0, { timeout: 20000, timeoutMsg: 'outage closed after the hub returned' });
        await browser.waitUntil(async () => (await state()) === 'ok', { timeout: 20000 });
        assert.ok((await browser.$$(byTestId('outage-row'))).length >= 1, 'the closed outage stays in the log');
        // The outage record itself is delivered to the hub.
        await browser.waitUntil(async () => Number(await text('queue-delivered')) >= 1, { timeout: 20000, timeoutMsg: 'outage record delivered' });
        await browser.saveScreenshot(path.join(ARTIFACTS, 'staff-recovered.png'));
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
          await browser.saveScreenshot(path.join(ARTIFACTS, 'survey-question.png'));
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
      await browser.saveScreenshot(path.join(ARTIFACTS, 'survey-profile.png'));
      await tap('survey-submit');
      await (await browser.$(byTestId('survey-thanks'))).waitForDisplayed({ timeout: 10000 });
      assert.ok(await (await browser.$(byTestId('survey-saved-offline'))).isDisplayed(), 'offline: saved, sent later');
      await browser.saveScreenshot(path.join(ARTIFACTS, 'survey-thanks-offline.png'));
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
  for (const [name, fn] of tests) {
    try {
      await fn();
      passed += 1;
      console.log(`ok - ${name}`);
    } catch (e) {
      failed += 1;
      console.log(`not ok - ${name}\n  ${String(e?.stack ?? e).split('\n').join('\n  ')}`);
      await browser.saveScreenshot(path.join(ARTIFACTS, `failed-${passed + failed}.png`)).catch(() => {});
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
