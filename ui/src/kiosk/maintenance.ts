import type { MessageKey } from '../lib/i18n/index.svelte';
import type { MaintenanceReason } from '../lib/ipc/bindings';

/** What staff should do, per reason the store could not be opened. */
export const MAINTENANCE_STAFF_TEXT: Readonly<Record<MaintenanceReason, MessageKey>> = {
  damaged: 'maintenance.staff.damaged',
  too_new: 'maintenance.staff.too_new',
  disk_full: 'maintenance.staff.disk_full',
  read_only: 'maintenance.staff.read_only',
};

/** The staff text for `reason`; a reason this UI does not know yet gets a generic one. */
export function maintenanceStaffText(reason: string): MessageKey {
  return Object.hasOwn(MAINTENANCE_STAFF_TEXT, reason)
    ? MAINTENANCE_STAFF_TEXT[reason as MaintenanceReason]
    : 'maintenance.staff.unknown';
}
