import type {
  ComplaintAttachment,
  ComplaintCategory,
  ComplaintDraft,
  ComplaintReceipt,
  ComplaintStatus,
  ErrorCode,
  Privacy,
  Problem,
} from '../../lib/ipc/bindings';
import { appendDigit, trackingDigits } from '../../lib/tracking';
import type { Wizard } from '../wizard/wizard.svelte';

/** The Pengaduan screens: a choice, the wizard's steps, the proof, and "Cek Pengaduan". */
export type ComplaintStep =
  | 'landing'
  | 'category'
  | 'story'
  | 'attachments'
  | 'identity'
  | 'review'
  | 'done'
  | 'check';

export const FORM_STEPS: readonly ComplaintStep[] = ['category', 'story', 'attachments', 'identity', 'review'];

/** The wizard driving the steps (the screen makes it); a submission refused as a whole is its own error. */
export type ComplaintWizard = Wizard<ComplaintStep, ComplaintDraft, 'refused'>;

/** The eleven kinds of Pasal 20(3), `a` … `k`: the wire's `ComplaintCategory`, in order. */
export const CATEGORIES = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j', 'k'] as const satisfies readonly ComplaintCategory[];
export type Category = ComplaintCategory;

export function isCategory(value: string): value is Category {
  return (CATEGORIES as readonly string[]).includes(value);
}

export const PRIVACY: readonly Privacy[] = ['named', 'rahasia', 'anonim'];

export const MAX_CHRONOLOGY = 4000;
export const MAX_ATTACHMENTS = 5;
/** A complaint's PIN: ten digits (six on complaints made before ten-digit PINs). */
export const PIN_DIGITS = 10;
export const OLD_PIN_DIGITS = 6;

/** Whether `pin` is a whole PIN, new or old. */
export function isPin(pin: string): boolean {
  return new RegExp(`^(\\d{${PIN_DIGITS}}|\\d{${OLD_PIN_DIGITS}})$`).test(pin);
}

/** Which problems each step owns, by field name or its start. */
const STEP_FIELDS: Partial<Record<ComplaintStep, readonly string[]>> = {
  category: ['category'],
  story: ['title', 'chronology', 'event_date', 'place', 'unit', 'related_tracking_number'],
  attachments: ['attachments'],
  identity: ['privacy', 'identity'],
  review: ['consent'],
};

function owns(prefix: string, field: string): boolean {
  return field === prefix || field.startsWith(`${prefix}.`);
}

export function problemsOf(step: ComplaintStep, problems: readonly Problem[]): Problem[] {
  const owned = STEP_FIELDS[step] ?? [];
  return problems.filter((p) => owned.some((prefix) => owns(prefix, p.field)));
}

/** The first step of the wizard that owns one of `problems`; the review for any other. */
export function stepOf(problems: readonly Problem[]): ComplaintStep | null {
  if (problems.length === 0) return null;
  return FORM_STEPS.find((step) => problemsOf(step, problems).length > 0) ?? 'review';
}

export const emptyDraft = (): ComplaintDraft => ({
  category: '',
  title: '',
  chronology: '',
  event_date: '',
  place: '',
  unit: null,
  related_tracking_number: null,
  privacy: 'named',
  identity: { name: '', nik: '', phone: '', email: '' },
  consent: false,
});

/** Digits typed on the number pad, in the printed groups (`26-000-00105-7`). */
export function groupTracking(digits: string): string {
  return [...digits].reduce((shown, d) => appendDigit(shown, d), '');
}

/** A local calendar day as `DDMMYYYY`, the way dates are typed on the keypad. */
export function dayDigits(date: Date): string {
  const dd = String(date.getDate()).padStart(2, '0');
  const mm = String(date.getMonth() + 1).padStart(2, '0');
  return `${dd}${mm}${date.getFullYear()}`;
}

/**
 * One citizen's complaint, or their look at one. It lives inside the kiosk session, so the
 * idle reset (which replaces the session) wipes every field with it; the attachments held by
 * the core are discarded by the screen when it closes.
 */
export class ComplaintState {
  step = $state<ComplaintStep>('landing');
  draft = $state<ComplaintDraft>(emptyDraft());
  /** The event date as typed (`DDMMYYYY` digits). */
  dateDigits = $state('');
  /** The related application's number as typed (digits only). */
  relatedDigits = $state('');
  problems = $state.raw<Problem[]>([]);
  /** Problems are shown only after the citizen tried to go on. */
  showProblems = $state(false);
  attachments = $state.raw<ComplaintAttachment[]>([]);
  busy = $state(false);
  submitError = $state<ErrorCode | 'refused' | null>(null);
  receipt = $state.raw<ComplaintReceipt | null>(null);

  /** "Cek Pengaduan": what was typed, and the answer. */
  checkNumber = $state('');
  checkPin = $state('');
  checkLoading = $state(false);
  checkError = $state<ErrorCode | 'format' | 'pin' | null>(null);
  checkResult = $state.raw<ComplaintStatus | null>(null);

  /** `related`: the application a complaint is about, from Cek Status ("Adukan keterlambatan"). */
  constructor(related: string | null = null) {
    const digits = related ? trackingDigits(related) : null;
    if (digits) {
      this.setRelated(digits);
      this.step = 'category';
    }
  }

  setRelated(digits: string): void {
    this.relatedDigits = digits;
    this.draft.related_tracking_number = digits === '' ? null : groupTracking(digits);
  }

  setUnit(unit: string): void {
    this.draft.unit = unit === '' ? null : unit;
  }

  choosePrivacy(privacy: Privacy): void {
    this.draft.privacy = privacy;
    // Nobody may know an anonymous complainant: no name or NIK goes with the complaint.
    if (privacy === 'anonim') {
      this.draft.identity.name = '';
      this.draft.identity.nik = '';
    }
  }

  /** Back to the choice, with nothing of the citizen's left. */
  restart(): void {
    this.draft = emptyDraft();
    this.dateDigits = '';
    this.relatedDigits = '';
    this.problems = [];
    this.showProblems = false;
    this.attachments = [];
    this.submitError = null;
    this.receipt = null;
    this.clearCheck();
  }

  clearCheck(): void {
    this.checkNumber = '';
    this.checkPin = '';
    this.checkError = null;
    this.checkResult = null;
  }
}
