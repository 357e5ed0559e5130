import type { IconName } from '../lib/Icon.svelte';
import type { MessageKey } from '../lib/i18n/index.svelte';

export type ServiceId = 'apply' | 'info' | 'status' | 'verify' | 'survey' | 'complaint';

export interface Service {
  id: ServiceId;
  icon: IconName;
  title: MessageKey;
  subtitle: MessageKey;
  /** Whether the kiosk offers it yet; the others show the "not available" screen. */
  available: boolean;
}

const service = (id: ServiceId, available = false): Service => ({
  id,
  icon: id,
  title: `service.${id}.title`,
  subtitle: `service.${id}.subtitle`,
  available,
});

export const SERVICES: readonly Service[] = [
  service('apply', true),
  service('info', true),
  service('status', true),
  service('verify', true),
  service('survey', true),
  service('complaint', true),
];

export function serviceById(id: ServiceId): Service {
  return SERVICES.find((s) => s.id === id) ?? SERVICES[0];
}
