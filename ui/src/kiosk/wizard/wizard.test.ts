import { describe, expect, it, vi } from 'vitest';
import { t } from '../../lib/i18n/index.svelte';
import type { Problem } from '../../lib/ipc/bindings';
import { Wizard, type WizardConfig, type WizardState } from './wizard.svelte';

type Step = 'start' | 'a' | 'b' | 'review' | 'done';
type Draft = { a: string; b: string };

const problem = (field: string): Problem => ({ field, code: 'required', message: 'required' });

/** A three-step flow: `a` and `b` own their field, the review owns `consent`. */
function make(overrides: Partial<WizardConfig<Step, Draft, 'refused'>> = {}) {
  const state: WizardState<Step, Draft, 'refused'> = {
    step: 'a',
    draft: { a: '', b: '' },
    problems: [],
    showProblems: false,
    busy: false,
    submitError: null,
  };
  const onHome = vi.fn();
  const submit = vi.fn(async () => {
    state.step = 'done';
  });
  const validate = vi.fn(async (draft: Draft) => {
    const p: Problem[] = [];
    if (!draft.a) p.push(problem('a'));
    if (!draft.b) p.push(problem('b'));
    return p;
  });
  const wizard = new Wizard<Step, Draft, 'refused'>(() => state, {
    flow: 'complaint',
    steps: ['a', 'b', 'review'],
    titles: { a: 'complaint.step.category', b: 'complaint.step.story', review: 'complaint.step.review' },
    start: 'start',
    leaveFrom: ['start', 'done'],
    owned: (step, problems) => problems.filter((p) => p.field === step),
    validate,
    submit,
    errorKeys: { refused: 'complaint.submitRefused' },
    onHome,
    ...overrides,
  });
  return { state, wizard, onHome, submit, validate };
}

describe('Wizard', () => {
  it('"Lanjut" shows the step\'s problems, then goes on once they are fixed, and submits on the review', async () => {
    const { state, wizard, submit } = make();
    expect(wizard.index()).toBe(0);
    await wizard.next();
    expect(state.step).toBe('a');
    expect(wizard.blocked()).toBe(true);
    expect(wizard.problem('a')?.field).toBe('a');

    state.draft.a = 'x';
    await wizard.next();
    expect(state.step).toBe('b');
    expect(state.showProblems).toBe(false);
    expect(wizard.problem('b')).toBeNull();

    state.draft.b = 'y';
    await wizard.next();
    expect(state.step).toBe('review');
    expect(wizard.isLast()).toBe(true);
    await wizard.next();
    expect(submit).toHaveBeenCalledOnce();
    expect(state.step).toBe('done');
    expect(state.busy).toBe(false);
  });

  it('on the review, goes back to an earlier step that has a problem when the flow asks so', async () => {
    const { state, wizard, submit } = make({ earlier: (problems) => (problems.length > 0 ? 'a' : null) });
    state.step = 'review';
    await wizard.next();
    expect(state.step).toBe('a');
    expect(state.showProblems).toBe(true);
    expect(submit).not.toHaveBeenCalled();
  });

  it('says a failed submission under the buttons, by its code or the flow\'s own message', async () => {
    const { state, wizard } = make({
      submit: async () => {
        throw { code: 'storage', message: 'disk full' };
      },
    });
    state.draft = { a: 'x', b: 'y' };
    state.step = 'review';
    await wizard.next();
    expect(state.submitError).toBe('storage');
    expect(wizard.errorText()).toBe(t('error.storage'));
    state.submitError = 'refused';
    expect(wizard.errorText()).toBe(t('complaint.submitRefused'));
    wizard.previous();
    expect(state.submitError).toBeNull();
    expect(wizard.errorText()).toBeNull();
  });

  it('"Sebelumnya", the back button and "Ubah" move between the steps', () => {
    const { state, wizard, onHome } = make();
    state.step = 'b';
    state.showProblems = true;
    wizard.previous();
    expect(state.step).toBe('a');
    expect(state.showProblems).toBe(false);
    wizard.back();
    expect(state.step).toBe('start');
    expect(onHome).not.toHaveBeenCalled();
    wizard.back();
    expect(onHome).toHaveBeenCalledOnce();
    wizard.edit('b');
    expect(state.step).toBe('b');
    expect(wizard.title('b')).toBe('complaint.step.story');
    expect(wizard.submitTestid).toBe('complaint-submit');
  });

  it('ignores "Lanjut" while busy', async () => {
    const { state, wizard, validate } = make();
    state.busy = true;
    await wizard.next();
    expect(validate).not.toHaveBeenCalled();
  });
});
