import type { MessageKey } from '../../lib/i18n/index.svelte';
import { id } from '../../lib/i18n/id';
import type { Problem } from '../../lib/ipc/bindings';

function known(key: string): key is MessageKey {
  return key in id;
}

/**
 * The translated message of a validation problem (by its code, never its English text): the
 * codes apply and Pengaduan share under `apply.problem.*`, those only Pengaduan has under
 * `complaint.problem.*`.
 */
export function problemKey(problem: Problem): MessageKey {
  for (const key of [`apply.problem.${problem.code}`, `complaint.problem.${problem.code}`]) {
    if (known(key)) return key;
  }
  return 'apply.problem.unknown';
}

/** Why the scanner folder refused a file, translated. */
export function refusalKey(reason: string): MessageKey {
  const key = `capture.refused.${reason}`;
  return known(key) ? key : 'capture.refused.unknown';
}
