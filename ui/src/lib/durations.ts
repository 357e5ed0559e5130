import { locale, t, type MessageKey } from './i18n/index.svelte';

const UNITS: readonly { key: MessageKey; seconds: number }[] = [
  { key: 'duration.d', seconds: 86_400 },
  { key: 'duration.h', seconds: 3_600 },
  { key: 'duration.m', seconds: 60 },
  { key: 'duration.s', seconds: 1 },
];

/**
 * A span of seconds in words, at most the two largest units:
 * 200 → "3 menit 20 detik" / "3 min 20 s", 3600 → "1 jam", 0 → "0 detik".
 */
export function formatDuration(totalSeconds: number): string {
  let rest = Math.max(0, Math.round(totalSeconds));
  const first = UNITS.findIndex((unit) => rest >= unit.seconds);
  if (first === -1) return t('duration.s', { n: 0 });
  const parts: string[] = [];
  for (const unit of UNITS.slice(first, first + 2)) {
    const n = Math.floor(rest / unit.seconds);
    rest -= n * unit.seconds;
    if (n > 0) parts.push(t(unit.key, { n }));
  }
  return parts.join(' ');
}

/** Milliseconds as seconds with at most one decimal: 1500 → "1,5 detik" / "1.5 s". */
export function formatSeconds(ms: number): string {
  const n = new Intl.NumberFormat(locale(), { maximumFractionDigits: 1 }).format(ms / 1000);
  return t('duration.s', { n });
}
