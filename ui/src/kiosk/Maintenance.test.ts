import { fireEvent, render, screen } from '@testing-library/svelte';
import { describe, expect, it, vi } from 'vitest';
import KioskApp from '../KioskApp.svelte';
import { language, setLanguage, type Language } from '../lib/i18n/index.svelte';
import type { MaintenanceReason } from '../lib/ipc/bindings';
import { APP_INFO, mockCommands, reject } from '../test/ipc';
import MaintenanceScreen from './MaintenanceScreen.svelte';
import { MAINTENANCE_STAFF_TEXT } from './maintenance';

const text = (testid: string) => screen.getByTestId(testid).textContent ?? '';

/** A backend in maintenance mode: only `maintenance_status` answers. */
async function renderMaintenance(reason: string) {
  const calls = mockCommands({ maintenance_status: () => ({ reason }) });
  render(KioskApp);
  await screen.findByTestId('maintenance');
  return calls;
}

describe('maintenance mode', () => {
  it('shows only the maintenance notice and asks nothing else of the backend', async () => {
    const calls = await renderMaintenance('damaged');
    const notice = screen.getByTestId('maintenance');
    expect(notice.getAttribute('data-reason')).toBe('damaged');
    expect(notice.textContent).toContain('Anjungan sedang dalam perawatan');
    expect(notice.textContent).toContain(
      'Mohon maaf, silakan menuju loket pelayanan; petugas kami siap membantu.',
    );
    expect(text('maintenance-staff')).toContain('Penyimpanan data anjungan rusak.');
    expect(text('maintenance-staff')).toContain('anjungan-cli status');
    expect(text('maintenance-reason')).toBe('Kode: damaged');

    expect(screen.queryByTestId('home-title')).toBeNull();
    expect(screen.queryByTestId('tile-status')).toBeNull();
    expect(screen.queryByTestId('staff-corner')).toBeNull();
    expect(calls.map((c) => c.cmd)).toEqual(['maintenance_status']);
  });

  it('switches language, and never times out or opens the staff window', async () => {
    vi.useFakeTimers();
    const calls = mockCommands({ maintenance_status: () => ({ reason: 'disk_full' }) });
    render(KioskApp);
    await vi.advanceTimersByTimeAsync(0);
    expect(screen.getByTestId('maintenance')).toBeTruthy();

    await fireEvent.click(screen.getByTestId('lang-switch'));
    expect(text('maintenance')).toContain('This kiosk is under maintenance');
    expect(text('maintenance-reason')).toBe('Code: disk_full');

    await fireEvent.keyDown(window, { key: 's', code: 'KeyS', ctrlKey: true, altKey: true });
    await vi.advanceTimersByTimeAsync(600_000);
    expect(screen.queryByTestId('idle-warning')).toBeNull();
    expect(screen.getByTestId('maintenance')).toBeTruthy();
    expect(calls.map((c) => c.cmd)).toEqual(['maintenance_status']);
  });

  it('shows nothing of the services while the answer is pending', async () => {
    mockCommands({ maintenance_status: () => new Promise(() => {}) });
    render(KioskApp);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(screen.queryByTestId('tile-status')).toBeNull();
    expect(screen.queryByTestId('maintenance')).toBeNull();
    expect(screen.queryByTestId('staff-corner')).toBeNull();
    expect(screen.getByTestId('lang-switch')).toBeTruthy();
  });

  it('still shows a reason this version does not know, with generic staff advice', async () => {
    await renderMaintenance('something_new');
    expect(screen.getByTestId('maintenance').getAttribute('data-reason')).toBe('something_new');
    expect(text('maintenance-staff')).toContain('Penyimpanan data anjungan tidak dapat dibuka.');
    expect(text('maintenance-reason')).toBe('Kode: something_new');
  });
});

describe('normal mode', () => {
  it('asks for the maintenance status first, then starts as usual', async () => {
    const calls = mockCommands({ app_info: () => ({ ...APP_INFO, default_language: 'en' }) });
    render(KioskApp);
    await screen.findByTestId('home-title');
    await vi.waitFor(() => expect(language()).toBe('en'));
    expect(calls[0].cmd).toBe('maintenance_status');
    expect(calls.some((c) => c.cmd === 'app_info')).toBe(true);
    expect(screen.queryByTestId('maintenance')).toBeNull();
    expect(screen.getByTestId('staff-corner')).toBeTruthy();
  });

  it.each([
    ['an IPC error', () => reject('internal')],
    ['an unknown command (older backend)', () => Promise.reject('Command maintenance_status not found')],
  ])('carries on normally when maintenance_status fails with %s', async (_name, fail) => {
    const calls = mockCommands({ maintenance_status: fail, app_info: () => APP_INFO });
    render(KioskApp);
    expect(screen.queryByTestId('tile-status')).toBeNull();
    await screen.findByTestId('home-title');
    expect(screen.getByTestId('tile-status')).toBeTruthy();
    expect(screen.queryByTestId('maintenance')).toBeNull();
    await vi.waitFor(() => expect(calls.some((c) => c.cmd === 'app_info')).toBe(true));
  });
});

describe('staff advice', () => {
  const EXPECTED: Record<MaintenanceReason, Record<Language, string[]>> = {
    damaged: {
      id: ['rusak', 'Jangan hapus folder data', 'anjungan-cli status', 'tim teknis'],
      en: ['damaged', 'Do not delete the data folder', 'anjungan-cli status', 'technical team'],
    },
    too_new: {
      id: ['versi aplikasi yang lebih baru', 'Pasang kembali versi tersebut', 'Jangan hapus folder data'],
      en: ['newer version', 'Install that version again', 'Do not delete the data folder'],
    },
    disk_full: {
      id: ['penuh', 'Kosongkan ruang disk', 'jalankan ulang aplikasi'],
      en: ['disk is full', 'Free up disk space', 'restart the app'],
    },
    read_only: {
      id: ['hanya dapat dibaca', 'Perbaiki izin akses', 'jalankan ulang aplikasi'],
      en: ['read-only', 'Fix its permissions', 'restart the app'],
    },
  };

  const cases = (Object.keys(MAINTENANCE_STAFF_TEXT) as MaintenanceReason[]).flatMap((reason) =>
    (['id', 'en'] as const).map((lang) => [reason, lang] as const),
  );

  it('covers every reason', () => {
    expect(Object.keys(EXPECTED).sort()).toEqual(Object.keys(MAINTENANCE_STAFF_TEXT).sort());
  });

  it.each(cases)('%s in %s', (reason, lang) => {
    setLanguage(lang);
    render(MaintenanceScreen, { reason });
    const staff = text('maintenance-staff');
    for (const phrase of EXPECTED[reason][lang]) expect(staff).toContain(phrase);
    expect(text('maintenance-reason')).toContain(reason);
  });

  it('each reason has its own text', () => {
    for (const lang of ['id', 'en'] as const) {
      setLanguage(lang);
      const texts = Object.keys(MAINTENANCE_STAFF_TEXT).map((reason) => {
        const { unmount } = render(MaintenanceScreen, { reason });
        const staff = text('maintenance-staff');
        unmount();
        return staff;
      });
      expect(new Set(texts).size).toBe(texts.length);
    }
  });
});
