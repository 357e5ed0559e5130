// The home screen, the language switch, every tile's service and the window's command ACL.
import path from 'node:path';
import assert from 'node:assert/strict';
import { ARTIFACTS, IDLE_TIMEOUT_S, PIN, byTestId } from './harness.mjs';

export default (ctx) => {
  const { browser, shot, text, home, invoke } = ctx;
  return [
    ['the home screen renders in Indonesian with the six service tiles', async () => {
      await home();
      assert.equal(await browser.execute(() => document.documentElement.lang), 'id');
      assert.match(await text('tile-apply'), /Ajukan Izin/);
      assert.match(await text('tile-info'), /Informasi Layanan/);
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
    ['every tile opens its service: no "belum tersedia" is left', async () => {
      await home();
      await (await browser.$(byTestId('tile-complaint'))).click();
      await (await browser.$(byTestId('complaint-new'))).waitForDisplayed({ timeout: 3000 });
      assert.ok(await (await browser.$(byTestId('complaint-check'))).isDisplayed());
      assert.equal((await browser.$$(byTestId('unavailable'))).length, 0);
      await (await browser.$(byTestId('back-home'))).click();
      await home();
    }],
    ['the kiosk window may not call staff commands', async () => {
      await home();
      const own = await invoke('app_info');
      assert.equal(own.ok, true, `kiosk commands work: ${own.error}`);
      assert.equal(own.value.idle_timeout_s, IDLE_TIMEOUT_S);
      // The SQL plugin is the staff window's alone: the kiosk window cannot even load it.
      for (const [cmd, args] of [['staff_overview', {}], ['staff_login', { pin: PIN }], ['staff_check_connection', {}],
        ['staff_stats', {}], ['plugin:sql|load', { db: 'sqlite:stats.sqlite3' }],
        ['plugin:sql|select', { db: 'sqlite:stats.sqlite3', query: 'SELECT 1', values: [] }]]) {
        const r = await invoke(cmd, args);
        assert.equal(r.ok, false, `${cmd} must be refused`);
        assert.match(r.error, /not allowed/i, `${cmd}: ${r.error}`);
      }
    }],
  ];
};
