import type { Boot, MaintenanceInfo } from '../lib/ipc/bindings';

/** The global the shell's initialization script defines (`Boot::GLOBAL` in anjungan-wire). */
export const BOOT_GLOBAL = '__ANJUNGAN_BOOT__';

/**
 * Whether the kiosk runs in maintenance mode. The shell hands the answer to the page before it
 * loads, so the first screen is drawn without waiting on the busy main thread for an IPC reply;
 * without it (a plain browser, an older shell) the backend is asked, and anything but an answer
 * means normal operation.
 */
export function maintenanceAtStart(
  ask: () => Promise<MaintenanceInfo | null>,
  win: object = window,
): Promise<MaintenanceInfo | null> {
  const boot = (win as Record<string, unknown>)[BOOT_GLOBAL] as Boot | undefined;
  if (boot && typeof boot === 'object' && 'maintenance' in boot) {
    return Promise.resolve(boot.maintenance);
  }
  return ask().catch(() => null);
}
