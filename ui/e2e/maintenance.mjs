// A damaged store: the maintenance screen, the store untouched.
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import assert from 'node:assert/strict';
import { remote } from 'webdriverio';
import { ARTIFACTS, BIN, TOOLS, byTestId, children, freePort, scratch, waitForPort } from './harness.mjs';

export default (ctx) => {
  const { shot } = ctx;
  return [
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
  ];
};
