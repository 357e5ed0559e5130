// The staff window: PIN, and a live outage while the hub is down.
import path from 'node:path';
import assert from 'node:assert/strict';
import { ARTIFACTS, PIN, byTestId, startHub, stopHub } from './harness.mjs';

export default (ctx) => {
  const { browser, hubData, shot, text, home, invoke } = ctx;
  return [
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

        const port = new URL(ctx.hub.url).port;
        await stopHub(ctx.hub.child);
        await browser.waitUntil(async () => (await ongoing()) === 1, { timeout: 15000, timeoutMsg: 'ongoing outage shown' });
        await browser.waitUntil(async () => (await state()) !== 'ok', { timeout: 15000 });
        await shot(path.join(ARTIFACTS, 'staff-outage.png'));

        ctx.hub = await startHub(hubData, `127.0.0.1:${port}`);
        await browser.waitUntil(async () => (await ongoing()) === 0, { timeout: 20000, timeoutMsg: 'outage closed after the hub returned' });
        await browser.waitUntil(async () => (await state()) === 'ok', { timeout: 20000 });
        assert.ok((await browser.$$(byTestId('outage-row'))).length >= 1, 'the closed outage stays in the log');
        // The outage record itself is delivered to the hub.
        await browser.waitUntil(async () => Number(await text('queue-delivered')) >= 1, { timeout: 20000, timeoutMsg: 'outage record delivered' });
        await shot(path.join(ARTIFACTS, 'staff-recovered.png'));

        // This kiosk's figures, read from the statistics database through the SQL plugin.
        await (await browser.$(byTestId('tab-stats'))).click();
        await browser.waitUntil(async () => (await browser.$$(byTestId('stats-kind-outage'))).length === 1,
          { timeout: 10000, timeoutMsg: 'the figures show the outage record' });
        assert.match(await text('stats-outages'), /^[1-9]\d* kali/);
        await shot(path.join(ARTIFACTS, 'staff-stats.png'));
        await (await browser.$(byTestId('tab-overview'))).click();
      } finally {
        await browser.switchToWindow(kioskHandle);
      }
    }],
  ];
};
