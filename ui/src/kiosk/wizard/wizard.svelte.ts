import { t, type MessageKey } from '../../lib/i18n/index.svelte';
import type { ErrorCode, Problem } from '../../lib/ipc/bindings';
import { errorMessageKey, toIpcError } from '../../lib/ipc/errors';

/**
 * The kiosk flows built on the wizard frame (Ajukan Izin, Pengaduan). The name is the prefix
 * of their data-testids and of their i18n keys: `apply-next`, `complaint.stepOf`.
 */
export type Flow = 'apply' | 'complaint';

/**
 * What the wizard reads and moves of a flow's state (ApplyState, ComplaintState): the step, the
 * draft and its problems, and the submission's progress.
 */
export interface WizardState<Step extends string, Draft, OwnError extends string = never> {
  step: Step;
  draft: Draft;
  problems: Problem[];
  /** Problems are shown only after the citizen tried to go on. */
  showProblems: boolean;
  busy: boolean;
  submitError: ErrorCode | OwnError | null;
}

export interface WizardConfig<Step extends string, Draft, OwnError extends string = never> {
  flow: Flow;
  /** The form's steps in order; "Lanjut" on the last one (the review) submits. */
  steps: readonly Step[];
  /** The title of each form step, shown with the progress. */
  titles: Partial<Record<Step, MessageKey>>;
  /** Where "Sebelumnya" goes from the first step (the flow's choice screen). */
  start: Step;
  /** The steps whose back button leaves the screen. */
  leaveFrom: readonly Step[];
  /** The problems a step owns, among all the draft's. */
  owned: (step: Step, problems: readonly Problem[]) => Problem[];
  /** The core's validation of the whole draft. */
  validate: (draft: Draft) => Promise<Problem[]>;
  /**
   * On the last step: the earlier step to go back to, with its red text, when one of them has a
   * problem (it changed since); none when the review submits anyway.
   */
  earlier?: (problems: readonly Problem[]) => Step | null;
  /** Sends the draft and moves to the proof; what it throws is said under the buttons. */
  submit: () => Promise<void>;
  /** The messages of the flow's own submission errors, beside the core's error codes. */
  errorKeys?: Partial<Record<OwnError, MessageKey>>;
  /** The data-testid of "Lanjut" on the last step: `<flow>-submit` unless given. */
  submitTestid?: string;
  onHome: () => void;
}

/**
 * The moves of a multi-step kiosk flow: "Lanjut" (validate, then the next step or the
 * submission), "Sebelumnya", the back button, "Ubah" on the review, and the red text of the
 * step's fields. The state stays the flow's own; this only drives it.
 */
export class Wizard<Step extends string, Draft, OwnError extends string = never> {
  readonly flow: Flow;
  private readonly state: () => WizardState<Step, Draft, OwnError>;
  private readonly config: WizardConfig<Step, Draft, OwnError>;

  /** `state`: the flow's state, read at each move (a screen's prop may be replaced). */
  constructor(state: () => WizardState<Step, Draft, OwnError>, config: WizardConfig<Step, Draft, OwnError>) {
    this.state = state;
    this.config = config;
    this.flow = config.flow;
  }

  private get app(): WizardState<Step, Draft, OwnError> {
    return this.state();
  }

  get steps(): readonly Step[] {
    return this.config.steps;
  }

  get step(): Step {
    return this.app.step;
  }

  get busy(): boolean {
    return this.app.busy;
  }

  get submitError(): ErrorCode | OwnError | null {
    return this.app.submitError;
  }

  get submitTestid(): string {
    return this.config.submitTestid ?? `${this.flow}-submit`;
  }

  /** The current step's place in the form, or -1 outside it. */
  index(): number {
    return this.config.steps.indexOf(this.app.step);
  }

  isLast(): boolean {
    return this.index() === this.config.steps.length - 1;
  }

  title(step: Step): MessageKey | undefined {
    return this.config.titles[step];
  }

  /** A field's problem, once problems are shown. */
  problem = (field: string): Problem | null => {
    if (!this.app.showProblems) return null;
    return this.app.problems.find((p) => p.field === field) ?? null;
  };

  /** Whether the step has a problem shown: "Lanjut" did not go on. */
  blocked(): boolean {
    return this.app.showProblems && this.config.owned(this.app.step, this.app.problems).length > 0;
  }

  /** The message of the last submission error, if any. */
  errorText(): string | null {
    const code = this.app.submitError;
    if (code === null) return null;
    const own: Partial<Record<string, MessageKey>> = this.config.errorKeys ?? {};
    return t(own[code] ?? errorMessageKey(code as ErrorCode));
  }

  /** Validates the draft with the core, keeping every problem; returns them. */
  async validate(): Promise<Problem[]> {
    const problems = await this.config.validate(this.snapshot());
    this.app.problems = problems;
    return problems;
  }

  /**
   * Once problems are shown, they follow the citizen's corrections: a fixed field loses its
   * red text at once instead of at the next "Lanjut". For an `$effect`: it reads the draft, and
   * returns the cleanup.
   */
  recheck(): (() => void) | undefined {
    if (!this.app.showProblems) return undefined;
    const draft = this.snapshot();
    const timer = setTimeout(() => {
      this.config
        .validate(draft)
        .then((problems) => {
          if (this.app.showProblems) this.app.problems = problems;
        })
        .catch(() => {});
    }, 250);
    return () => clearTimeout(timer);
  }

  /** "Lanjut": the step's problems shown, or the next step, or (on the review) the submission. */
  next = async (): Promise<void> => {
    const app = this.app;
    if (app.busy) return;
    app.busy = true;
    app.submitError = null;
    try {
      const problems = await this.validate();
      if (this.config.owned(app.step, problems).length > 0) {
        app.showProblems = true;
        return;
      }
      if (this.isLast()) {
        // Anything left on an earlier step (it changed since): back there, with its red text.
        const first = this.config.earlier?.(problems) ?? null;
        if (first) {
          app.step = first;
          app.showProblems = true;
          return;
        }
        app.showProblems = false;
        await this.config.submit();
      } else {
        app.showProblems = false;
        app.step = this.config.steps[this.index() + 1];
      }
    } catch (e) {
      app.submitError = toIpcError(e).code;
    } finally {
      app.busy = false;
    }
  };

  /** "Sebelumnya": the step before, or the flow's choice screen from the first. */
  previous = (): void => {
    this.app.showProblems = false;
    this.app.submitError = null;
    const i = this.index();
    this.app.step = i > 0 ? this.config.steps[i - 1] : this.config.start;
  };

  /** The back button: home from the choice screen and the proof, else a step back. */
  back = (): void => {
    if (this.config.leaveFrom.includes(this.app.step)) this.config.onHome();
    else this.previous();
  };

  /** "Ubah" on the review: straight to that step. */
  edit = (step: Step): void => {
    this.app.showProblems = false;
    this.app.step = step;
  };

  private snapshot(): Draft {
    // The draft is plain data: its snapshot has the draft's own type.
    return $state.snapshot(this.app.draft) as Draft;
  }
}
