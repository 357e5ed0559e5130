import { formatDay } from '../../lib/dates';
import { locale } from '../../lib/i18n/index.svelte';
import type { ApplicationStatus } from '../../lib/ipc/bindings';

/** Kota Metro keeps WIB (UTC+7) all year: the office's calendar and clock. */
const OFFICE_OFFSET_MS = 7 * 60 * 60 * 1000;

const STATUSES: readonly ApplicationStatus[] = [
  'belum_terkirim',
  'diterima',
  'verifikasi_berkas',
  'perlu_perbaikan',
  'diproses',
  'selesai',
  'ditolak',
];

/** A history entry's status as one the screen can name, or null for one it does not know. */
export function knownStatus(status: string): ApplicationStatus | null {
  return (STATUSES as readonly string[]).includes(status) ? (status as ApplicationStatus) : null;
}

/** The step a citizen can expect after `status`; none once the application is closed. */
export function nextStatus(status: ApplicationStatus): ApplicationStatus | null {
  switch (status) {
    case 'belum_terkirim':
      return 'diterima';
    case 'diterima':
    case 'perlu_perbaikan':
      return 'verifikasi_berkas';
    case 'verifikasi_berkas':
      return 'diproses';
    case 'diproses':
      return 'selesai';
    default:
      return null;
  }
}

/**
 * An RFC 3339 instant (the hub writes UTC) as the office's date and time:
 * `{ date: '2 November 2026', time: '09.15' }` in the current language. Null when unreadable.
 */
export function officeDateTime(rfc3339: string): { date: string; time: string } | null {
  const ms = Date.parse(rfc3339);
  if (Number.isNaN(ms)) return null;
  const wib = new Date(ms + OFFICE_OFFSET_MS);
  const day = wib.toISOString().slice(0, 10);
  const time = new Intl.DateTimeFormat(locale(), {
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZone: 'UTC',
  }).format(wib);
  return { date: formatDay(day), time };
}
