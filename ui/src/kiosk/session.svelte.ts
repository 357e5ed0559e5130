import type { ErrorCode, StatusLookup } from '../lib/ipc/bindings';
import type { ServiceId } from './services';

export type KioskScreen = 'home' | 'status' | 'unavailable';

/**
 * Everything one citizen left on the screen. Reset replaces the whole object,
 * so no field can survive into the next person's session.
 */
export class KioskSession {
  screen = $state<KioskScreen>('home');
  /** The service shown on the "not available yet" screen. */
  service = $state<ServiceId | null>(null);
  trackingInput = $state('');
  loading = $state(false);
  result = $state.raw<StatusLookup | null>(null);
  error = $state<ErrorCode | null>(null);
  /** Increments per lookup, so a late answer to an older one is ignored. */
  request = 0;

  open(service: ServiceId): void {
    this.service = service;
    this.screen = service === 'status' ? 'status' : 'unavailable';
  }
}
