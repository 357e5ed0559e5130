import { mockConvertFileSrc } from '@tauri-apps/api/mocks';
import { render, screen } from '@testing-library/svelte';
import { afterEach, describe, expect, it, vi } from 'vitest';
import KioskApp from '../../KioskApp.svelte';
import type {
  ComplaintAttachment,
  ComplaintDraft,
  ComplaintReceipt,
  ComplaintStatus,
  Problem,
  StatusLookup,
} from '../../lib/ipc/bindings';
import { APP_INFO, mockCommands, press, reject, settle, tap, type Call, type Handler } from '../../test/ipc';

const RECEIPT: ComplaintReceipt = {
  tracking_number: '26-001-00042-7',
  pin: '583920',
  saved_at: '2026-11-29T10:00:00Z',
  online: false,
  attachments: 1,
  qr_text: 'ANJUNGAN-PENGADUAN:26-001-00042-7:583920',
};

const ANSWERED: ComplaintStatus = {
  tracking_number: '26-001-00042-7',
  status: 'ditanggapi',
  category: 'h',
  submitted_on: '2026-11-29',
  response: 'Petugas sudah ditegur. <b>Terima kasih</b>',
  forwarded_to: null,
  history: [
    { status: 'diterima', at: '2026-11-29T03:00:00Z', note: null },
    { status: 'ditanggapi', at: '2026-12-01T02:00:00Z', note: null },
  ],
  verify_due: '2026-12-02',
  answer_due: '2026-12-09',
  overdue: false,
};

const LATE: StatusLookup = {
  tracking_number: '26-000-00105-7',
  service_name: 'Persetujuan Bangunan Gedung',
  status: 'diproses',
  submitted_on: '2026-10-01',
  updated_on: '2026-10-05',
  sla_working_days: 5,
  note: null,
  missing: [],
  step: 'Peninjauan lapangan',
  history: [],
  received_complete_at: '2026-10-02',
  due_date: '2026-10-09',
  working_days_left: -30,
  late: true,
  source: 'hub',
  as_of: '2026-11-29T03:00:00Z',
};

/** A small stand-in for the core's validation: enough rules to drive the screens. */
function validate(draft: ComplaintDraft): Problem[] {
  const p: Problem[] = [];
  const add = (field: string, code: string) => p.push({ field, code, message: code });
  if (!/^[a-k]$/.test(draft.category)) add('category', 'category');
  if (!draft.title) add('title', 'required');
  if (!draft.chronology) add('chronology', 'required');
  else if ([...draft.chronology].length < 10) add('chronology', 'too_short');
  if (!draft.event_date) add('event_date', 'date');
  if (!draft.place) add('place', 'required');
  if (draft.privacy !== 'anonim') {
    if (!draft.identity.name) add('identity.name', 'required');
    if (!draft.identity.phone && !draft.identity.email) add('identity.phone', 'contact_required');
  }
  if (!draft.consent) add('consent', 'consent');
  return p;
}

const attachment = (id: string, kind = 'jpeg', bytes = 120_000): ComplaintAttachment => ({ id, kind, bytes });

async function start(handlers: Record<string, Handler> = {}, tile = true) {
  vi.useFakeTimers();
  let attachments: ComplaintAttachment[] = [];
  const calls = mockCommands({
    app_info: () => APP_INFO,
    complaint_validate: (_, args) => validate((args as { draft: ComplaintDraft }).draft),
    complaint_submit: () => RECEIPT,
    complaint_discard: () => {
      attachments = [];
      return null;
    },
    complaint_attach_scans: () => {
      attachments = [...attachments, attachment('scan1', 'pdf', 2_500_000)];
      return attachments;
    },
    complaint_attach_photo: () => {
      attachments = [...attachments, attachment('foto1')];
      return attachments;
    },
    complaint_attachment_remove: (_, args) => {
      attachments = attachments.filter((a) => a.id !== (args as { id: string }).id);
      return attachments;
    },
    complaint_status: () => ANSWERED,
    qr_svg: () => '<svg xmlns="http://www.w3.org/2000/svg"></svg>',
    ...handlers,
  });
  render(KioskApp);
  await settle();
  if (tile) await press('tile-complaint');
  return calls;
}

async function digits(value: string) {
  for (const d of value) await press(`complaint-keypad-${d}`);
}
async function letters(value: string) {
  for (const c of value) {
    if (c === ' ') await press('osk-space');
    else if (c === '.') await press('osk-period');
    else if (c !== c.toLowerCase()) {
      await press('osk-shift');
      await press(`osk-${c.toLowerCase()}`);
    } else await press(`osk-${c}`);
  }
}
const text = (testid: string) => screen.getByTestId(testid).textContent ?? '';
const count = (calls: Call[], cmd: string) => calls.filter((c) => c.cmd === cmd).length;

/** Category h and a complete story, up to the attachments step. */
async function throughStory() {
  await press('complaint-new');
  await press('complaint-category-h');
  await press('complaint-next');
  await press('complaint-title');
  await letters('Pungli');
  await press('complaint-chronology');
  await letters('Diminta uang Pungutan.');
  await press('complaint-date');
  await digits('28112026');
  await press('complaint-place');
  await letters('Loket 2');
  await press('complaint-next');
}

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('Pengaduan', () => {
  it('walks through every step by touch, blocks what is missing, and shows number, PIN and QR', async () => {
    vi.stubGlobal('fetch', vi.fn(() => Promise.resolve({ status: 204, arrayBuffer: async () => new ArrayBuffer(0) } as Response)));
    mockConvertFileSrc('linux');
    const calls = await start({
      document_camera_start: () => ({ source: 'replay', width: 1280, height: 720 }),
      document_camera_stop: () => null,
    });

    // A choice first: make one, or look at one.
    expect(text('complaint-new')).toContain('Buat pengaduan');
    expect(text('complaint-check')).toContain('Cek pengaduan');
    await press('complaint-new');

    // 1. The eleven kinds, in plain words with an example.
    expect(screen.getByTestId('complaint-step-category')).toBeTruthy();
    expect(text('complaint-progress')).toContain('Langkah 1 dari 5');
    for (const c of 'abcdefghijk') expect(text(`complaint-category-${c}`)).toContain('Contoh:');
    expect(text('complaint-category-h')).toContain('pungli');
    await press('complaint-next');
    expect(text('complaint-category-problem')).toBe('Pilih salah satu jenis pengaduan.');
    expect(screen.getByTestId('complaint-blocked')).toBeTruthy();
    await press('complaint-category-h');
    expect(screen.getByTestId('complaint-category-h').getAttribute('aria-checked')).toBe('true');
    await press('complaint-next');

    // 2. What happened.
    expect(screen.getByTestId('complaint-step-story')).toBeTruthy();
    await press('complaint-next');
    expect(text('complaint-title-problem')).toBe('Wajib diisi.');
    expect(text('complaint-chronology-problem')).toBe('Wajib diisi.');
    expect(text('complaint-date-problem')).toContain('Tanggal belum lengkap');
    expect(text('complaint-chronology-count')).toBe('0 / 4000');
    await press('complaint-title');
    await letters('Pungli');
    await press('complaint-chronology');
    await letters('Diminta');
    expect(text('complaint-chronology-count')).toBe('7 / 4000');
    await vi.advanceTimersByTimeAsync(300);
    expect(text('complaint-chronology-problem')).toBe('Terlalu singkat. Ceritakan sedikit lebih lengkap.');
    await press('complaint-newline');
    await letters('uang Pungutan.');
    expect(text('complaint-chronology')).toContain('Diminta\nuang Pungutan.');
    expect(text('complaint-chronology-count')).toBe('22 / 4000');
    await press('complaint-date');
    await digits('28112026');
    expect(text('complaint-date')).toBe('28-11-2026');
    await press('complaint-place');
    await letters('Loket 2');
    await press('complaint-related');
    await digits('26000001057');
    expect(text('complaint-related')).toBe('26-000-00105-7');
    await press('complaint-next');

    // 3. Attachments: the scanner folder, then the camera; one removed again.
    expect(screen.getByTestId('complaint-step-attachments')).toBeTruthy();
    expect(text('complaint-attach-max')).toBe('Paling banyak 5 lampiran.');
    expect(screen.getByTestId('complaint-attach-none')).toBeTruthy();
    await press('complaint-scans');
    expect(text('complaint-attachment-row-scan1')).toContain('Dokumen PDF');
    expect(text('complaint-attachment-row-scan1')).toContain('2.4 MB');
    await press('complaint-photo');
    expect(screen.getByTestId('complaint-camera').textContent).toContain('bukti pengaduan');
    await press('complaint-camera-take');
    expect(screen.queryByTestId('complaint-camera')).toBeNull();
    expect(text('complaint-attachment-row-foto1')).toContain('Lampiran 2: Foto');
    expect(count(calls, 'document_camera_start')).toBe(1);
    expect(count(calls, 'document_camera_stop')).toBe(1);
    await press('complaint-attachment-scan1');
    expect(screen.queryByTestId('complaint-attachment-row-scan1')).toBeNull();
    expect(calls.find((c) => c.cmd === 'complaint_attachment_remove')?.args).toEqual({ id: 'scan1' });
    await press('complaint-next');

    // 4. Identity: the three choices, each explained; anonymous needs no contact.
    expect(screen.getByTestId('complaint-step-identity')).toBeTruthy();
    expect(text('complaint-privacy-named')).toContain('Nama Anda diketahui petugas yang menangani');
    expect(text('complaint-privacy-rahasia')).toContain(
      'Isi pengaduan tidak dipublikasikan; nama Anda hanya diketahui kantor',
    );
    expect(text('complaint-privacy-anonim')).toContain(
      'Nama Anda tidak diketahui siapa pun, termasuk petugas yang menangani',
    );
    await press('complaint-next');
    expect(text('complaint-name-problem')).toBe('Wajib diisi.');
    expect(text('complaint-phone-problem')).toBe('Isi nomor HP atau e-mail, salah satu saja.');
    await press('complaint-privacy-anonim');
    expect(screen.queryByTestId('complaint-name')).toBeNull();
    expect(text('complaint-anonim-note')).toBe(
      'Tanpa kontak, pengaduan hanya dapat diikuti dengan nomor dan PIN pada bukti.',
    );
    await press('complaint-privacy-named');
    await press('complaint-name');
    await letters('Budi Santoso');
    await press('complaint-nik');
    await digits('1872011408900001');
    await press('complaint-phone');
    await digits('081234567890');
    expect(text('complaint-phone')).toBe('081234567890');
    await press('complaint-next');

    // 5. Review and consent.
    expect(text('complaint-review-title')).toBe('Pungli');
    expect(text('complaint-review-chronology')).toContain('Pungutan');
    expect(text('complaint-review-related')).toContain('26-000-00105-7');
    expect(text('complaint-review-attachments')).toBe('1 lampiran');
    expect(text('complaint-review-name')).toContain('Budi Santoso');
    expect(screen.queryByTestId('complaint-next')).toBeNull();
    await press('complaint-submit');
    expect(text('complaint-consent-problem')).toContain('Saya mengerti dan setuju');
    expect(count(calls, 'complaint_submit')).toBe(0);
    await tap(screen.getByTestId('complaint-consent'));
    await press('complaint-submit');

    // 6. Done: number, PIN, QR, deadlines, offline.
    const sent = calls.find((c) => c.cmd === 'complaint_submit')!.args as { draft: ComplaintDraft };
    expect(sent.draft).toEqual({
      category: 'h',
      title: 'Pungli',
      chronology: 'Diminta\nuang Pungutan.',
      event_date: '2026-11-28',
      place: 'Loket 2',
      unit: null,
      related_tracking_number: '26-000-00105-7',
      privacy: 'named',
      identity: { name: 'Budi Santoso', nik: '1872011408900001', phone: '081234567890', email: '' },
      consent: true,
    });
    expect(text('complaint-number')).toBe('26-001-00042-7');
    expect(text('complaint-pin')).toBe('583920');
    await settle();
    expect(screen.getByTestId('complaint-qr')).toBeTruthy();
    expect(calls.find((c) => c.cmd === 'qr_svg')?.args).toEqual({ text: RECEIPT.qr_text });
    expect(text('complaint-done')).toContain('Nomor dan PIN keduanya diperlukan');
    expect(text('complaint-deadlines')).toContain('3 hari kerja');
    expect(text('complaint-deadlines')).toContain('5 hari kerja');
    expect(text('complaint-done-state')).toContain('akan dikirim otomatis');

    const discards = count(calls, 'complaint_discard');
    await press('complaint-finish');
    expect(screen.getByTestId('tile-complaint')).toBeTruthy();
    expect(count(calls, 'complaint_discard')).toBe(discards + 1);
    expect(document.body.textContent).not.toContain('Budi');
    expect(document.body.textContent).not.toContain('583920');
  });

  it('an anonymous complaint goes without name or contact, and the name typed before is dropped', async () => {
    const calls = await start();
    await throughStory();
    await press('complaint-next');
    await press('complaint-name');
    await letters('Budi');
    await press('complaint-privacy-anonim');
    await press('complaint-next');
    expect(screen.getByTestId('complaint-review')).toBeTruthy();
    expect(screen.queryByTestId('complaint-review-name')).toBeNull();
    expect(text('complaint-review-privacy')).toContain('Anonim');
    await tap(screen.getByTestId('complaint-consent'));
    await press('complaint-submit');
    const sent = calls.find((c) => c.cmd === 'complaint_submit')!.args as { draft: ComplaintDraft };
    expect(sent.draft.privacy).toBe('anonim');
    expect(sent.draft.identity).toEqual({ name: '', nik: '', phone: '', email: '' });
  });

  it('a refused submission shows the problems on the step they belong to', async () => {
    // The core refuses what the quick check let through; asked again, it names the field.
    let refused = false;
    const calls = await start({
      complaint_submit: () => {
        refused = true;
        return reject('invalid_input');
      },
      complaint_validate: (_, args) => {
        const problems = validate((args as { draft: ComplaintDraft }).draft);
        if (refused) problems.push({ field: 'place', code: 'control_chars', message: 'x' });
        return problems;
      },
    });
    await throughStory();
    await press('complaint-next');
    await press('complaint-privacy-anonim');
    await press('complaint-next');
    await tap(screen.getByTestId('complaint-consent'));
    await press('complaint-submit');
    expect(count(calls, 'complaint_submit')).toBe(1);
    expect(screen.getByTestId('complaint-step-story')).toBeTruthy();
    expect(text('complaint-place-problem')).toBe('Ada karakter yang tidak dapat dipakai.');
  });

  it('"Ubah" goes to its step, "Sebelumnya" a step back, and a refusal naming no field is said under the buttons', async () => {
    const calls = await start({ complaint_submit: () => reject('invalid_input') });
    await throughStory();
    await press('complaint-next');
    await press('complaint-privacy-anonim');
    await press('complaint-next');
    await press('complaint-edit-story');
    expect(screen.getByTestId('complaint-step-story')).toBeTruthy();
    await press('complaint-previous');
    expect(text('complaint-progress')).toContain('Langkah 1 dari 5');
    for (let i = 0; i < 4; i++) await press('complaint-next');
    await tap(screen.getByTestId('complaint-consent'));
    await press('complaint-submit');
    expect(count(calls, 'complaint_submit')).toBe(1);
    expect(screen.getByTestId('complaint-submit-error').dataset.code).toBe('refused');
    expect(screen.getByTestId('complaint-review')).toBeTruthy();
    await press('complaint-previous');
    expect(screen.queryByTestId('complaint-submit-error')).toBeNull();
  });

  it('the idle wipe in the middle leaves nothing typed on the page and discards the attachments', async () => {
    const calls = await start();
    await press('complaint-new');
    await press('complaint-category-h');
    await press('complaint-next');
    await press('complaint-chronology');
    await letters('Pungutan liar');
    expect(document.body.textContent).toContain('Pungutan liar');
    const before = count(calls, 'complaint_discard');
    await vi.advanceTimersByTimeAsync(91_000);
    expect(screen.getByTestId('tile-complaint')).toBeTruthy();
    expect(document.body.textContent).not.toContain('Pungutan');
    expect(count(calls, 'complaint_discard')).toBe(before + 1);
    await press('tile-complaint');
    await press('complaint-new');
    expect(screen.getByTestId('complaint-category-h').getAttribute('aria-checked')).toBe('false');
    await press('complaint-category-h');
    await press('complaint-next');
    expect(text('complaint-chronology')).toBe('');
  });

  it('leaving with the back button discards the attachments too', async () => {
    const calls = await start();
    await press('complaint-new');
    const before = count(calls, 'complaint_discard');
    await press('back-home');
    await press('back-home');
    expect(screen.getByTestId('tile-complaint')).toBeTruthy();
    expect(count(calls, 'complaint_discard')).toBe(before + 1);
  });
});

describe('Adukan keterlambatan from Cek Status', () => {
  it('a late application offers a complaint with its number filled in', async () => {
    await start({ check_status: () => LATE }, false);
    await press('tile-status');
    for (const d of '26000001057') await press(`keypad-${d}`);
    await press('status-submit');
    expect(text('status-due')).toContain('Terlambat');
    await press('status-complain');
    expect(screen.getByTestId('complaint-step-category')).toBeTruthy();
    await press('complaint-category-a');
    await press('complaint-next');
    expect(text('complaint-related')).toBe('26-000-00105-7');
  });

  it('an application on time offers no complaint button', async () => {
    await start({ check_status: () => ({ ...LATE, late: false, working_days_left: 2 }) }, false);
    await press('tile-status');
    for (const d of '26000001057') await press(`keypad-${d}`);
    await press('status-submit');
    expect(screen.getByTestId('status-due')).toBeTruthy();
    expect(screen.queryByTestId('status-complain')).toBeNull();
  });
});

describe('Cek Pengaduan', () => {
  async function openCheck(handlers: Record<string, Handler> = {}) {
    const calls = await start(handlers);
    await press('complaint-check');
    return calls;
  }

  async function enter(number: string, pin: string) {
    await press('complaint-check-number');
    await press('complaint-keypad-clear');
    await digits(number);
    await press('complaint-check-pin');
    await press('complaint-keypad-clear');
    await digits(pin);
    await press('complaint-check-submit');
  }

  it('a wrong PIN and an unknown number get the same calm message', async () => {
    const calls = await openCheck({
      complaint_status: (_, args) => {
        const { pin } = args as { trackingNumber: string; pin: string };
        return pin === '5839201746' ? ANSWERED : reject('not_found');
      },
    });
    await enter('26001000427', '111111');
    expect(calls.find((c) => c.cmd === 'complaint_status')?.args).toEqual({
      trackingNumber: '26-001-00042-7',
      pin: '111111',
    });
    const error = screen.getByTestId('complaint-check-error');
    expect(error.dataset.code).toBe('not_found');
    expect(error.textContent).toContain('Nomor atau PIN tidak cocok');
    expect(screen.queryByTestId('complaint-status')).toBeNull();

    await enter('26001000427', '5839201746');
    expect(screen.queryByTestId('complaint-check-error')).toBeNull();
    const status = screen.getByTestId('complaint-status');
    expect(status.dataset.status).toBe('ditanggapi');
    expect(status.textContent).toContain('Ditanggapi');
    // The office's words are plain text, never markup.
    expect(text('complaint-response')).toBe('Petugas sudah ditegur. <b>Terima kasih</b>');
    expect(screen.getByTestId('complaint-response').querySelector('b')).toBeNull();
    expect(text('complaint-check-category')).toContain('pungli');
    expect(text('complaint-verify-due')).toContain('2 Desember 2026');
    expect(text('complaint-answer-due')).toContain('9 Desember 2026');
    expect(screen.getAllByTestId('complaint-history-item')).toHaveLength(2);
    expect(screen.queryByTestId('complaint-overdue')).toBeNull();
  });

  it('checks the number and PIN length before asking, and says when the office is unreachable', async () => {
    const calls = await openCheck({ complaint_status: () => reject('hub_unreachable') });
    await enter('2600100', '583920');
    expect(screen.getByTestId('complaint-check-error').dataset.code).toBe('format');
    await enter('26001000427', '5839');
    expect(screen.getByTestId('complaint-check-error').dataset.code).toBe('pin');
    // Ten digits, or six on an older complaint: nothing in between.
    await enter('26001000427', '58392017');
    expect(screen.getByTestId('complaint-check-error').dataset.code).toBe('pin');
    expect(count(calls, 'complaint_status')).toBe(0);
    await enter('26001000427', '583920');
    expect(screen.getByTestId('complaint-check-error').dataset.code).toBe('hub_unreachable');
    expect(text('complaint-check-error')).toContain('tidak dapat dihubungi');
  });

  it('shows a forwarded, overdue complaint in words', async () => {
    await openCheck({
      complaint_status: () => ({
        ...ANSWERED,
        status: 'diteruskan',
        response: null,
        forwarded_to: 'Inspektorat Kota Metro',
        overdue: true,
      }),
    });
    await enter('26001000427', '583920');
    expect(screen.getByTestId('complaint-status').dataset.status).toBe('diteruskan');
    expect(text('complaint-forwarded')).toContain('Inspektorat Kota Metro');
    expect(text('complaint-overdue')).toContain('Terlambat');
    expect(screen.queryByTestId('complaint-response')).toBeNull();
  });
});
