import { fireEvent, render, screen } from '@testing-library/svelte';
import { describe, expect, it, vi } from 'vitest';
import KioskApp from '../KioskApp.svelte';
import { language } from '../lib/i18n/index.svelte';
import type { StatusLookup } from '../lib/ipc/bindings';
import { APP_INFO, mockCommands, reject, tap } from '../test/ipc';

const LOOKUP: StatusLookup = {
  tracking_number: '26-000-00105-7',
  service_name: 'Persetujuan Bangunan Gedung',
  status: 'perlu_perbaikan',
  submitted_on: '2026-11-02',
  updated_on: '2026-11-29',
  sla_working_days: 5,
  note: 'Foto KTP tidak terbaca',
  missing: ['KTP-el pemohon'],
  step: null,
  history: [
    { status: 'diterima', at: '2026-11-02T02:00:00Z', note: null, missing: [], step: null },
    {
      status: 'perlu_perbaikan',
      at: '2026-11-29T03:30:00Z',
      note: 'Foto KTP tidak terbaca',
      missing: ['KTP-el pemohon'],
      step: null,
    },
  ],
  received_complete_at: null,
  due_date: null,
  working_days_left: null,
  late: false,
  source: 'hub',
  as_of: '2026-11-29T03:30:00Z',
};

async function renderKiosk(handlers: Parameters<typeof mockCommands>[0] = {}) {
  const calls = mockCommands({ app_info: () => APP_INFO, ...handlers });
  render(KioskApp);
  await screen.findByTestId('home-title');
  return calls;
}

async function typeTracking(value: string) {
  await fireEvent.input(screen.getByTestId('tracking-input'), { target: { value } });
}

const text = (testid: string) => screen.getByTestId(testid).textContent ?? '';

describe('home', () => {
  it('shows the office and the five tiles in Indonesian', async () => {
    await renderKiosk();
    expect(text('home-title')).toContain('DPMPTSP Kota Metro');
    expect(text('tile-apply')).toContain('Ajukan Izin');
    expect(text('tile-status')).toContain('Cek Status Permohonan');
    expect(text('tile-verify')).toContain('Cek Keaslian Izin');
    expect(text('tile-survey')).toContain('Survei Kepuasan (e-SKM)');
    expect(text('tile-complaint')).toContain('Pengaduan');
    expect(text('lang-switch')).toContain('English');
    expect(document.title).toContain('Anjungan Pelayanan Mandiri');
  });

  it('switches to English and back', async () => {
    await renderKiosk();
    await fireEvent.click(screen.getByTestId('lang-switch'));
    expect(text('tile-apply')).toContain('Apply for a Permit');
    expect(text('tile-status')).toContain('Check Application Status');
    expect(text('tile-verify')).toContain('Verify a Permit');
    expect(text('tile-survey')).toContain('Satisfaction Survey (e-SKM)');
    expect(text('tile-complaint')).toContain('Complaints');
    expect(text('lang-switch')).toContain('Bahasa Indonesia');
    expect(document.documentElement.lang).toBe('en');

    await fireEvent.click(screen.getByTestId('lang-switch'));
    expect(text('tile-apply')).toContain('Ajukan Izin');
    expect(text('lang-switch')).toContain('English');
  });

  it('works without the backend (plain browser)', async () => {
    mockCommands({});
    render(KioskApp);
    expect(await screen.findByTestId('tile-status')).toBeTruthy();
    expect(language()).toBe('id');
  });
});

describe('Pengaduan', () => {
  it('the complaint tile opens the complaint flow, not the unavailable screen', async () => {
    await renderKiosk({ complaint_discard: () => null });
    await fireEvent.click(screen.getByTestId('tile-complaint'));
    expect(screen.queryByTestId('unavailable')).toBeNull();
    expect(screen.getByTestId('complaint-screen')).toBeTruthy();
    expect(text('complaint-new')).toContain('Buat pengaduan');
    expect(text('complaint-check')).toContain('Cek pengaduan');

    await fireEvent.click(screen.getByTestId('back-home'));
    expect(screen.queryByTestId('complaint-screen')).toBeNull();
    expect(screen.getByTestId('home-title')).toBeTruthy();
  });
});

describe('status check', () => {
  it('shows the translated status, explanation, dates and SLA', async () => {
    const calls = await renderKiosk({ check_status: () => LOOKUP });
    await fireEvent.click(screen.getByTestId('tile-status'));
    expect(screen.getByTestId('status-screen')).toBeTruthy();
    for (const d of '26000001057') await fireEvent.click(screen.getByTestId(`keypad-${d}`));
    expect((screen.getByTestId('tracking-input') as HTMLInputElement).value).toBe('26-000-00105-7');

    await fireEvent.click(screen.getByTestId('status-submit'));
    const result = await screen.findByTestId('status-result');
    expect(calls.find((c) => c.cmd === 'check_status')?.args).toEqual({ trackingNumber: '26-000-00105-7' });
    expect(result.textContent).toContain('Persetujuan Bangunan Gedung');
    expect(result.textContent).toContain('Perlu Perbaikan');
    expect(result.textContent).toContain('Ada dokumen yang perlu diperbaiki. Silakan hubungi loket pelayanan.');
    expect(text('status-submitted')).toBe('2 November 2026');
    expect(text('status-updated')).toBe('29 November 2026');
    expect(text('status-sla')).toBe('5 hari kerja');
    expect(text('status-missing')).toContain('KTP-el pemohon');
    expect(screen.getAllByTestId('status-timeline-item')).toHaveLength(2);

    await fireEvent.click(screen.getByTestId('lang-switch'));
    expect(text('status-label')).toBe('Needs Correction');
    expect(text('status-sla')).toBe('5 working days');
    expect(text('status-updated')).toBe('29 November 2026');
  });

  it('accepts typing on a physical keyboard, with or without dash', async () => {
    const calls = await renderKiosk({ check_status: () => ({ ...LOOKUP, sla_working_days: null }) });
    await fireEvent.click(screen.getByTestId('tile-status'));
    await typeTracking('26 000 00105 7');
    await fireEvent.submit(screen.getByTestId('tracking-input').closest('form')!);
    await screen.findByTestId('status-result');
    expect(calls.filter((c) => c.cmd === 'check_status')).toHaveLength(1);
    expect(screen.queryByTestId('status-sla')).toBeNull();
  });

  it('keypad back and clear edit the number', async () => {
    await renderKiosk();
    await fireEvent.click(screen.getByTestId('tile-status'));
    const input = screen.getByTestId('tracking-input') as HTMLInputElement;
    for (const d of '260') await fireEvent.click(screen.getByTestId(`keypad-${d}`));
    expect(input.value).toBe('26-0');
    await fireEvent.click(screen.getByTestId('keypad-back'));
    expect(input.value).toBe('26');
    await fireEvent.click(screen.getByTestId('keypad-clear'));
    expect(input.value).toBe('');
  });

  it.each([
    ['not_found', 'Nomor permohonan tidak ditemukan'],
    [
      'hub_unreachable',
      'Server kantor sedang tidak dapat dihubungi. Silakan coba lagi nanti atau tanyakan ke petugas.',
    ],
  ])('shows a calm message for %s', async (code, message) => {
    await renderKiosk({ check_status: () => reject(code, 'technical detail') });
    await fireEvent.click(screen.getByTestId('tile-status'));
    await typeTracking('26-000-00105-7');
    await fireEvent.click(screen.getByTestId('status-submit'));
    const error = await screen.findByTestId('status-error');
    expect(error.getAttribute('role')).toBe('alert');
    expect(error.textContent).toContain(message);
    expect(error.textContent).not.toContain('technical detail');
  });

  it('maps a Tauri ACL refusal (plain string) to the internal message', async () => {
    await renderKiosk({ check_status: () => Promise.reject('check_status not allowed. Permissions ...') });
    await fireEvent.click(screen.getByTestId('tile-status'));
    await typeTracking('26000001057');
    await fireEvent.click(screen.getByTestId('status-submit'));
    expect((await screen.findByTestId('status-error')).textContent).toContain('Maaf, sedang ada gangguan');
  });

  it.each(['12345', '26-000-00105-77', '26-000-00105-x', ''])(
    'catches "%s" without calling the backend',
    async (value) => {
      const calls = await renderKiosk({ check_status: () => LOOKUP });
      await fireEvent.click(screen.getByTestId('tile-status'));
      await typeTracking(value);
      await fireEvent.click(screen.getByTestId('status-submit'));
      expect(text('status-error')).toContain('11 angka');
      expect(calls.some((c) => c.cmd === 'check_status')).toBe(false);
    },
  );

  it('catches a mistyped digit without calling the backend', async () => {
    const calls = await renderKiosk({ check_status: () => LOOKUP });
    await fireEvent.click(screen.getByTestId('tile-status'));
    await typeTracking('26-000-00150-7');
    await fireEvent.click(screen.getByTestId('status-submit'));
    expect(text('status-error')).toContain('salah ketik');
    expect(text('status-error')).not.toContain('11 angka');
    expect(calls.some((c) => c.cmd === 'check_status')).toBe(false);
  });
});

describe('idle reset', () => {
  const SHORT = { ...APP_INFO, idle_timeout_s: 10, idle_warning_s: 4 };

  async function startIdle() {
    vi.useFakeTimers();
    mockCommands({ app_info: () => SHORT });
    render(KioskApp);
    await vi.advanceTimersByTimeAsync(0);
  }

  it('warns, then wipes the typed number and returns home in Indonesian', async () => {
    await startIdle();
    await fireEvent.click(screen.getByTestId('lang-switch'));
    await tap(screen.getByTestId('tile-status'));
    await typeTracking('2026-0001');
    sessionStorage.setItem('x', '1');
    localStorage.setItem('y', '2');

    await vi.advanceTimersByTimeAsync(5_500);
    expect(screen.queryByTestId('idle-warning')).toBeNull();
    await vi.advanceTimersByTimeAsync(1_000);
    const warning = screen.getByTestId('idle-warning');
    expect(warning.textContent).toContain('Are you still there?');
    expect(text('idle-countdown')).toBe('4');
    await vi.advanceTimersByTimeAsync(1_000);
    expect(text('idle-countdown')).toBe('3');

    await vi.advanceTimersByTimeAsync(3_500);
    expect(screen.queryByTestId('idle-warning')).toBeNull();
    expect(screen.queryByTestId('status-screen')).toBeNull();
    expect(text('home-title')).toContain('DPMPTSP Kota Metro');
    expect(text('tile-apply')).toContain('Ajukan Izin');
    expect(language()).toBe('id');
    expect(sessionStorage.length).toBe(0);
    expect(localStorage.length).toBe(0);

    await fireEvent.click(screen.getByTestId('tile-status'));
    expect((screen.getByTestId('tracking-input') as HTMLInputElement).value).toBe('');
  });

  it('"Lanjutkan" keeps the session', async () => {
    await startIdle();
    await tap(screen.getByTestId('tile-status'));
    await typeTracking('2026-0001');
    await vi.advanceTimersByTimeAsync(7_000);
    expect(text('idle-warning')).toContain('Masih di sana?');
    await tap(screen.getByTestId('idle-continue'));
    expect(screen.queryByTestId('idle-warning')).toBeNull();

    await vi.advanceTimersByTimeAsync(5_000);
    expect(screen.queryByTestId('idle-warning')).toBeNull();
    expect((screen.getByTestId('tracking-input') as HTMLInputElement).value).toBe('2026-0001');
  });

  it('does nothing on the untouched home screen', async () => {
    await startIdle();
    await vi.advanceTimersByTimeAsync(30_000);
    expect(screen.queryByTestId('idle-warning')).toBeNull();
    expect(screen.getByTestId('home-title')).toBeTruthy();
  });

  it('brings Indonesian back when English was left on the home screen', async () => {
    await startIdle();
    await tap(screen.getByTestId('lang-switch'));
    expect(language()).toBe('en');
    await vi.advanceTimersByTimeAsync(11_000);
    expect(language()).toBe('id');
    expect(text('tile-apply')).toContain('Ajukan Izin');
  });
});

describe('hidden staff access', () => {
  it('five taps on the corner open the staff window', async () => {
    const calls = await renderKiosk({ open_staff_window: () => null });
    const corner = screen.getByTestId('staff-corner');
    expect(corner.getAttribute('aria-hidden')).toBe('true');
    expect(corner.textContent).toBe('');
    for (let i = 0; i < 4; i++) await fireEvent.pointerDown(corner);
    expect(calls.some((c) => c.cmd === 'open_staff_window')).toBe(false);
    await fireEvent.pointerDown(corner);
    expect(calls.filter((c) => c.cmd === 'open_staff_window')).toHaveLength(1);
  });

  it('Ctrl+Alt+S opens the staff window', async () => {
    const calls = await renderKiosk({ open_staff_window: () => null });
    await fireEvent.keyDown(window, { key: 's', code: 'KeyS', ctrlKey: true, altKey: true });
    expect(calls.filter((c) => c.cmd === 'open_staff_window')).toHaveLength(1);
  });
});
