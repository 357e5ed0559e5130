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
    ["the staff window's SQL plugin reaches the statistics database only, and nothing without the session", async () => {
      await home();
      const store = path.join(ctx.kioskData, 'kiosk.sqlite3');
      await ctx.inStaffWindow(async () => {
        await (await browser.$(byTestId('sync-view'))).waitForDisplayed({ timeout: 10000 });
        // Script in the staff window cannot open the kiosk's store (its NIKs) or any file.
        for (const db of [`sqlite:${store}`, `sqlite:${store}?mode=ro`, 'sqlite:../kiosk.sqlite3']) {
          const load = await invoke('plugin:sql|load', { db });
          assert.equal(load.ok, false, `load ${db} must be refused`);
        }
        const other = await invoke('plugin:sql|select', { db: `sqlite:${store}`, query: 'SELECT * FROM outbox', values: [] });
        assert.equal(other.ok, false, 'a database the app did not hand over is not loaded');
        const name = await invoke('staff_stats');
        assert.equal(name.ok, true, JSON.stringify(name));
        const figures = await invoke('plugin:sql|select', { db: name.value, query: 'SELECT count(*) AS n FROM actions', values: [] });
        assert.equal(figures.ok, true, JSON.stringify(figures));
        const write = await invoke('plugin:sql|execute', { db: name.value, query: 'DELETE FROM actions', values: [] });
        assert.equal(write.ok, false, 'no statement that writes');
        // Once the session ends, the counter's commands and the statistics are refused too.
        assert.equal((await invoke('staff_logout')).ok, true);
        const after = await invoke('plugin:sql|select', { db: name.value, query: 'SELECT 1', values: [] });
        assert.equal(after.ok, false, 'the statistics database left with the session');
        const applicant = { nik: '', name: '', sex: '', birth_place: '', birth_date: '', address: '', kelurahan_code: '', phone: '', email: '' };
        const draft = {
          service: 'skp-penelitian', kind: 'baru', applicant_type: 'perorangan', previous_permit: null,
          applicant, company: null, fields: {}, conditions: {}, documents: {}, consent: false,
        };
        const counter = await invoke('apply_validate', { draft });
        assert.equal(counter.ok, false, 'the counter application needs the staff session');
        assert.match(counter.error, /staff_locked/);
        const reprint = await invoke('receipt_print', { trackingNumber: '26-001-00001-9' });
        assert.equal(reprint.ok, false);
        assert.match(reprint.error, /staff_locked/);
        // The window notices and asks for the PIN again.
        await (await browser.$(byTestId('pin-input'))).waitForDisplayed({ timeout: 10000 });
      });
    }],
  ];
};
