// Accessibility in the real window: "Huruf besar" on every kiosk screen at the two screen sizes
// kiosks have, and spoken guidance ("Dengarkan") producing real audio on every kiosk screen.
// Every screen a flow photographs is also checked by axe-core (harness `shot`); the report and
// its verdict are the suite's last test (`axeReport`).
import { readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import assert from 'node:assert/strict';
import { ARTIFACTS, axeResults, byTestId, greyPng } from './harness.mjs';

/** Each kiosk screen: the tile that opens it and an element that shows it is there. */
const SCREENS = [
  ['home', null, 'home-title'],
  ['apply', 'tile-apply', 'apply-screen'],
  ['info', 'tile-info', 'info-screen'],
  ['status', 'tile-status', 'tracking-input'],
  ['verify', 'tile-verify', 'verify-instruction'],
  ['survey', 'tile-survey', 'survey-screen'],
  ['complaint', 'tile-complaint', 'complaint-screen'],
];

/** Layout problems a citizen would see: sideways scrolling, text spilling out of its box. */
async function layoutProblems(browser) {
  return browser.execute(() => {
    const out = [];
    const w = window.innerWidth;
    if (document.documentElement.scrollWidth > w + 1) out.push(`the page scrolls sideways (${document.documentElement.scrollWidth} > ${w})`);
    for (const el of document.querySelectorAll('main button, main h1, main h2, main p, main label, header button, header p, header h1')) {
      const r = el.getBoundingClientRect();
      if (r.width === 0 || getComputedStyle(el).visibility === 'hidden') continue;
      const name = el.getAttribute('data-testid') ?? `${el.tagName.toLowerCase()} "${el.textContent.trim().slice(0, 30)}"`;
      if (r.right > w + 1 || r.left < -1) out.push(`${name} sticks out of the window`);
      const style = getComputedStyle(el);
      const clips = style.overflow !== 'visible' || el.tagName === 'BUTTON';
      if (clips && (el.scrollWidth > el.clientWidth + 2 || (style.overflowY === 'hidden' && el.scrollHeight > el.clientHeight + 2))) {
        out.push(`${name}: text spills out of its box (${el.scrollWidth}x${el.scrollHeight} in ${el.clientWidth}x${el.clientHeight})`);
      }
    }
    return out;
  });
}

export default function accessibility(ctx) {
  const { browser, shot, home, tap } = ctx;

  // The verify screen's camera sees an empty grey frame: its instructions, not an earlier
  // test's permit.
  const emptyCamera = () => {
    for (const f of readdirSync(ctx.frames)) rmSync(path.join(ctx.frames, f));
    greyPng(path.join(ctx.frames, '0001-empty.png'), 1280, 720, 180);
  };
  const open = async (tile, ready) => {
    await home();
    if (tile) await tap(tile);
    await (await browser.$(byTestId(ready))).waitForDisplayed({ timeout: 15000 });
    await browser.pause(300);
  };
  /** Back to the home screen by the screen's own back button. */
  const leave = async () => {
    for (const id of ['back-home', 'survey-back']) {
      if (await (await browser.$(byTestId('home-title'))).isDisplayed()) return;
      const back = await browser.$(byTestId(id));
      if (await back.isDisplayed()) await tap(id);
    }
    await home();
  };

  return [
    ['"Huruf besar" enlarges every kiosk screen without breaking it, at 1920 x 1080 and 1366 x 768', async () => {
      emptyCamera();
      const original = await browser.getWindowRect();
      const problems = [];
      try {
        for (const [w, h] of [[1920, 1080], [1366, 768]]) {
          await browser.setWindowRect(0, 0, w, h);
          await browser.waitUntil(async () => (await browser.execute(() => window.innerWidth)) === w, { timeout: 5000, timeoutMsg: `the window became ${w} wide` });
          for (const [name, tile, ready] of SCREENS) {
            await open(tile, ready);
            const before = await browser.execute(() => parseFloat(getComputedStyle(document.querySelector('header p, header h1')).fontSize));
            await tap('text-size-switch');
            const after = await browser.execute(() => parseFloat(getComputedStyle(document.querySelector('header p, header h1')).fontSize));
            assert.ok(after >= before * 1.2, `${name} at ${w}: text ${before}px → ${after}px`);
            await browser.pause(200);
            problems.push(...(await layoutProblems(browser)).map((p) => `${name} at ${w}x${h}: ${p}`));
            await shot(path.join(ARTIFACTS, `large-text-${name}-${w}x${h}.png`));
            await tap('text-size-switch');
            await leave();
          }
        }
      } finally {
        await browser.setWindowRect(original.x, original.y, original.width, original.height);
      }
      assert.deepEqual(problems, []);
    }],
    ['"Dengarkan" reads every kiosk screen aloud in Indonesian: real audio from espeak-ng', async () => {
      emptyCamera();
      const heard = [];
      for (const [name, tile, ready] of SCREENS) {
        await open(tile, ready);
        const before = ctx.spokenCount();
        await tap('listen');
        const stats = await ctx.nextSpoken(before, name);
        heard.push({ screen: name, ...stats });
        assert.ok(stats.seconds > 1 && stats.rms > 0.01, `${name}: ${JSON.stringify(stats)}`);
        await leave();
      }
      writeFileSync(path.join(ARTIFACTS, 'speech.json'), `${JSON.stringify(heard, null, 2)}\n`);
      console.log(`# speech: ${heard.map((h) => `${h.screen} ${h.seconds.toFixed(1)} s`).join(', ')}`);
    }],
  ];
}

const BLOCKING = new Set(['serious', 'critical']);

/** The suite's last test: every photographed screen's axe-core result, and the verdict. */
export function axeReport() {
  return [
    ['axe-core: no serious or critical WCAG 2.2 AA violation on any kiosk or staff screen', async () => {
      writeFileSync(path.join(ARTIFACTS, 'axe-report.json'), `${JSON.stringify(axeResults, null, 2)}\n`);
      const screens = new Set(axeResults.map((r) => r.screen));
      console.log(`# axe-core: ${screens.size} screens checked`);
      // A run of the whole suite photographs every kiosk and staff screen; fewer means the
      // checks stopped running, not that the screens are fine.
      if (!process.env.E2E_ONLY) assert.ok(screens.size >= 40, `only ${screens.size} screens were checked`);
      const blocking = axeResults.flatMap(({ screen, violations }) => violations
        .filter((v) => BLOCKING.has(v.impact))
        .map((v) => `${screen}: ${v.id} (${v.impact}) ${v.help} — ${v.nodes.join(', ')}`));
      const minor = axeResults.reduce((n, { violations }) => n + violations.filter((v) => !BLOCKING.has(v.impact)).length, 0);
      console.log(`# axe-core: ${blocking.length} serious or critical, ${minor} moderate or minor`);
      assert.deepEqual(blocking, []);
    }],
  ];
}
