// e-SKM by touch while the hub is down, arriving later and changing the hub's IKM.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import assert from 'node:assert/strict';
import { ARTIFACTS, BIN, byTestId, startHub, stopHub } from './harness.mjs';

export default (ctx) => {
  const { tap, browser, hubData, shot, home } = ctx;
  return [
    ['a survey done by touch while the hub is down arrives later and changes the hub IKM', async () => {
      await home();
      const hubIkm = () => JSON.parse(execFileSync(BIN('anjungan-hub'), ['skm', 'ikm', '--json', '--data', hubData]).toString());
      const before = hubIkm();
      const port = new URL(ctx.hub.url).port;
      await stopHub(ctx.hub.child);
      await tap('tile-survey');
      // No receipt code: the citizen goes on without one (the office allows it by default).
      await (await browser.$(byTestId('survey-code-skip'))).waitForDisplayed({ timeout: 5000 });
      await tap('survey-code-skip');
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

      ctx.hub = await startHub(hubData, `127.0.0.1:${port}`);
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
  ];
};
