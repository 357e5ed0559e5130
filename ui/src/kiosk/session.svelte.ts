import type { ErrorCode, StatusLookup } from '../lib/ipc/bindings';
import type { ServiceId } from './services';
import { ApplyState } from './apply/apply.svelte';
import { ComplaintState } from './complaint/complaint.svelte';
import { SurveyState } from './survey.svelte';

export type KioskScreen =
  | 'home'
  | 'apply'
  | 'info'
  | 'status'
  | 'survey'
  | 'verify'
  | 'complaint'
  | 'unavailable';

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
  /** The e-SKM survey of this visit; a new one (new visit id) each time it starts. */
  survey = $state<SurveyState | null>(null);
  /** The application being filled in ("Ajukan Izin"); the idle reset drops it with the session. */
  apply = $state<ApplyState | null>(null);
  /** The complaint being filled in or looked up ("Pengaduan"); dropped with the session too. */
  complaint = $state<ComplaintState | null>(null);

  open(service: ServiceId): void {
    this.service = service;
    if (service === 'status') {
      this.screen = 'status';
    } else if (service === 'verify') {
      // The verdict (with the holder's name) lives in VerifyScreen only.
      this.screen = 'verify';
    } else if (service === 'apply') {
      this.startApplication(null);
    } else if (service === 'complaint') {
      this.startComplaint(null);
    } else if (service === 'info') {
      this.screen = 'info';
    } else if (service === 'survey') {
      this.survey = new SurveyState();
      this.screen = 'survey';
    } else {
      this.screen = 'unavailable';
    }
  }

  /** A new application, for `serviceCode` when the citizen came from its information. */
  startApplication(serviceCode: string | null): void {
    this.service = 'apply';
    this.apply = new ApplyState(serviceCode);
    this.screen = 'apply';
  }

  /**
   * A new complaint; `related` is the application it is about when the citizen came from
   * Cek Status ("Adukan keterlambatan"). The status looked up there goes with the old screen.
   */
  startComplaint(related: string | null): void {
    this.service = 'complaint';
    this.trackingInput = '';
    this.result = null;
    this.error = null;
    this.complaint = new ComplaintState(related);
    this.screen = 'complaint';
  }
}
