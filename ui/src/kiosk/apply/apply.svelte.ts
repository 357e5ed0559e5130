import type {
  ApplicationDraft,
  ApplicationReceipt,
  Catalogue,
  ErrorCode,
  InboxDocument,
  InboxReport,
  Problem,
  RefusedFile,
  Service,
} from '../../lib/ipc/bindings';
import type { Wizard } from '../wizard/wizard.svelte';

/** The wizard's steps, in order; `guidance` replaces them for OSS and SIMBG services. */
export type ApplyStep =
  | 'service'
  | 'guidance'
  | 'kind'
  | 'identity'
  | 'fields'
  | 'documents'
  | 'review'
  | 'done';

export const FORM_STEPS: readonly ApplyStep[] = ['kind', 'identity', 'fields', 'documents', 'review'];

/** The wizard driving the steps (the screen makes it). */
export type ApplyWizard = Wizard<ApplyStep, ApplicationDraft>;

/** Which problems each step owns, by the start of their field name. */
const STEP_FIELDS: Partial<Record<ApplyStep, readonly string[]>> = {
  kind: ['previous_permit', 'company.'],
  identity: ['applicant.'],
  fields: ['fields.'],
  documents: ['documents.', 'conditions.'],
  review: ['consent', 'service'],
};

export function problemsOf(step: ApplyStep, problems: readonly Problem[]): Problem[] {
  const owned = STEP_FIELDS[step] ?? [];
  return problems.filter((p) => owned.some((prefix) => p.field === prefix || p.field.startsWith(prefix)));
}

export const emptyDraft = (service: string): ApplicationDraft => ({
  service,
  kind: 'baru',
  applicant_type: 'perorangan',
  previous_permit: null,
  applicant: {
    nik: '',
    name: '',
    sex: '',
    birth_place: '',
    birth_date: '',
    address: '',
    kelurahan_code: '',
    phone: '',
    email: '',
  },
  company: null,
  fields: {},
  conditions: {},
  documents: {},
  consent: false,
});

/** `DDMMYYYY` digits as typed on the keypad → `YYYY-MM-DD`, or '' while incomplete. */
export function isoFromDigits(digits: string): string {
  if (!/^\d{8}$/.test(digits)) return '';
  return `${digits.slice(4)}-${digits.slice(2, 4)}-${digits.slice(0, 2)}`;
}

/** The digits typed so far shown as `DD-MM-YYYY`. */
export function showDateDigits(digits: string): string {
  const parts = [digits.slice(0, 2), digits.slice(2, 4), digits.slice(4, 8)].filter((p) => p !== '');
  return parts.join('-');
}

/**
 * One citizen's application. It lives inside the kiosk session, so the idle reset (which
 * replaces the session) wipes every field with it; the documents in the kiosk's inbox are
 * deleted by the screen when it closes.
 */
export class ApplyState {
  catalogue = $state.raw<Catalogue | null>(null);
  loaded = $state(false);
  loadError = $state<ErrorCode | null>(null);
  step = $state<ApplyStep>('service');
  draft = $state<ApplicationDraft>(emptyDraft(''));
  /** Birth date and date fields as typed (`DDMMYYYY` digits), by field path. */
  dateDigits = $state<Record<string, string>>({});
  problems = $state.raw<Problem[]>([]);
  /** Problems are shown only after the citizen tried to go on. */
  showProblems = $state(false);
  documents = $state.raw<InboxDocument[]>([]);
  refused = $state.raw<RefusedFile[]>([]);
  /** The requirement the next scanned document is for. */
  waitingFor = $state<string | null>(null);
  /**
   * Documents taken from the scanner or a file, shown for the citizen to confirm before
   * they belong to a requirement: nothing is assigned silently (a scan left by someone
   * else is never taken as this citizen's). `target` is the requirement it would go to.
   */
  pending = $state.raw<{ doc: InboxDocument; target: string | null }[]>([]);
  busy = $state(false);
  submitError = $state<ErrorCode | null>(null);
  receipt = $state.raw<ApplicationReceipt | null>(null);

  constructor(serviceCode: string | null = null) {
    if (serviceCode) this.draft = emptyDraft(serviceCode);
  }

  service(): Service | null {
    return this.catalogue?.services.find((s) => s.code === this.draft.service) ?? null;
  }

  choose(code: string): void {
    this.draft = emptyDraft(code);
    this.dateDigits = {};
    this.problems = [];
    this.showProblems = false;
    const s = this.service();
    this.step = s && s.channel !== 'sicantik' ? 'guidance' : 'kind';
  }

  /** The document given for a requirement, if any. */
  documentFor(code: string): InboxDocument | null {
    const sha = this.draft.documents[code];
    return (sha && this.documents.find((d) => d.sha256 === sha)) || null;
  }

  /** Requirements whose document must be there before "Kirim". */
  needed(): string[] {
    const s = this.service();
    if (!s) return [];
    return s.requirements
      .filter((r) => r.mandatory || (r.condition !== null && this.draft.conditions[r.code] === true))
      .map((r) => r.code);
  }

  /**
   * What a document source reported (the scanner folder, a chosen file): each document
   * taken waits for the citizen's confirmation ([`confirm`], [`reject`]), proposed for the
   * requirement asked for, else the first one still missing; refusals are listed, the
   * newest three.
   */
  take(report: InboxReport): void {
    if (report.refused.length > 0) this.refused = [...report.refused, ...this.refused].slice(0, 3);
    const known = [...this.documents, ...this.pending.map((p) => p.doc)].map((d) => d.sha256);
    const fresh = report.accepted.filter((d) => !known.includes(d.sha256));
    for (const doc of fresh) {
      const proposed = this.pending.map((p) => p.target);
      const target =
        this.waitingFor ??
        this.needed().find((code) => !this.draft.documents[code] && !proposed.includes(code)) ??
        null;
      this.pending = [...this.pending, { doc, target }];
      this.waitingFor = null;
    }
  }

  /**
   * The citizen confirms a pending document as theirs, for its requirement. Returns the
   * SHA-256 of a document it replaced, for the caller to delete from the inbox.
   */
  confirm(sha256: string): string | null {
    const entry = this.pending.find((p) => p.doc.sha256 === sha256);
    if (!entry || !entry.target) return null;
    this.pending = this.pending.filter((p) => p !== entry);
    return this.assign(entry.target, entry.doc);
  }

  /** The citizen says a pending document is not theirs: returns its SHA-256 to delete. */
  reject(sha256: string): string | null {
    const before = this.pending.length;
    this.pending = this.pending.filter((p) => p.doc.sha256 !== sha256);
    return this.pending.length < before ? sha256 : null;
  }

  /**
   * A photo the citizen took for `code` with the kiosk camera (they saw it taken): it goes
   * to that requirement at once. Returns the SHA-256 of documents replaced.
   */
  takeFor(code: string, report: InboxReport): string[] {
    if (report.refused.length > 0) this.refused = [...report.refused, ...this.refused].slice(0, 3);
    const replaced: string[] = [];
    for (const doc of report.accepted) {
      const old = this.assign(code, doc);
      if (old) replaced.push(old);
    }
    return replaced;
  }

  /** Gives `doc` to requirement `code`; returns the document it replaced, if any. */
  private assign(code: string, doc: InboxDocument): string | null {
    if (!this.documents.some((d) => d.sha256 === doc.sha256)) this.documents = [...this.documents, doc];
    const old = this.draft.documents[code];
    this.draft.documents[code] = doc.sha256;
    if (this.waitingFor === code) this.waitingFor = null;
    return old && old !== doc.sha256 ? old : null;
  }

  /** Takes a requirement's document away; returns the SHA-256 to delete from the inbox. */
  remove(code: string): string | null {
    const sha = this.draft.documents[code] ?? null;
    delete this.draft.documents[code];
    if (sha && !Object.values(this.draft.documents).includes(sha)) {
      this.documents = this.documents.filter((d) => d.sha256 !== sha);
      return sha;
    }
    return null;
  }
}
