import { mockIPC } from '@tauri-apps/api/mocks';
import { fireEvent, screen } from '@testing-library/svelte';
import { vi } from 'vitest';
import type { AppInfo, PermitCheck } from '../lib/ipc/bindings';

export type Call = { cmd: string; args: unknown };
export type Handler = (cmd: string, args: unknown) => unknown;

export const APP_INFO: AppInfo = {
  version: '0.1.0',
  default_language: 'id',
  idle_timeout_s: 90,
  idle_warning_s: 20,
  kiosk_name: 'kiosk-lobi',
  speech: false,
};

/** An authentic permit with no end date, checked against lists fetched 5 minutes ago. */
export const ASLI: PermitCheck = {
  verdict: 'ASLI',
  source: 'lists',
  permit_number: '503/0123/PBG/2026',
  permit_type: 'Persetujuan Bangunan Gedung',
  holder: 'Siti Rahmawati',
  issued: '2026-03-14',
  valid_until: null,
  revocation_reason: null,
  other_office: false,
  lists_fetched_at: '2026-11-29T09:25:00+07:00',
  lists_age_s: 300,
  lists_max_age_days: 30,
  points_to: null,
};

/** What a backend in normal mode answers, unless a test overrides it. */
const DEFAULT_HANDLERS: Record<string, Handler> = {
  maintenance_status: () => null,
  ui_painted: () => null,
  staff_activity: () => null,
};

/** Installs an IPC mock and returns the list of calls it receives. */
export function mockCommands(handlers: Record<string, Handler>): Call[] {
  const calls: Call[] = [];
  const all = { ...DEFAULT_HANDLERS, ...handlers };
  mockIPC((cmd, args) => {
    calls.push({ cmd, args });
    const handler = all[cmd];
    if (!handler) throw { code: 'internal', message: `unmocked command ${cmd}` };
    return handler(cmd, args);
  });
  return calls;
}

/** A Tauri command rejection as our Rust side produces it. */
export function reject(code: string, message = 'test'): never {
  throw { code, message };
}

/** A touch: pointerdown (what the idle timer sees) then click. */
export async function tap(element: Element): Promise<void> {
  await fireEvent.pointerDown(element);
  await fireEvent.click(element);
}

/** Lets what a step started run to its end (for tests on fake timers). */
export const settle = () => vi.advanceTimersByTimeAsync(0);

/** A tap on the element with `testid`, and what it started run. */
export async function press(testid: string): Promise<void> {
  await tap(screen.getByTestId(testid));
  await settle();
}
