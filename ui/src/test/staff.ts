import { fireEvent, render, screen } from '@testing-library/svelte';
import StaffApp from '../StaffApp.svelte';
import type { SkmSummary, StaffLoginResult, StaffOverview, SyncOverview } from '../lib/ipc/bindings';
import { mockCommands, type Call, type Handler } from './ipc';

/** An enrolled, online kiosk. */
export const OVERVIEW: StaffOverview = {
  app_version: '0.1.0',
  data_dir: 'C:\\ProgramData\\Anjungan',
  enrolment: {
    hub_url: 'https://hub.example.test',
    kiosk_name: 'kiosk-lobi',
    enrolled_at: '2026-11-01T08:00:00+07:00',
    pinned: true,
  },
  connection: {
    state: 'online',
    checked_at: '2026-11-29T09:30:00+07:00',
    clock_skew_s: 3,
    detail: null,
    insecure: false,
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
  waiting: [],
};

const score = (code: string, nrr: number | null, answered = 40) => ({ code, nrr, answered });

/** U1 … U8 score the same whether U9 and U10 are combined or not. */
const U1_TO_U8 = [
  score('U1', 3.4),
  score('U2', 3.5),
  score('U3', 2.9),
  score('U4', 3.8),
  score('U5', 3.3),
  score('U6', 3.45),
  score('U7', 3.6),
  score('U8', 2.75, 30),
];

/** A month of survey results with a population given. */
export const SKM_SUMMARY: SkmSummary = {
  from: '2026-11-01',
  to: '2026-11-30',
  respondents: 42,
  ikm: 82.47,
  grade: 'B',
  elements: [...U1_TO_U8, score('U9+U10', 3.05, 80)],
  elements_separate: [...U1_TO_U8, score('U9', 3.1234), score('U10', 2.9766)],
  lowest: ['U8', 'U3', 'U9+U10'],
  monthly: [
    { month: '2026-10', respondents: 12, ikm: 80.1 },
    { month: '2026-11', respondents: 30, ikm: 83.35 },
  ],
  profile: {
    sex: [
      { value: 'laki_laki', count: 20 },
      { value: 'perempuan', count: 19 },
      { value: 'unknown', count: 3 },
    ],
    age_band: [{ value: '30_39', count: 42 }],
    education: [{ value: 'd1_d3', count: 42 }],
    occupation: [{ value: 'wirausaha', count: 42 }],
    service: [{ value: 'Persetujuan Bangunan Gedung', count: 42 }],
  },
  sample: { population: 120, required: 92, adequate: false },
  suggestions: ['Antrian lebih cepat', 'Ruang tunggu nyaman'],
  linked: { respondents: 30, ikm: 83.1, grade: 'B' },
  unlinked: { respondents: 12, ikm: 80.9, grade: 'B' },
  duplicates: 2,
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
    staff_skm_summary: () => SKM_SUMMARY,
    staff_skm_report: () => 'C:\\ProgramData\\Anjungan\\laporan\\skm-2026-11.pdf',
    ...handlers,
  });
  render(StaffApp);
  return calls;
}
