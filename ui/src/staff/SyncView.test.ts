import { fireEvent, screen, within } from '@testing-library/svelte';
import { describe, expect, it, vi } from 'vitest';
import type { SyncOverview } from '../lib/ipc/bindings';
import { reject, type Handler } from '../test/ipc';
import { EMPTY_SYNC, enterPin, renderStaff, text } from '../test/staff';

const SYNC: SyncOverview = {
  pending: 4,
  in_flight: 1,
  delivered: 120,
  dead: 2,
  oldest_pending_age_s: 200,
  by_kind: [
    { kind: 'application', pending: 3, in_flight: 1, delivered: 80, dead: 1 },
    { kind: 'survey_response', pending: 1, in_flight: 0, delivered: 40, dead: 0 },
    { kind: 'complaint', pending: 0, in_flight: 0, delivered: 0, dead: 1 },
  ],
  last_success_at: '2026-11-29T09:25:00+07:00',
  consecutive_failures: 0,
  paused: false,
  current_backoff_ms: null,
  last_error: null,
  outages: [
    {
      id: 'o2',
      started_at: '2026-11-29T09:00:00+07:00',
      ended_at: null,
      duration_s: 1_500,
      cause: 'timeout',
      failures: 6,
    },
    {
      id: 'o1',
      started_at: '2026-11-28T13:00:00+07:00',
      ended_at: '2026-11-28T14:05:00+07:00',
      duration_s: 3_900,
      cause: 'dns',
      failures: 14,
    },
  ],
  dead_letters: [
    { id: 'd1', kind: 'application', created_at: '2026-11-27T10:00:00+07:00', attempts: 3, reason: 'HTTP 422: invalid NIK' },
    { id: 'd2', kind: 'complaint', created_at: '2026-11-28T11:00:00+07:00', attempts: 1, reason: 'HTTP 400: empty body' },
  ],
  waiting: [],
};

const PAUSED: SyncOverview = {
  ...SYNC,
  consecutive_failures: 7,
  paused: true,
  current_backoff_ms: 30_000,
  last_error: 'connect timed out after 10s',
};

async function signIn(handlers: Record<string, Handler> = {}) {
  const calls = renderStaff({ kind: 'granted' }, { staff_sync_overview: () => SYNC, ...handlers });
  await enterPin('123456');
  await screen.findByTestId('sync-view');
  return calls;
}

const count = (calls: { cmd: string }[], cmd: string) => calls.filter((c) => c.cmd === cmd).length;

describe('sync view', () => {
  it('shows counts, kinds, outages and dead letters', async () => {
    await signIn();
    await vi.waitFor(() => expect(text('queue-pending')).toBe('4'));
    expect(text('queue-in-flight')).toBe('1');
    expect(text('queue-delivered')).toBe('120');
    expect(text('queue-dead')).toBe('2');
    expect(text('queue-oldest-age').trim()).toBe('3 menit 20 detik');
    expect(text('queue-last-success')).toContain('2026');
    expect(text('queue-backoff').trim()).toBe('—');
    expect(screen.getByTestId('sync-state').dataset.state).toBe('ok');
    expect(screen.queryByTestId('sync-last-error')).toBeNull();

    const kinds = within(screen.getByTestId('queue-by-kind')).getAllByTestId('kind-row');
    expect(kinds.map((row) => row.querySelector('th')?.textContent)).toEqual([
      'Permohonan izin',
      'Survei kepuasan',
      'Pengaduan',
    ]);
    expect([...kinds[0].querySelectorAll('td')].map((td) => td.textContent)).toEqual(['3', '1', '80', '1']);

    expect(text('outage-table')).toContain('Catatan gangguan koneksi (Pasal 29)');
    const outages = screen.getAllByTestId('outage-row');
    expect(outages).toHaveLength(2);
    expect(outages[1].textContent).toContain('DNS tidak ditemukan');
    expect(outages[1].textContent).toContain('1 jam 5 menit');
    expect(outages[1].textContent).toContain('14');

    const dead = within(screen.getByTestId('dead-letters')).getAllByTestId('dead-row');
    expect(dead).toHaveLength(2);
    expect(dead[0].textContent).toContain('Permohonan izin');
    expect(dead[0].textContent).toContain('HTTP 422: invalid NIK');
    expect(text('dead-letters')).toContain('tidak pernah dihapus secara otomatis');

    await fireEvent.click(screen.getByTestId('lang-switch'));
    expect(text('queue-oldest-age').trim()).toBe('3 min 20 s');
    expect(text('queue-by-kind')).toContain('Satisfaction survey');
    expect(outages[0].textContent).toContain('Timed out');
    expect(text('outage-ongoing')).toBe('ongoing');
    expect(screen.getAllByTestId('dead-retry')[0].textContent?.trim()).toBe('Retry');
  });

  it('lists the items that wait, with the reason staff can act on, only when there are some', async () => {
    const reason = "the server refused a document of 1.5 MB (HTTP 413): raise the proxy's body limit";
    await signIn({
      staff_sync_overview: () => ({
        ...SYNC,
        waiting: [{ id: 'w1', kind: 'application', created_at: '2026-11-29T09:10:00+07:00', attempts: 4, reason }],
      }),
    });
    const rows = await screen.findAllByTestId('waiting-row');
    expect(rows).toHaveLength(1);
    expect(rows[0].textContent).toContain('Permohonan izin');
    expect(rows[0].textContent).toContain(reason);
    expect(text('waiting-items')).toContain('Menunggu dikirim ulang');
    expect(text('waiting-items')).toContain('naikkan batas ukuran');
  });

  it('shows no waiting list when nothing waits', async () => {
    await signIn();
    await screen.findByTestId('dead-letters');
    expect(screen.queryByTestId('waiting-items')).toBeNull();
  });

  it('marks an ongoing outage', async () => {
    await signIn();
    const rows = await screen.findAllByTestId('outage-row');
    expect(within(rows[0]).getByTestId('outage-ongoing').textContent).toBe('masih berlangsung');
    expect(rows[0].dataset.ongoing).toBe('true');
    expect(rows[0].textContent).toContain('25 menit');
    expect(within(rows[1]).queryByTestId('outage-ongoing')).toBeNull();
    expect(rows[1].dataset.ongoing).toBe('false');
  });

  it('shows empty states and "never"', async () => {
    await signIn({ staff_sync_overview: () => EMPTY_SYNC });
    await screen.findByTestId('outage-empty');
    expect(text('queue-pending')).toBe('0');
    expect(text('queue-oldest-age').trim()).toBe('—');
    expect(text('queue-last-success').trim()).toBe('belum pernah');
    expect(text('queue-by-kind')).toContain('Belum ada data di antrean.');
    expect(screen.getByTestId('outage-table')).toBeTruthy();
    expect(text('dead-empty')).toBe('Tidak ada data yang ditolak server.');
    expect((screen.getByTestId('dead-export') as HTMLButtonElement).disabled).toBe(true);
  });

  it('shows the paused state, backoff and last error', async () => {
    await signIn({ staff_sync_overview: () => PAUSED });
    await vi.waitFor(() => expect(screen.getByTestId('sync-state').dataset.state).toBe('paused'));
    expect(text('sync-state').trim()).toBe('Dijeda — menunggu server menjawab');
    expect(text('queue-backoff').trim()).toBe('30 detik');
    expect(text('sync-last-error')).toBe('connect timed out after 10s');
    await fireEvent.click(screen.getByTestId('lang-switch'));
    expect(text('sync-state').trim()).toBe('Paused — waiting for the server to answer');
  });

  it('shows retrying while failures pile up but not yet paused', async () => {
    await signIn({ staff_sync_overview: () => ({ ...PAUSED, paused: false, consecutive_failures: 2 }) });
    await vi.waitFor(() => expect(screen.getByTestId('sync-state').dataset.state).toBe('retrying'));
    expect(text('sync-state')).toContain('Mencoba lagi');
    expect(text('sync-state')).toContain('2');
  });

  it('retry sends the id, then refreshes', async () => {
    let retried = false;
    const calls = await signIn({
      staff_sync_overview: () => (retried ? { ...SYNC, dead: 1, dead_letters: SYNC.dead_letters.slice(1) } : SYNC),
      staff_retry_dead: () => {
        retried = true;
        return null;
      },
    });
    const buttons = await screen.findAllByTestId('dead-retry');
    const before = count(calls, 'staff_sync_overview');
    await fireEvent.click(buttons[0]);
    await vi.waitFor(() => expect(text('queue-dead')).toBe('1'));
    expect(calls.find((c) => c.cmd === 'staff_retry_dead')?.args).toEqual({ id: 'd1' });
    expect(count(calls, 'staff_sync_overview')).toBeGreaterThan(before);
    expect(screen.getAllByTestId('dead-row')).toHaveLength(1);
  });

  it('a failed retry shows a calm message and keeps the rows', async () => {
    await signIn({ staff_retry_dead: () => reject('storage') });
    await fireEvent.click((await screen.findAllByTestId('dead-retry'))[1]);
    await vi.waitFor(() => expect(text('dead-error')).toContain('gangguan penyimpanan'));
    expect(screen.getAllByTestId('dead-row')).toHaveLength(2);
  });

  it('export shows the returned path', async () => {
    const path = 'C:\\ProgramData\\Anjungan\\export\\dead-20261129.jsonl';
    const calls = await signIn({ staff_export_dead: () => path });
    await fireEvent.click(await screen.findByTestId('dead-export'));
    await vi.waitFor(() => expect(text('dead-export-result')).toContain(path));
    expect(text('dead-export-result')).toContain('Berkas ekspor tersimpan di:');
    expect(count(calls, 'staff_export_dead')).toBe(1);
  });

  it('polls every 2 seconds and stops after logout', async () => {
    vi.useFakeTimers();
    let pending = 4;
    const calls = renderStaff({ kind: 'granted' }, { staff_sync_overview: () => ({ ...SYNC, pending }) });
    await enterPin('123456');
    await vi.advanceTimersByTimeAsync(0);
    expect(text('queue-pending')).toBe('4');
    expect(count(calls, 'staff_sync_overview')).toBe(1);

    pending = 9;
    await vi.advanceTimersByTimeAsync(2_000);
    expect(text('queue-pending')).toBe('9');
    expect(count(calls, 'staff_sync_overview')).toBe(2);
    await vi.advanceTimersByTimeAsync(4_000);
    expect(count(calls, 'staff_sync_overview')).toBe(4);

    await fireEvent.click(screen.getByTestId('staff-logout'));
    await vi.advanceTimersByTimeAsync(0);
    expect(screen.getByTestId('pin-screen')).toBeTruthy();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(count(calls, 'staff_sync_overview')).toBe(4);
  });

  it('keeps the last data and shows an error when a poll fails', async () => {
    vi.useFakeTimers();
    let fail = false;
    renderStaff({ kind: 'granted' }, { staff_sync_overview: () => (fail ? reject('internal') : SYNC) });
    await enterPin('123456');
    await vi.advanceTimersByTimeAsync(0);
    expect(text('queue-pending')).toBe('4');

    fail = true;
    await vi.advanceTimersByTimeAsync(2_000);
    expect(text('sync-error')).toContain('Maaf, sedang ada gangguan');
    expect(text('queue-pending')).toBe('4');

    fail = false;
    await vi.advanceTimersByTimeAsync(2_000);
    expect(screen.queryByTestId('sync-error')).toBeNull();
  });

  it('staff_locked returns to the PIN screen', async () => {
    vi.useFakeTimers();
    let locked = false;
    const calls = renderStaff(
      { kind: 'granted' },
      { staff_sync_overview: () => (locked ? reject('staff_locked') : SYNC) },
    );
    await enterPin('123456');
    await vi.advanceTimersByTimeAsync(0);
    expect(screen.getByTestId('sync-view')).toBeTruthy();

    locked = true;
    await vi.advanceTimersByTimeAsync(2_000);
    expect(screen.getByTestId('pin-screen')).toBeTruthy();
    expect(screen.queryByTestId('sync-view')).toBeNull();
    expect(text('pin-message')).toContain('Sesi petugas sudah berakhir');

    const polls = count(calls, 'staff_sync_overview');
    await vi.advanceTimersByTimeAsync(10_000);
    expect(count(calls, 'staff_sync_overview')).toBe(polls);
  });

  it('staff_locked on retry returns to the PIN screen', async () => {
    await signIn({ staff_retry_dead: () => reject('staff_locked') });
    await fireEvent.click((await screen.findAllByTestId('dead-retry'))[0]);
    await screen.findByTestId('pin-screen');
    expect(text('pin-message')).toContain('Sesi petugas sudah berakhir');
  });
});
