// End-to-end tests of the REAL kiosk window through WebDriver (tauri-driver + WebKitWebDriver),
// one file per flow over the shared harness. Run under Xvfb: `xvfb-run -a node e2e/run.mjs`
// (scripts/test does). `E2E_ONLY=text` runs only the tests whose name contains it (`a|b`: either).
import { rmSync } from 'node:fs';
import accessibility, { axeReport } from './accessibility.mjs';
import apply from './apply.mjs';
import complaint from './complaint.mjs';
import { children, run, scratch, setup } from './harness.mjs';
import home from './home.mjs';
import lockdown from './lockdown.mjs';
import maintenance from './maintenance.mjs';
import staff from './staff.mjs';
import status from './status.mjs';
import survey from './survey.mjs';
import verify from './verify.mjs';

let ok = false;
try {
  const ctx = await setup();
  // The lockdown near the end: if it fails, the window may be left elsewhere. The axe-core
  // report last: it covers every screen the other flows photographed.
  const all = [home, status, staff, survey, verify, apply, complaint, maintenance, accessibility, lockdown, axeReport].flatMap((flow) => flow(ctx));
  ok = await run(ctx, all);
} catch (e) {
  console.error(e);
} finally {
  for (const c of children.reverse()) c.kill('SIGTERM');
  rmSync(scratch, { recursive: true, force: true });
}
process.exit(ok ? 0 : 1);
