// Cek Status against the real hub, and the idle wipe of a typed number.
import path from 'node:path';
import assert from 'node:assert/strict';
import { ARTIFACTS, IDLE_TIMEOUT_S, IDLE_WARNING_S, byTestId } from './harness.mjs';

export default (ctx) => {
  const { browser, shot, text, home } = ctx;
  return [
    ['a status check reaches the real hub and shows the answer', async () => {
      await home();
      await (await browser.$(byTestId('tile-status'))).click();
      const input = await browser.$(byTestId('tracking-input'));
      await input.waitForDisplayed({ timeout: 3000 });
      for (const d of '26000001036') await (await browser.$(byTestId(`keypad-${d}`))).click();
      await (await browser.$(byTestId('status-submit'))).click();
      const result = await browser.$(byTestId('status-result'));
      await result.waitForDisplayed({ timeout: 10000 });
      assert.match(await result.getText(), /Perlu Perbaikan/i);
      assert.match(await result.getText(), /Buku KIR/, 'the document to bring is named');
      await shot(path.join(ARTIFACTS, 'status-result.png'));
      await (await browser.$(byTestId('back-home'))).click();
      await home();
    }],
    ['an application under way shows its timeline and its due date in working days', async () => {
      await home();
      await (await browser.$(byTestId('tile-status'))).click();
      await (await browser.$(byTestId('tracking-input'))).waitForDisplayed({ timeout: 3000 });
      for (const d of '26000001048') await (await browser.$(byTestId(`keypad-${d}`))).click();
      await (await browser.$(byTestId('status-submit'))).click();
      const due = await browser.$(byTestId('status-due'));
      await due.waitForDisplayed({ timeout: 10000 });
      assert.match(await due.getText(), /hari kerja/);
      assert.match(await text('status-result'), /Diterima/, 'the timeline starts at reception');
      await shot(path.join(ARTIFACTS, 'status-due.png'));
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
      assert.ok(Number(await text('idle-countdown')) >= IDLE_WARNING_S - 1, 'the countdown starts at 20 s');
      await shot(path.join(ARTIFACTS, 'idle-warning.png'));
      // One tap anywhere on the dimmed screen gives the time back (WCAG 2.2.1), and keeps the field.
      await browser.action('pointer', { parameters: { pointerType: 'touch' } })
        .move({ x: 40, y: 400 }).down().up().perform();
      await warning.waitForDisplayed({ reverse: true, timeout: 3000 });
      assert.equal(await input.getValue(), '2026000101', 'the typed number survives the tap');
      // Then nobody touches it: at least 20 s of warning before the wipe.
      await warning.waitForDisplayed({ timeout: (IDLE_TIMEOUT_S + 5) * 1000 });
      const warnedAt = Date.now();
      await home((IDLE_WARNING_S + 10) * 1000);
      const warnedS = (Date.now() - warnedAt) / 1000;
      assert.ok(warnedS >= IDLE_WARNING_S - 1.5, `the warning stayed ${warnedS.toFixed(1)} s before the wipe`);
      assert.match(await text('tile-status'), /Cek Status Permohonan/, 'language back to Indonesian');
      assert.equal(await browser.execute(() => sessionStorage.length + localStorage.length), 0);
      await (await browser.$(byTestId('tile-status'))).click();
      const fresh = await browser.$(byTestId('tracking-input'));
      await fresh.waitForDisplayed({ timeout: 3000 });
      assert.equal(await fresh.getValue(), '', 'the typed number is gone');
      await (await browser.$(byTestId('back-home'))).click();
    }],
  ];
};
