import { t } from '../lib/i18n/index.svelte';

/** Outbox item kinds the backend reports (`KindCounts.kind`, `DeadLetterRow.kind`). */
export const SYNC_KINDS = ['application', 'survey_response', 'complaint', 'outage', 'verification'] as const;

/** Outage causes the backend reports (`OutageRow.cause`). */
export const OUTAGE_CAUSES = ['dns', 'refused', 'timeout', 'tls', 'http_5xx', 'throttled', 'other'] as const;

type SyncKind = (typeof SYNC_KINDS)[number];
type OutageCause = (typeof OUTAGE_CAUSES)[number];

const isIn = <T extends string>(list: readonly T[], value: string): value is T =>
  (list as readonly string[]).includes(value);

/** The translated name of an outbox kind; an unknown kind is shown as sent. */
export function kindLabel(kind: string): string {
  return isIn<SyncKind>(SYNC_KINDS, kind) ? t(`sync.kind.${kind}`) : kind;
}

/** The translated outage cause; an unknown cause is shown as sent. */
export function causeLabel(cause: string): string {
  return isIn<OutageCause>(OUTAGE_CAUSES, cause) ? t(`sync.cause.${cause}`) : cause;
}

export type SyncState = 'ok' | 'retrying' | 'paused';

/** Paused wins over retrying; no consecutive failures means all is well. */
export function syncState(s: { paused: boolean; consecutive_failures: number }): SyncState {
  if (s.paused) return 'paused';
  return s.consecutive_failures > 0 ? 'retrying' : 'ok';
}
