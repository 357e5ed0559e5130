import { fireEvent, render, screen } from '@testing-library/svelte';
import { afterEach, describe, expect, it, vi } from 'vitest';
import KioskApp from '../KioskApp.svelte';
import type { Questionnaire, SkmCodeCheck, SkmRules, SubmitReceipt, SurveySubmission } from '../lib/ipc/bindings';
import { qrCamera } from '../test/camera';
import { APP_INFO, mockCommands, reject, tap, type Call, type Handler } from '../test/ipc';

const ANSWERS_ID = ['Tidak sesuai', 'Kurang sesuai', 'Sesuai', 'Sangat sesuai'];
const ANSWERS_EN = ['Not appropriate', 'Less appropriate', 'Appropriate', 'Very appropriate'];

const QUESTIONNAIRE: Questionnaire = {
  version: '2026.1',
  elements: Array.from({ length: 10 }, (_, i) => ({
    code: `U${i + 1}`,
    article: 'abcdefghij'[i],
    question: { id: `Pertanyaan nomor ${i + 1}?`, en: `Question number ${i + 1}?` },
    answers: ANSWERS_ID.map((id, j) => ({ id, en: ANSWERS_EN[j] })),
  })),
  services: [
    { code: 'PBG', name: 'Persetujuan Bangunan Gedung' },
    { code: 'SIP', name: 'Surat Izin Praktik' },
  ],
};

const RECEIPT: SubmitReceipt = { id: 'r-1', saved_at: '2026-11-29T10:00:00+07:00', online: true };

const text = (testid: string) => screen.getByTestId(testid).textContent ?? '';
const code = () => screen.getByTestId('survey-question').dataset.code;
const submissions = (calls: Call[]) =>
  calls.filter((c) => c.cmd === 'submit_survey').map((c) => (c.args as { submission: SurveySubmission }).submission);

const RULES: SkmRules = { allow_unlinked: true, unlinked_cooldown_s: 600 };

/** "Tanpa kode" on the code step, to the first question. */
async function skipCode() {
  expect(screen.getByTestId('survey-code')).toBeTruthy();
  await tap(screen.getByTestId('survey-code-skip'));
  await vi.advanceTimersByTimeAsync(0);
}

/**
 * Fake timers throughout: the 250 ms advance and the 8 s return home are timers. Unless
 * `atCode`, goes on without a code to the first question.
 */
async function startSurvey(handlers: Record<string, Handler> = {}, info = APP_INFO, atCode = false) {
  vi.useFakeTimers();
  const calls = mockCommands({
    app_info: () => info,
    survey_questionnaire: () => QUESTIONNAIRE,
    skm_rules: () => RULES,
    submit_survey: () => RECEIPT,
    ...handlers,
  });
  render(KioskApp);
  await vi.advanceTimersByTimeAsync(0);
  await tap(screen.getByTestId('tile-survey'));
  await vi.advanceTimersByTimeAsync(0);
  expect(screen.getByTestId('survey-code')).toBeTruthy();
  if (atCode) return calls;
  await skipCode();
  expect(screen.getByTestId('survey-question')).toBeTruthy();
  return calls;
}

/** Answers (score) or skips (null) questions from the current one on. */
async function answer(scores: (number | null)[]) {
  for (const score of scores) {
    if (score === null) {
      await tap(screen.getByTestId('survey-skip'));
    } else {
      await tap(screen.getByTestId(`answer-${score}`));
      await vi.advanceTimersByTimeAsync(300);
    }
  }
}

async function typeOnScreen(keys: string[]) {
  for (const key of keys) await tap(screen.getByTestId(`osk-${key}`));
}

const PATTERN = [4, 3, null, 2, 1, 4, 4, null, 3, 3];

async function toProfile() {
  await answer(PATTERN);
  await tap(screen.getByTestId('survey-next'));
}

describe('survey', () => {
  it('the survey tile opens the survey, not the unavailable screen', async () => {
    const calls = await startSurvey();
    expect(screen.queryByTestId('unavailable')).toBeNull();
    expect(calls.filter((c) => c.cmd === 'survey_questionnaire')).toHaveLength(1);
    expect(code()).toBe('U1');
    expect(text('survey-progress')).toContain('Pertanyaan 1 dari 10');
    expect(text('survey-question')).toContain('Pertanyaan nomor 1?');
    expect(text('answer-1')).toContain('Tidak sesuai');
    expect(text('answer-4')).toContain('Sangat sesuai');
    for (let i = 1; i <= 4; i++) {
      expect(screen.getByTestId(`answer-${i}`).querySelector('svg.face')?.getAttribute('data-level')).toBe(
        String(i),
      );
    }

    await fireEvent.click(screen.getByTestId('lang-switch'));
    expect(text('survey-progress')).toContain('Question 1 of 10');
    expect(text('survey-question')).toContain('Question number 1?');
    expect(text('answer-4')).toContain('Very appropriate');
  });

  it('a tap shows the choice, then moves on after a moment', async () => {
    await startSurvey();
    await tap(screen.getByTestId('answer-3'));
    expect(code()).toBe('U1');
    expect(screen.getByTestId('answer-3').getAttribute('aria-pressed')).toBe('true');
    await vi.advanceTimersByTimeAsync(300);
    expect(code()).toBe('U2');
    expect(text('survey-progress')).toContain('Pertanyaan 2 dari 10');
  });

  it('completes by touch only and submits the answers, suggestion and profile', async () => {
    const calls = await startSurvey();
    await answer(PATTERN);

    expect(screen.getByTestId('survey-suggestion')).toBeTruthy();
    const input = screen.getByTestId('suggestion-input') as HTMLTextAreaElement;
    expect(input.getAttribute('inputmode')).toBe('none');
    await typeOnScreen(['shift', 'a', 'n', 't', 'r', 'i', 'x', 'backspace', 'a', 'n', 'space', 'c', 'e', 'p', 'a', 't']);
    await typeOnScreen(['space', '2', 'space', 'h', 'a', 'r', 'i', 'exclamation']);
    expect(input.value).toBe('Antrian cepat 2 hari!');
    expect(text('suggestion-count')).toContain('21/500');
    await tap(screen.getByTestId('survey-next'));

    expect(screen.getByTestId('survey-profile')).toBeTruthy();
    await tap(screen.getByTestId('profile-sex-perempuan'));
    await tap(screen.getByTestId('profile-age-30_39'));
    await tap(screen.getByTestId('profile-edu-s1'));
    await tap(screen.getByTestId('profile-edu-s1')); // tap again: unselected
    expect(screen.getByTestId('profile-edu-s1').getAttribute('aria-pressed')).toBe('false');
    await tap(screen.getByTestId('profile-job-wirausaha'));
    expect(text('profile-edu-d1_d3').trim()).toBe('D1–D3');
    expect(text('profile-service-PBG')).toContain('Persetujuan Bangunan Gedung');
    await tap(screen.getByTestId('profile-service-PBG'));
    await tap(screen.getByTestId('survey-submit'));
    await vi.advanceTimersByTimeAsync(0);

    expect(text('survey-thanks')).toContain('Terima kasih atas penilaian Anda');
    const [sent] = submissions(calls);
    expect(sent).toEqual({
      visit_id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      answers: PATTERN,
      suggestion: 'Antrian cepat 2 hari!',
      profile: {
        sex: 'perempuan',
        age_band: '30_39',
        education: null,
        occupation: 'wirausaha',
        service_code: 'PBG',
      },
      skm_code: null,
    });
  });

  it('a physical keyboard also works, and an empty suggestion is sent as null', async () => {
    const calls = await startSurvey();
    await answer(PATTERN);
    const input = screen.getByTestId('suggestion-input');
    await fireEvent.input(input, { target: { value: '   ' } });
    await tap(screen.getByTestId('survey-next'));
    await tap(screen.getByTestId('survey-submit'));
    await vi.advanceTimersByTimeAsync(0);
    const [sent] = submissions(calls);
    expect(sent.suggestion).toBeNull();
    expect(sent.profile).toEqual({ sex: null, age_band: null, education: null, occupation: null, service_code: null });
  });

  it('"Kembali" goes to the previous question, keeping its answer, then to the code, then leaves', async () => {
    await startSurvey();
    await answer([2, 4]);
    expect(code()).toBe('U3');
    await tap(screen.getByTestId('survey-back'));
    expect(code()).toBe('U2');
    expect(screen.getByTestId('answer-4').getAttribute('aria-pressed')).toBe('true');
    await answer([1]);
    expect(code()).toBe('U3');
    await tap(screen.getByTestId('survey-back'));
    await tap(screen.getByTestId('survey-back'));
    expect(code()).toBe('U1');
    expect(screen.getByTestId('answer-2').getAttribute('aria-pressed')).toBe('true');
    await tap(screen.getByTestId('survey-back'));
    expect(screen.getByTestId('survey-code')).toBeTruthy();
    await tap(screen.getByTestId('survey-back'));
    expect(screen.queryByTestId('survey-screen')).toBeNull();
    expect(screen.getByTestId('home-title')).toBeTruthy();
  });

  it('back from the suggestion and the profile retraces the steps', async () => {
    await startSurvey();
    await toProfile();
    await tap(screen.getByTestId('survey-back'));
    expect(screen.getByTestId('survey-suggestion')).toBeTruthy();
    await tap(screen.getByTestId('survey-back'));
    expect(code()).toBe('U10');
  });

  it('offline: says the answers are saved and will be sent, without an error', async () => {
    await startSurvey({ submit_survey: () => ({ ...RECEIPT, online: false }) });
    await toProfile();
    await tap(screen.getByTestId('survey-submit'));
    await vi.advanceTimersByTimeAsync(0);
    expect(text('survey-saved-offline')).toBe('Jawaban Anda sudah tersimpan dan akan dikirim otomatis.');
    expect(screen.queryByTestId('survey-error')).toBeNull();
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('online: no offline note; returns home after 8 s; the next survey is a new visit', async () => {
    const calls = await startSurvey();
    await toProfile();
    await tap(screen.getByTestId('survey-submit'));
    await vi.advanceTimersByTimeAsync(0);
    expect(screen.getByTestId('survey-thanks')).toBeTruthy();
    expect(screen.queryByTestId('survey-saved-offline')).toBeNull();
    await vi.advanceTimersByTimeAsync(7_000);
    expect(screen.getByTestId('survey-thanks')).toBeTruthy();
    await vi.advanceTimersByTimeAsync(1_500);
    expect(screen.queryByTestId('survey-thanks')).toBeNull();
    expect(screen.getByTestId('home-title')).toBeTruthy();

    await tap(screen.getByTestId('tile-survey'));
    await vi.advanceTimersByTimeAsync(0);
    await skipCode();
    expect(code()).toBe('U1');
    expect(screen.queryByRole('button', { pressed: true })).toBeNull();
    await toProfile();
    await tap(screen.getByTestId('survey-submit'));
    await vi.advanceTimersByTimeAsync(0);
    await tap(screen.getByTestId('survey-done'));
    expect(screen.getByTestId('home-title')).toBeTruthy();

    const [first, second] = submissions(calls);
    expect(second.visit_id).not.toBe(first.visit_id);
  });

  it('already_submitted shows its own message', async () => {
    await startSurvey({ submit_survey: () => reject('already_submitted') });
    await toProfile();
    await tap(screen.getByTestId('survey-submit'));
    await vi.advanceTimersByTimeAsync(0);
    expect(text('survey-error')).toContain('Survei untuk kunjungan ini sudah terkirim sebelumnya');
    expect(screen.queryByTestId('survey-submit')).toBeNull();
    await tap(screen.getByTestId('survey-done'));
    expect(screen.getByTestId('home-title')).toBeTruthy();
  });

  it('other errors: a calm alert, nothing lost, and trying again sends the same answers', async () => {
    let fail = true;
    const calls = await startSurvey({
      submit_survey: () => (fail ? reject('storage', 'disk full') : RECEIPT),
    });
    await toProfile();
    await tap(screen.getByTestId('profile-sex-laki_laki'));
    await tap(screen.getByTestId('survey-submit'));
    await vi.advanceTimersByTimeAsync(0);
    const error = screen.getByTestId('survey-error');
    expect(error.getAttribute('role')).toBe('alert');
    expect(error.textContent).toContain('gangguan penyimpanan');
    expect(error.textContent).not.toContain('disk full');
    expect(screen.getByTestId('profile-sex-laki_laki').getAttribute('aria-pressed')).toBe('true');

    fail = false;
    await tap(screen.getByTestId('survey-submit'));
    await vi.advanceTimersByTimeAsync(0);
    expect(screen.getByTestId('survey-thanks')).toBeTruthy();
    const [first, second] = submissions(calls);
    expect(second).toEqual(first);
    expect(second.answers).toEqual(PATTERN);
  });

  it('the send button is disabled while sending: no double submit', async () => {
    let resolve: (r: SubmitReceipt) => void = () => {};
    const calls = await startSurvey({
      submit_survey: () => new Promise<SubmitReceipt>((r) => (resolve = r)),
    });
    await toProfile();
    const button = screen.getByTestId('survey-submit') as HTMLButtonElement;
    await tap(button);
    await vi.advanceTimersByTimeAsync(0);
    expect(button.disabled).toBe(true);
    await tap(button);
    await fireEvent.click(button);
    expect(submissions(calls)).toHaveLength(1);
    resolve(RECEIPT);
    await vi.advanceTimersByTimeAsync(0);
    expect(screen.getByTestId('survey-thanks')).toBeTruthy();
    expect(submissions(calls)).toHaveLength(1);
  });

  it('a failed questionnaire load can be retried', async () => {
    let fail = true;
    vi.useFakeTimers();
    mockCommands({
      app_info: () => APP_INFO,
      skm_rules: () => RULES,
      survey_questionnaire: () => (fail ? reject('internal') : QUESTIONNAIRE),
    });
    render(KioskApp);
    await vi.advanceTimersByTimeAsync(0);
    await tap(screen.getByTestId('tile-survey'));
    await vi.advanceTimersByTimeAsync(0);
    expect(text('survey-load-error')).toContain('Maaf, sedang ada gangguan');
    fail = false;
    await tap(screen.getByTestId('survey-retry'));
    await vi.advanceTimersByTimeAsync(0);
    await skipCode();
    expect(code()).toBe('U1');
  });

  it('the idle reset during the survey wipes every answer', async () => {
    const calls = await startSurvey({}, { ...APP_INFO, idle_timeout_s: 10, idle_warning_s: 4 });
    await fireEvent.click(screen.getByTestId('lang-switch'));
    await answer([4, 2, 1]);
    expect(code()).toBe('U4');

    await vi.advanceTimersByTimeAsync(7_000);
    expect(screen.getByTestId('idle-warning')).toBeTruthy();
    await vi.advanceTimersByTimeAsync(4_000);
    expect(screen.queryByTestId('survey-screen')).toBeNull();
    expect(screen.getByTestId('home-title')).toBeTruthy();
    expect(text('tile-apply')).toContain('Ajukan Izin');

    await tap(screen.getByTestId('tile-survey'));
    await vi.advanceTimersByTimeAsync(0);
    await skipCode();
    expect(code()).toBe('U1');
    expect(text('survey-progress')).toContain('Pertanyaan 1 dari 10');
    expect(screen.queryByRole('button', { pressed: true })).toBeNull();
    await answer([null]);
    await tap(screen.getByTestId('survey-back'));
    expect(screen.queryByRole('button', { pressed: true })).toBeNull();
    expect(submissions(calls)).toHaveLength(0);
  });

  it('the idle timer also wipes the suggestion being typed', async () => {
    await startSurvey({}, { ...APP_INFO, idle_timeout_s: 10, idle_warning_s: 4 });
    await answer(PATTERN);
    await typeOnScreen(['o', 'k']);
    await vi.advanceTimersByTimeAsync(11_000);
    expect(screen.getByTestId('home-title')).toBeTruthy();
    await tap(screen.getByTestId('tile-survey'));
    await vi.advanceTimersByTimeAsync(0);
    await skipCode();
    await answer(Array(10).fill(null));
    expect((screen.getByTestId('suggestion-input') as HTMLTextAreaElement).value).toBe('');
  });
});

describe('the survey code from the receipt', () => {
  const CHECK: SkmCodeCheck = { code: '4821093757', service_code: 'SIP', confirmed: true };

  async function typeCode(digits: string) {
    for (const d of digits) await tap(screen.getByTestId(`survey-code-key-${d}`));
  }

  const codeCalls = (calls: Call[]) => calls.filter((c) => c.cmd === 'skm_code_check').map((c) => c.args);

  it('is offered first; a good code presets the service and goes into the submission', async () => {
    const calls = await startSurvey({ skm_code_check: () => CHECK }, APP_INFO, true);
    expect(text('survey-code')).toContain('Punya kode survei dari bukti pendaftaran?');
    expect(screen.queryByTestId('survey-question')).toBeNull();
    await typeCode('48210937579');
    const input = screen.getByTestId('survey-code-input') as HTMLInputElement;
    expect(input.value).toBe('4821 0937 57');
    await tap(screen.getByTestId('survey-code-submit'));
    await vi.advanceTimersByTimeAsync(0);
    expect(codeCalls(calls)).toEqual([{ code: '4821093757' }]);
    expect(code()).toBe('U1');

    await toProfile();
    expect(screen.getByTestId('profile-service-SIP').getAttribute('aria-pressed')).toBe('true');
    await tap(screen.getByTestId('survey-submit'));
    await vi.advanceTimersByTimeAsync(0);
    const [sent] = submissions(calls);
    expect(sent.skm_code).toBe('4821093757');
    expect(sent.profile.service_code).toBe('SIP');
  });

  it.each([
    ['skm_code_invalid', 'Kode survei belum benar'],
    ['skm_code_used', 'sudah pernah dipakai'],
  ])('%s is said in words and the citizen stays on the code', async (error, words) => {
    await startSurvey({ skm_code_check: () => reject(error) }, APP_INFO, true);
    await typeCode('4821093750');
    await tap(screen.getByTestId('survey-code-submit'));
    await vi.advanceTimersByTimeAsync(0);
    const shown = screen.getByTestId('survey-code-error');
    expect(shown.getAttribute('role')).toBe('alert');
    expect(shown.textContent).toContain(words);
    expect(screen.queryByTestId('survey-question')).toBeNull();
    await tap(screen.getByTestId('survey-code-key-back'));
    expect(screen.queryByTestId('survey-code-error')).toBeNull();
  });

  it('a short code is refused without asking', async () => {
    const calls = await startSurvey({ skm_code_check: () => CHECK }, APP_INFO, true);
    await typeCode('4821');
    await tap(screen.getByTestId('survey-code-submit'));
    await vi.advanceTimersByTimeAsync(0);
    expect(text('survey-code-error')).toContain('10 angka');
    expect(codeCalls(calls)).toEqual([]);
  });

  it('where the office needs a code, "Tanpa kode" says so and does not go on', async () => {
    await startSurvey({ skm_rules: () => ({ ...RULES, allow_unlinked: false }) }, APP_INFO, true);
    await tap(screen.getByTestId('survey-code-skip'));
    await vi.advanceTimersByTimeAsync(0);
    expect(text('survey-code-error')).toContain('diisi dengan kode survei dari bukti pendaftaran');
    expect(screen.queryByTestId('survey-question')).toBeNull();
  });

  it('a survey without a code sent too soon after another says to wait, in English too', async () => {
    await startSurvey({ submit_survey: () => reject('survey_cooldown') });
    await toProfile();
    await tap(screen.getByTestId('survey-submit'));
    await vi.advanceTimersByTimeAsync(0);
    expect(text('survey-error')).toContain('Survei tanpa kode baru saja diisi');
    await fireEvent.click(screen.getByTestId('lang-switch'));
    expect(text('survey-error')).toContain('A survey without a code was just filled in');
  });

  it('the idle reset forgets the code', async () => {
    const calls = await startSurvey({ skm_code_check: () => CHECK }, { ...APP_INFO, idle_timeout_s: 10, idle_warning_s: 4 }, true);
    await typeCode('4821093757');
    await vi.advanceTimersByTimeAsync(11_000);
    expect(screen.getByTestId('home-title')).toBeTruthy();
    await tap(screen.getByTestId('tile-survey'));
    await vi.advanceTimersByTimeAsync(0);
    expect((screen.getByTestId('survey-code-input') as HTMLInputElement).value).toBe('');
    expect(codeCalls(calls)).toEqual([]);
  });
});

describe('scanning the survey QR on the receipt', () => {
  afterEach(() => vi.unstubAllGlobals());

  const CHECK: SkmCodeCheck = { code: '4821093757', service_code: 'SIP', confirmed: true };
  const count = (calls: Call[], cmd: string) => calls.filter((c) => c.cmd === cmd).length;
  const codeCalls = (calls: Call[]) => calls.filter((c) => c.cmd === 'skm_code_check').map((c) => c.args);

  async function openCamera(handlers: Record<string, Handler> = {}) {
    const camera = qrCamera();
    const calls = await startSurvey({ skm_code_check: () => CHECK, ...camera.handlers, ...handlers }, APP_INFO, true);
    expect(text('survey-code-scan').trim()).toBe('Pindai QR survei di bukti pendaftaran');
    await tap(screen.getByTestId('survey-code-scan'));
    await vi.advanceTimersByTimeAsync(0);
    expect(screen.getByTestId('survey-code-camera').dataset.phase).toBe('scanning');
    expect(text('survey-code-camera')).toContain('Arahkan kode QR survei');
    expect(count(calls, 'qr_scan_start')).toBe(1);
    const push = async (event: Parameters<typeof camera.push>[0]) => {
      await camera.push(event);
      await vi.advanceTimersByTimeAsync(0);
    };
    return { calls, push };
  }

  it('passes the e-SKM QR to the code check and begins the survey, the camera off', async () => {
    const { calls, push } = await openCamera();
    await push({ type: 'read', text: 'ANJUNGAN-SKM:4821093757' });
    expect(codeCalls(calls)).toEqual([{ code: 'ANJUNGAN-SKM:4821093757' }]);
    expect(code()).toBe('U1');
    expect(count(calls, 'verify_stop')).toBe(1);
  });

  it.each([
    ["a receipt's status QR", 'https://hub.dpmptsp.metrokota.go.id/t/26-000-00105-7'],
    ['a short code', 'ANJUNGAN-SKM:4821'],
    ['digits without the prefix', '4821093757'],
    ['3 KB of garbage', 'ANJUNGAN-SKM:'.repeat(240)],
  ])('refuses %s calmly and reads again', async (_what, qr) => {
    const { calls, push } = await openCamera();
    await push({ type: 'read', text: qr });
    const refused = screen.getByTestId('survey-code-scan-refused');
    expect(refused.textContent).toContain('QR ini bukan kode survei');
    expect(count(calls, 'verify_resume')).toBe(1);
    expect(codeCalls(calls)).toEqual([]);
    expect(screen.getByTestId('survey-code-camera')).toBeTruthy();
    await fireEvent.click(screen.getByTestId('lang-switch'));
    expect(text('survey-code-scan-refused')).toContain('This QR is not a survey code');
  });

  it('a used code read by the camera is said in words, back at the code', async () => {
    const { push } = await openCamera({ skm_code_check: () => reject('skm_code_used') });
    await push({ type: 'read', text: 'ANJUNGAN-SKM:4821093757' });
    expect(text('survey-code-error')).toContain('sudah pernah dipakai');
    expect(screen.queryByTestId('survey-code-camera')).toBeNull();
    expect((screen.getByTestId('survey-code-input') as HTMLInputElement).value).toBe('4821 0937 57');
  });

  it('"Tutup kamera" brings the keypad back and turns the camera off', async () => {
    const { calls } = await openCamera();
    expect(screen.queryByTestId('survey-code-key-1')).toBeNull();
    await tap(screen.getByTestId('survey-code-scan-close'));
    await vi.advanceTimersByTimeAsync(0);
    expect(screen.getByTestId('survey-code-key-1')).toBeTruthy();
    expect(count(calls, 'verify_stop')).toBe(1);
  });
});
