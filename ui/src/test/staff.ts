import { fireEvent, render, screen } from '@testing-library/svelte';
import StaffApp from '../StaffApp.svelte';
import type { StaffLoginResult, StaffOverview, SyncOverview } from '../lib/ipc/bindings';
import { mockCommands, type Call, type Handler } from './ipc';

/** An enrolled, online kiosk. */
export const OVERVIEW: StaffOverview = {
  app_version: '0.1.0',
  data_dir: 'C:\\ProgramData\\Anjungan',
  enrolment: {
    hub_url: 'https://hub.example.test',
    kiosk_name: 'kiosk-lobi',
    enrolled_at: '2026-11-01T08:00:00+07:00',
  },
  connection: {
    state: 'online',
    checked_at: '2026-11-29T09:30:00+07:00',
    clock_skew_s: 3,
    detail: null,
  },
};

/** A healthy, empty outbox. */
export const EMPTY_SYNC: SyncOverview = {
  pending: 0,
  in_flight: 0,
  delivered: 0,
  dead: 0,
  oldest_pending_age_s: null,
  by_kind: [],
  last_success_at: null,
  consecutive_failures: 0,
  paused: false,
  current_backoff_ms: null,
  last_error: null,
  outages: [],
  dead_letters: [],
};

/** The text of the element with this data-testid. */
export const text = (testid: string): string => screen.getByTestId(testid).textContent ?? '';

/** Types a PIN into the staff PIN screen and submits it. */
export async function enterPin(pin: string): Promise<void> {
  await fireEvent.input(screen.getByTestId('pin-input'), { target: { value: pin } });
  await fireEvent.click(screen.getByTestId('pin-submit'));
}

/** Renders the staff window with every staff command mocked; `handlers` override. */
export function renderStaff(
  login: StaffLoginResult | Handler,
  handlers: Record<string, Handler> = {},
): Call[] {
  const calls = mockCommands({
    staff_login: typeof login === 'function' ? login : () => login,
    staff_overview: () => OVERVIEW,
    staff_check_connection: () => ({ ...OVERVIEW.connection, state: 'offline', detail: 'timed out' }),
    staff_logout: () => null,
    staff_sync_overview: () => EMPTY_SYNC,
    ...handlers,
  });
  render(StaffApp);
  return calls;
}
