import type {
  ErrorCode,
  Questionnaire,
  RespondentProfile,
  SkmRules,
  SubmitReceipt,
  SurveySubmission,
} from '../lib/ipc/bindings';

export const SUGGESTION_MAX = 500;

/**
 * Where the citizen is: the receipt's survey code, a question (by index), the suggestion,
 * the profile or the thanks.
 */
export type SurveyStep =
  | { kind: 'code' }
  | { kind: 'question'; index: number }
  | { kind: 'suggestion' }
  | { kind: 'profile' }
  | { kind: 'thanks' };

/** A fresh random id for one visit; one survey response is kept per visit. */
export function newVisitId(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6] & 0x0f) | 0x40;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export const emptyProfile = (): RespondentProfile => ({
  sex: null,
  age_band: null,
  education: null,
  occupation: null,
  service_code: null,
});

/**
 * One citizen's survey. It lives inside the kiosk session, so the idle reset
 * (which replaces the session) wipes every answer with it.
 */
export class SurveyState {
  readonly visitId = newVisitId();
  questionnaire = $state.raw<Questionnaire | null>(null);
  loading = $state(false);
  loadError = $state<ErrorCode | null>(null);
  step = $state<SurveyStep>({ kind: 'code' });
  /** What the office allows without a code; null until known (then the hub decides on sending). */
  rules = $state.raw<SkmRules | null>(null);
  /** The code as typed (digits only) and, once the kiosk accepted it, the code sent. */
  codeInput = $state('');
  skmCode = $state<string | null>(null);
  codeChecking = $state(false);
  codeError = $state<ErrorCode | null>(null);
  /** Score 1–4 per element, `null` when skipped or not reached. */
  answers = $state<(number | null)[]>([]);
  /** The answer just tapped, shown selected for a moment before moving on. */
  flash = $state<number | null>(null);
  suggestion = $state('');
  profile = $state<RespondentProfile>(emptyProfile());
  sending = $state(false);
  error = $state<ErrorCode | null>(null);
  receipt = $state.raw<SubmitReceipt | null>(null);

  get count(): number {
    return this.questionnaire?.elements.length ?? 0;
  }

  loaded(questionnaire: Questionnaire): void {
    this.questionnaire = questionnaire;
    this.answers = questionnaire.elements.map(() => null);
    this.step = { kind: 'code' };
  }

  /** Starts the questions with the checked code (its service preset), or with none. */
  begin(code: string | null, serviceCode: string | null = null): void {
    this.skmCode = code;
    this.codeError = null;
    if (serviceCode !== null) this.profile.service_code = serviceCode;
    this.step = { kind: 'question', index: 0 };
  }

  /** Records (or with `null` skips) the current question and moves on. */
  answer(score: number | null): void {
    if (this.step.kind !== 'question') return;
    this.answers[this.step.index] = score;
    this.flash = null;
    this.forward();
  }

  forward(): void {
    const step = this.step;
    if (step.kind === 'question') {
      this.step =
        step.index + 1 < this.count ? { kind: 'question', index: step.index + 1 } : { kind: 'suggestion' };
    } else if (step.kind === 'suggestion') {
      this.step = { kind: 'profile' };
    }
  }

  /** One step back; false when already at the first question (leave the survey). */
  back(): boolean {
    const step = this.step;
    this.flash = null;
    this.error = null;
    if (step.kind === 'code') {
      return false;
    } else if (step.kind === 'question') {
      this.step = step.index === 0 ? { kind: 'code' } : { kind: 'question', index: step.index - 1 };
    } else if (step.kind === 'suggestion') {
      this.step = { kind: 'question', index: Math.max(0, this.count - 1) };
    } else if (step.kind === 'profile') {
      this.step = { kind: 'suggestion' };
    }
    return true;
  }

  /** Selects a profile value, or clears it when tapped again. */
  toggle<K extends keyof RespondentProfile>(field: K, value: NonNullable<RespondentProfile[K]>): void {
    this.profile[field] = (this.profile[field] === value ? null : value) as RespondentProfile[K];
  }

  submission(): SurveySubmission {
    const suggestion = this.suggestion.trim().slice(0, SUGGESTION_MAX);
    return {
      visit_id: this.visitId,
      answers: [...this.answers],
      suggestion: suggestion === '' ? null : suggestion,
      profile: { ...this.profile },
      skm_code: this.skmCode,
    };
  }
}
