// The shared harness of the end-to-end tests: a real hub on loopback with demo data, an
// enrolled kiosk data directory, tauri-driver and the built app, and the helpers every flow's
// tests use. Each flow has its own file (home, status, staff, survey, verify, apply,
// maintenance); run.mjs runs them in order.
import { spawn, execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createInterface } from 'node:readline';
import { deflateSync } from 'node:zlib';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { remote } from 'webdriverio';
import assert from 'node:assert/strict';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const TARGET = process.env.CARGO_TARGET_DIR || path.join(ROOT, 'target');
export const BIN = (name) => path.join(TARGET, 'debug', name);
export const TOOLS = process.env.ANJUNGAN_TOOLS || path.join(ROOT, '.tools');
export const ARTIFACTS = path.join(ROOT, 'ui', 'e2e', 'artifacts');
export const PIN = '246810';
// The shortest idle setting a site may use: 10 quiet seconds, then 20 s of warning (WCAG 2.2.1).
export const IDLE_TIMEOUT_S = 30;
export const IDLE_WARNING_S = 20;

export const children = [];

/** axe-core's page script, injected through WebDriver into each screen that gets a screenshot. */
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
/** One entry per screen checked: `{ screen, violations: [{ id, impact, help, nodes }] }`. */
export const axeResults = [];

/**
 * Runs axe-core's WCAG 2.2 AA rules on the page `session` shows and records the result under
 * `screen`. The run is kept, not thrown: the suite's last test reports every screen at once.
 */
async function axeCheck(session, screen) {
  if ((await session.execute(() => typeof window.axe)) === 'undefined') {
    await session.execute(`${AXE_SOURCE}\nwindow.axe = axe;`);
  }
  const result = await session.executeAsync((tags, done) => {
    window.axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] }).then(
      (r) => done({ violations: r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 5).map((n) => n.target.join(' ')) })) }),
      (e) => done({ error: String(e) }),
    );
  }, AXE_TAGS);
  if (result.error) throw new Error(`axe-core on ${screen}: ${result.error}`);
  // WCAG 2.4.11 (Focus Not Obscured), which axe does not check: the focused element is inside
  // the window and not under the on-screen keyboard or keypad.
  const obscured = await session.execute(() => {
    const el = document.activeElement;
    if (!el || el === document.body || el === document.documentElement) return null;
    const r = el.getBoundingClientRect();
    if (r.width === 0 && r.height === 0) return null;
    const name = el.getAttribute('data-testid') ?? el.tagName.toLowerCase();
    if (r.bottom > window.innerHeight + 1 || r.top < -1) return `${name} is outside the window`;
    for (const kb of document.querySelectorAll('[data-testid$="-keyboard"], [data-testid$="-keypad"]')) {
      if (kb.contains(el)) continue;
      const k = kb.getBoundingClientRect();
      if (r.left < k.right && k.left < r.right && r.top < k.bottom && k.top < r.bottom) return `${name} is under ${kb.getAttribute('data-testid')}`;
    }
    return null;
  });
  if (obscured) result.violations.push({ id: 'focus-not-obscured', impact: 'serious', help: 'The focused element must not be hidden (WCAG 2.4.11)', nodes: [obscured] });
  axeResults.push({ screen, violations: result.violations });
}
export const scratch = mkdtempSync(path.join(os.tmpdir(), 'anjungan-e2e-'));

export function startHub(dataDir, listen = '127.0.0.1:0') {
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

export function stopHub(child) {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

export function waitForPort(port, ms) {
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

export async function freePort() {
  return new Promise((resolve) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

export const byTestId = (id) => `[data-testid="${id}"]`;

/** Length and loudness of a 16-bit PCM WAV file. */
export function wavStats(file) {
  const b = readFileSync(file);
  assert.equal(b.toString('ascii', 0, 4), 'RIFF', `${file} is a WAV file`);
  let at = 12;
  let fmt = null;
  while (at + 8 <= b.length) {
    const id = b.toString('ascii', at, at + 4);
    const size = b.readUInt32LE(at + 4);
    if (id === 'fmt ') fmt = { channels: b.readUInt16LE(at + 10), rate: b.readUInt32LE(at + 12), bits: b.readUInt16LE(at + 22) };
    if (id === 'data') {
      assert.equal(fmt?.bits, 16);
      const n = Math.floor(Math.min(size, b.length - at - 8) / 2);
      let sum = 0;
      for (let i = 0; i < n; i += 1) sum += (b.readInt16LE(at + 8 + 2 * i) / 32768) ** 2;
      return { seconds: n / fmt.channels / fmt.rate, rms: Math.sqrt(sum / Math.max(n, 1)) };
    }
    at += 8 + size + (size & 1);
  }
  throw new Error(`${file}: no data chunk`);
}


/** A small valid PDF of `pages` blank pages, with `tag` in a comment so each differs. */
export function tinyPdf(tag, pages = 1) {
  const objects = ['<< /Type /Catalog /Pages 2 0 R >>',
    `<< /Type /Pages /Kids [${Array.from({ length: pages }, (_, i) => `${i + 3} 0 R`).join(' ')}] /Count ${pages} >>`,
    ...Array.from({ length: pages }, () => '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>')];
  let out = `%PDF-1.4\n% ${tag}\n`;
  const offsets = objects.map((o, i) => {
    const at = Buffer.byteLength(out);
    out += `${i + 1} 0 obj\n${o}\nendobj\n`;
    return at;
  });
  const xref = Buffer.byteLength(out);
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const o of offsets) out += `${String(o).padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out);
}

/** A plain grey 8-bit PNG (a camera frame with nothing in it), written without any library. */
export function greyPng(file, width, height, level) {
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

/** Starts hub, kiosk, driver and app; returns what the flows' tests share. */
export async function setup() {
  mkdirSync(ARTIFACTS, { recursive: true });
  const hubData = path.join(scratch, 'hub');
  const kioskData = path.join(scratch, 'kiosk');
  // The verify screen's camera: a replay of this folder (filled by the verify test).
  const frames = path.join(scratch, 'frames');
  mkdirSync(frames, { recursive: true });
  // The counter's document scanner saves into this folder; the kiosk watches it.
  const scanner = path.join(scratch, 'scanner');
  mkdirSync(scanner, { recursive: true });
  // Spoken guidance is on in this run, recorded as WAV files here (`ANJUNGAN_SPEECH=wav:DIR`).
  const speech = path.join(scratch, 'speech');
  const hub = await startHub(hubData);
  const hubUrl = hub.url;
  // The enrolment code is the last line of `enrol`; the kiosk takes it on stdin.
  const code = execFileSync(BIN('anjungan-hub'), ['enrol', '--kiosk', 'e2e-kiosk', '--data', hubData])
    .toString()
    .trim()
    .split('\n')
    .pop();
  execFileSync(BIN('anjungan-cli'), ['--data', kioskData, 'init', '--pin', '-'], { input: `${PIN}\n` });
  execFileSync(BIN('anjungan-cli'), ['--data', kioskData, 'enrol', '--hub', hubUrl, '--token', '-'], { input: `${code}\n` });

  const port = await freePort();
  const driverBin = path.join(TOOLS, 'bin', 'tauri-driver');
  // A missing binary would surface as an unhandled 'error' event that skips the clean-up.
  if (!existsSync(driverBin)) {
    throw new Error(`no tauri-driver at ${driverBin}: run scripts/setup --test, or set ANJUNGAN_TOOLS`);
  }
  const driver = spawn(driverBin, ['--port', String(port), '--native-driver', '/usr/bin/WebKitWebDriver'], {
    stdio: ['ignore', 'inherit', 'inherit'],
    env: {
      ...process.env,
      ANJUNGAN_DATA: kioskData,
      ANJUNGAN_IDLE_TIMEOUT_S: String(IDLE_TIMEOUT_S),
      ANJUNGAN_IDLE_WARNING_S: String(IDLE_WARNING_S),
      ANJUNGAN_HUB_CHECK_S: '1',
      ANJUNGAN_CAMERA: `replay:${frames}`,
      ANJUNGAN_SCANNER_DIR: scanner,
      ANJUNGAN_SPEECH: `wav:${speech}`,
      // Receipts go to the local CUPS's cups-pdf queue (scripts/cups-test-queues).
      ANJUNGAN_PRINTER: process.env.ANJUNGAN_E2E_PRINTER ?? 'ipp://localhost:631/printers/KioskPDF',
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
    const screen = path.basename(file, '.png');
    if (!screen.startsWith('failed-')) await axeCheck(session, screen);
  };
  const text = async (id) => (await browser.$(byTestId(id))).getText();
  const home = async (timeout = 20000) => {
    const title = await browser.$(byTestId('home-title'));
    await title.waitForDisplayed({ timeout });
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


  // Touch, not mouse: a pointer of type "touch" pressing and lifting on the element.
  const tap = async (id) => {
    const el = await browser.$(byTestId(id));
    await el.waitForDisplayed({ timeout: 5000 });
    // A citizen scrolls to what is below the fold before touching it.
    await el.scrollIntoView({ block: 'center' });
    await browser.action('pointer', { parameters: { pointerType: 'touch' } })
      .move({ origin: el })
      .down()
      .up()
      .perform();
  };
  /**
   * Runs `fn` in the staff window, unlocked with the PIN (the window opens above the kiosk),
   * then returns to the kiosk window whatever happens.
   */
  const inStaffWindow = async (fn) => {
    const kioskHandle = await browser.getWindowHandle();
    const opened = await invoke('open_staff_window');
    if (!opened.ok) throw new Error(`open_staff_window: ${opened.error}`);
    await browser.waitUntil(async () => (await browser.getWindowHandles()).length === 2, { timeout: 10000 });
    await browser.switchToWindow((await browser.getWindowHandles()).find((h) => h !== kioskHandle));
    try {
      const pin = await browser.$(byTestId('pin-input'));
      if (await pin.isDisplayed()) {
        await pin.setValue(PIN);
        await (await browser.$(byTestId('pin-submit'))).click();
      }
      await fn();
    } finally {
      await browser.switchToWindow(kioskHandle);
    }
  };
  // Spoken guidance: how many utterances the kiosk has recorded, and the next one after `count`
  // (its length and loudness), waited for.
  const spoken = () => (existsSync(speech) ? readdirSync(speech).filter((f) => f.endsWith('.wav')).sort() : []);
  const spokenCount = () => spoken().length;
  const nextSpoken = async (count, what) => {
    await browser.waitUntil(() => spokenCount() > count, { timeout: 10000, timeoutMsg: `${what}: nothing was said` });
    const stats = wavStats(path.join(speech, spoken().at(-1)));
    assert.ok(stats.seconds > 1 && stats.rms > 0.01, `${what}: ${JSON.stringify(stats)}`);
    return stats;
  };
  return {
    spokenCount, nextSpoken,
    browser, inStaffWindow, hubData, kioskData, frames, scanner, speech, shot, text, home, invoke, stayActive, tap,
    /** The running hub; a test that restarts it stores the new one here. */
    hub,
    /** The permit the verify test issues (and revokes), for the staff check after it. */
    issued: null,
  };
}

/** Runs `tests` ([name, fn] pairs) in order, TAP-style; returns [passed, failed]. */
export async function run(ctx, tests) {
  let passed = 0;
  let failed = 0;
  // `E2E_ONLY=text` runs only the tests whose name contains it (for working on one);
  // `a|b` runs those containing either.
  const only = process.env.E2E_ONLY?.split('|').filter(Boolean) ?? [];
  for (const [name, fn] of tests) {
    if (only.length > 0 && !only.some((o) => name.includes(o))) continue;
    try {
      await fn();
      passed += 1;
      console.log(`ok - ${name}`);
    } catch (e) {
      failed += 1;
      console.log(`not ok - ${name}\n  ${String(e?.stack ?? e).split('\n').join('\n  ')}`);
      await ctx.shot(path.join(ARTIFACTS, `failed-${passed + failed}.png`)).catch(() => {});
    }
  }
  await ctx.browser.deleteSession().catch(() => {});
  console.log(`e2e: ${passed} passed, ${failed} failed`);
  return failed === 0;
}

