import { fireEvent, screen } from '@testing-library/svelte';
import { describe, expect, it, vi } from 'vitest';
import { reject, type Handler } from '../test/ipc';
import { OVERVIEW, enterPin, renderStaff, text } from '../test/staff';

describe('PIN screen', () => {
  it('denied: shows attempts left and clears the field', async () => {
    const calls = renderStaff({ kind: 'denied', attempts_left: 2 });
    expect(screen.getByTestId('pin-screen')).toBeTruthy();
    await enterPin('1111');
    await vi.waitFor(() => expect(text('pin-message')).toContain('PIN salah. Sisa percobaan: 2.'));
    expect((screen.getByTestId('pin-input') as HTMLInputElement).value).toBe('');
    expect(calls.find((c) => c.cmd === 'staff_login')?.args).toEqual({ pin: '1111' });
  });

  it('on-screen digits fill the PIN', async () => {
    const calls = renderStaff({ kind: 'denied', attempts_left: 4 });
    for (const d of '4321') await fireEvent.click(screen.getByTestId(`pin-key-${d}`));
    await fireEvent.click(screen.getByTestId('pin-key-back'));
    await fireEvent.click(screen.getByTestId('pin-submit'));
    await vi.waitFor(() => expect(calls.find((c) => c.cmd === 'staff_login')?.args).toEqual({ pin: '432' }));
  });

  it('locked: counts down with the submit disabled, then allows again', async () => {
    vi.useFakeTimers();
    renderStaff({ kind: 'locked', retry_after_s: 125 });
    await enterPin('0000');
    await vi.advanceTimersByTimeAsync(0);
    expect(text('pin-message')).toContain('Terlalu banyak percobaan. Coba lagi dalam 2 menit 5 detik.');
    expect((screen.getByTestId('pin-submit') as HTMLButtonElement).disabled).toBe(true);
    expect((screen.getByTestId('pin-input') as HTMLInputElement).value).toBe('');

    await vi.advanceTimersByTimeAsync(1_000);
    expect(text('pin-message')).toContain('2 menit 4 detik');
    await vi.advanceTimersByTimeAsync(124_000);
    expect(text('pin-message').trim()).toBe('');
    expect((screen.getByTestId('pin-submit') as HTMLButtonElement).disabled).toBe(false);
  });

  it('granted: shows the overview', async () => {
    renderStaff({ kind: 'granted' });
    await enterPin('123456');
    await screen.findByTestId('staff-overview');
    await vi.waitFor(() => expect(text('connection-state')).toContain('Terhubung'));
    expect(text('app-version')).toBe('0.1.0');
    expect(text('enrolment')).toContain('https://hub.example.test');
    expect(screen.queryByTestId('clock-skew')).toBeNull();
  });

  it('shows a calm message when the login command fails', async () => {
    renderStaff(() => Promise.reject('staff_login not allowed. Permissions associated with this command: x'));
    await enterPin('1');
    await vi.waitFor(() => expect(text('pin-message')).toContain('Maaf, sedang ada gangguan'));
  });
});

describe('overview', () => {
  async function signIn(handlers: Record<string, Handler> = {}) {
    const calls = renderStaff({ kind: 'granted' }, handlers);
    await enterPin('123456');
    await screen.findByTestId('staff-overview');
    return calls;
  }

  it('staff_locked on the overview returns to the PIN screen', async () => {
    await signIn({ staff_overview: () => reject('staff_locked') });
    await screen.findByTestId('pin-screen');
    expect(screen.queryByTestId('staff-overview')).toBeNull();
    expect(text('pin-message')).toContain('Sesi petugas sudah berakhir');
  });

  it('check connection updates the badge', async () => {
    const calls = await signIn();
    await vi.waitFor(() => expect(text('connection-state')).toContain('Terhubung'));
    await fireEvent.click(screen.getByTestId('check-connection'));
    await vi.waitFor(() => expect(text('connection-state')).toContain('Tidak terhubung'));
    expect(screen.getByTestId('connection-state').dataset.state).toBe('offline');
    expect(text('connection-detail')).toBe('timed out');
    expect(calls.some((c) => c.cmd === 'staff_check_connection')).toBe(true);
  });

  it('shows not enrolled with the enrol command, and clock skew warnings', async () => {
    await signIn({
      staff_overview: () => ({
        ...OVERVIEW,
        enrolment: null,
        connection: { ...OVERVIEW.connection, state: 'not_enrolled', clock_skew_s: -95 },
      }),
    });
    await vi.waitFor(() => expect(text('connection-state')).toContain('Belum terdaftar'));
    expect(text('not-enrolled')).toBe('Belum terdaftar');
    expect(text('staff-overview')).toContain('anjungan-cli --data');
    expect(text('clock-skew')).toContain('-95');
    await fireEvent.click(screen.getByTestId('lang-switch'));
    expect(text('connection-state')).toContain('Not enrolled');
  });

  it('says the link is not secure when the site allows plain http to its hub, and only then', async () => {
    await signIn({
      staff_overview: () => ({ ...OVERVIEW, connection: { ...OVERVIEW.connection, insecure: true } }),
    });
    await vi.waitFor(() => expect(text('connection-insecure')).toContain('tidak aman'));
    await fireEvent.click(screen.getByTestId('lang-switch'));
    expect(text('connection-insecure')).toContain('not secure');
  });

  it('shows no such warning over https', async () => {
    await signIn();
    await vi.waitFor(() => expect(text('connection-state')).toBeTruthy());
    expect(screen.queryByTestId('connection-insecure')).toBeNull();
    expect(screen.queryByTestId('enrolment-unpinned')).toBeNull();
  });

  it('asks for a new enrolment with a code when the kiosk pinned no keys', async () => {
    await signIn({
      staff_overview: () => ({ ...OVERVIEW, enrolment: { ...OVERVIEW.enrolment!, pinned: false } }),
    });
    await vi.waitFor(() => expect(text('enrolment-unpinned')).toContain('kode pendaftaran'));
    expect(text('staff-overview')).toContain('--token-file');
    await fireEvent.click(screen.getByTestId('lang-switch'));
    expect(text('enrolment-unpinned')).toContain('enrolment codes');
  });

  it('refreshes every 2 seconds', async () => {
    vi.useFakeTimers();
    const calls = renderStaff({ kind: 'granted' });
    await enterPin('123456');
    await vi.advanceTimersByTimeAsync(0);
    const count = () => calls.filter((c) => c.cmd === 'staff_overview').length;
    expect(count()).toBe(1);
    await vi.advanceTimersByTimeAsync(2_000);
    expect(count()).toBe(2);
    await vi.advanceTimersByTimeAsync(4_000);
    expect(count()).toBe(4);
  });

  it("tells the backend staff is here on a tap or key, at most every 15 s, and not for the screens' own refreshing", async () => {
    vi.useFakeTimers();
    const calls = renderStaff({ kind: 'granted' });
    await enterPin('123456');
    await vi.advanceTimersByTimeAsync(0);
    const pings = () => calls.filter((c) => c.cmd === 'staff_activity').length;
    // A minute of refreshing with nobody there: no signal.
    await vi.advanceTimersByTimeAsync(60_000);
    expect(pings()).toBe(0);
    await fireEvent.pointerDown(window);
    await fireEvent.keyDown(window, { key: 'a' });
    expect(pings()).toBe(1);
    await vi.advanceTimersByTimeAsync(15_000);
    await fireEvent.keyDown(window, { key: 'b' });
    expect(pings()).toBe(2);
  });

  it('logout calls the backend and returns to the PIN screen', async () => {
    const calls = await signIn();
    await fireEvent.click(screen.getByTestId('staff-logout'));
    await screen.findByTestId('pin-screen');
    expect(calls.some((c) => c.cmd === 'staff_logout')).toBe(true);
    expect(text('pin-message').trim()).toBe('');
  });
});
