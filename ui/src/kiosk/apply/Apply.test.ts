import type { Channel } from '@tauri-apps/api/core';
import { mockConvertFileSrc } from '@tauri-apps/api/mocks';
import { render, screen } from '@testing-library/svelte';
import { afterEach, describe, expect, it, vi } from 'vitest';
import KioskApp from '../../KioskApp.svelte';
import { setLanguage } from '../../lib/i18n/index.svelte';
import type {
  ApplicationDraft,
  ApplicationReceipt,
  InboxDocument,
  InboxReport,
  PrintOutcome,
  Problem,
} from '../../lib/ipc/bindings';
import { CATALOGUE } from '../../test/catalogue';
import { APP_INFO, mockCommands, press, reject, settle, tap, type Call, type Handler } from '../../test/ipc';
import Done from './Done.svelte';

const NIK = '1872015408900002';
const RECEIPT: ApplicationReceipt = {
  tracking_number: '26-001-00001-3',
  id: '01a2',
  saved_at: '2026-11-29T10:00:00Z',
  online: false,
  receipt: {
    tracking_number: '26-001-00001-3',
    office_name: 'DPMPTSP Kota Metro',
    service_code: 'skp-penelitian',
    service_name: 'Surat Keterangan Penelitian',
    kind: 'baru',
    issued_at: '2026-11-29T10:00:00Z',
    applicant_masked: 'S*** A*****',
    documents_received: ['KTP'],
    documents_to_bring: [],
    sla_working_days: 3,
    estimated_due: '2026-12-02',
    status_url: 'https://hub.example.test/t/26-001-00001-3',
    skm_code: '4821093757',
    skm_qr: 'ANJUNGAN-SKM:4821093757',
    kiosk_name: 'kiosk-lobi',
  },
};

const PRINTED: PrintOutcome = { state: 'printed', detail: null, printer: 'escpos_usb', at: '2026-11-29T10:00:05Z' };

const doc = (n: number, file: string, kind = 'pdf'): InboxDocument => ({
  file,
  sha256: String(n).repeat(64).slice(0, 64),
  kind,
  pages: n,
  bytes: 1000 * n,
  thumbnail: kind === 'png' ? 'data:image/png;base64,iVBORw0KGgo=' : null,
});

/** A small stand-in for the core's validation: enough rules to drive the screens. */
function validate(draft: ApplicationDraft): Problem[] {
  const p: Problem[] = [];
  const add = (field: string, code: string) => p.push({ field, code, message: code });
  if (draft.applicant.nik.length !== 16) add('applicant.nik', 'nik_length');
  if (!draft.applicant.name) add('applicant.name', 'required');
  const service = CATALOGUE.services.find((s) => s.code === draft.service);
  for (const r of service?.requirements ?? []) {
    if (r.condition !== null && !r.mandatory && !(r.code in draft.conditions)) {
      add(`conditions.${r.code}`, 'condition_unanswered');
    }
    const needed = r.mandatory || (r.condition !== null && draft.conditions[r.code] === true);
    if (needed && !draft.documents[r.code]) add(`documents.${r.code}`, 'document_missing');
  }
  if (!draft.consent) add('consent', 'consent');
  return p;
}

type Watch = { events: Channel<InboxReport> };

async function start(handlers: Record<string, Handler> = {}) {
  vi.useFakeTimers();
  const watches: Watch[] = [];
  const calls = mockCommands({
    app_info: () => APP_INFO,
    catalogue: () => CATALOGUE,
    kelurahan_list: () => [{ code: '18.72.01.1001', name: 'Metro', district: 'Metro Pusat' }],
    apply_validate: (_, args) => validate((args as { draft: ApplicationDraft }).draft),
    apply_submit: () => RECEIPT,
    inbox_watch: (_, args) => {
      watches.push(args as Watch);
      return { accepted: [], refused: [] };
    },
    inbox_remove: () => null,
    inbox_discard: () => null,
    qr_svg: () => '<svg xmlns="http://www.w3.org/2000/svg"></svg>',
    receipt_print: () => PRINTED,
    ...handlers,
  });
  render(KioskApp);
  await vi.advanceTimersByTimeAsync(0);
  await tap(screen.getByTestId('tile-apply'));
  await vi.advanceTimersByTimeAsync(0);
  return { calls, watches };
}

async function digits(value: string) {
  for (const d of value) await press(`apply-keypad-${d}`);
}
async function letters(value: string) {
  for (const c of value.toLowerCase()) await press(c === ' ' ? 'osk-space' : `osk-${c}`);
}
const count = (calls: Call[], cmd: string) => calls.filter((c) => c.cmd === cmd).length;
/** A research permit with the least a citizen types, up to its documents step. */
async function toDocuments() {
  await press('apply-service-skp-penelitian');
  await press('apply-next');
  await digits(NIK);
  await press('apply-name');
  await letters('Siti');
  await press('apply-next');
  await press('apply-next');
}
/** The citizen confirms every document that arrived as theirs. */
async function confirmAll() {
  while (screen.queryAllByTestId('apply-pending-use').length > 0) {
    await tap(screen.getAllByTestId('apply-pending-use')[0]);
    await settle();
  }
}

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('Ajukan Izin', () => {
  it('offers the services, and OSS ones only as guidance with a NIB format check', async () => {
    const { calls } = await start();
    expect(screen.getByTestId('apply-service-skp-penelitian')).toBeTruthy();
    await press('apply-service-izin-apotek');
    expect(screen.getByTestId('apply-guidance').textContent).toContain('OSS');
    expect(screen.getByTestId('apply-portal-qr')).toBeTruthy();
    for (const d of '912000123456') await press(`apply-nib-${d}`);
    expect(screen.getByTestId('apply-nib-verdict').textContent).toContain('13 angka');
    await press('apply-nib-7');
    expect(screen.getByTestId('apply-nib-verdict').textContent).toContain('Format NIB benar');
    expect(screen.queryByTestId('apply-next')).toBeNull();
    expect(count(calls, 'apply_submit')).toBe(0);
  });

  it('blocks each step until its problems are fixed, then saves offline and shows the number', async () => {
    const { calls, watches } = await start();
    await press('apply-service-skp-penelitian');
    expect(screen.getByTestId('apply-progress').textContent).toContain('Langkah 1 dari 5');
    await press('apply-next');
    expect(screen.getByTestId('apply-step-identity')).toBeTruthy();

    await digits(NIK.slice(0, 15));
    await press('apply-next');
    expect(screen.getByTestId('apply-nik-problem').textContent).toBe('NIK harus 16 angka.');
    expect(screen.getByTestId('apply-blocked')).toBeTruthy();
    await digits(NIK.slice(15));
    await press('apply-name');
    await letters('Siti Aminah');
    expect(screen.getByTestId('apply-name').textContent).toContain('siti aminah');
    await press('apply-next');
    expect(screen.getByTestId('apply-step-fields')).toBeTruthy();
    await press('apply-next');

    // Documents: the conditions first, then the scans as they arrive.
    expect(screen.getByTestId('apply-step-documents')).toBeTruthy();
    await press('apply-next');
    expect(screen.getByTestId('apply-blocked')).toBeTruthy();
    expect(screen.getByTestId('apply-docs-missing').textContent).toContain('KTP');
    await press('apply-condition-akta-pendirian-badan-no');
    await press('apply-condition-surat-kuasa-no');
    await press('apply-doc-scan-proposal-penelitian');
    watches[0].events.onmessage({ accepted: [doc(2, 'proposal.pdf')], refused: [{ file: 'arsip.pdf', reason: 'not_a_document' }] });
    await settle();
    // Shown first, for the citizen to say it is theirs: never assigned silently.
    expect(screen.getByTestId('apply-pending-meta').textContent).toContain('proposal.pdf · 2 halaman');
    expect(screen.getByTestId('apply-pending-for').textContent).toContain('Proposal');
    expect(screen.getByTestId('apply-doc-proposal-penelitian').textContent).not.toContain('proposal.pdf');
    await confirmAll();
    expect(screen.getByTestId('apply-doc-proposal-penelitian').textContent).toContain('proposal.pdf · 2 halaman');
    expect(screen.getByTestId('apply-refused').textContent).toContain('bukan PDF, JPG, atau PNG');
    watches[0].events.onmessage({ accepted: [doc(3, 'ktp.png', 'png'), doc(4, 'pengantar.pdf')], refused: [] });
    await settle();
    await confirmAll();
    expect(screen.getByTestId('apply-doc-ktp').querySelector('img')).toBeTruthy();
    expect(screen.getByTestId('apply-docs-missing').textContent).toContain('Surat pernyataan menaati');
    await press('apply-next');
    expect(screen.getByTestId('apply-step-documents')).toBeTruthy();
    watches[0].events.onmessage({ accepted: [doc(5, 'pernyataan.pdf')], refused: [] });
    await settle();
    await confirmAll();
    expect(screen.queryByTestId('apply-docs-missing')).toBeNull();
    await press('apply-next');

    // Review and consent.
    expect(screen.getByTestId('apply-review-name').textContent).toContain(NIK);
    await press('apply-next');
    expect(screen.getByTestId('apply-blocked')).toBeTruthy();
    expect(count(calls, 'apply_submit')).toBe(0);
    await tap(screen.getByTestId('apply-consent'));
    await press('apply-next');
    expect(screen.getByTestId('apply-tracking-number').textContent).toBe(RECEIPT.tracking_number);
    expect(screen.getByTestId('apply-done-state').textContent).toContain('akan dikirim otomatis');
    expect(screen.getByTestId('apply-print-state').textContent).toContain('Ambil di bawah layar');
    expect(count(calls, 'receipt_print')).toBe(1);
    const sent = calls.find((c) => c.cmd === 'apply_submit')!.args as { draft: ApplicationDraft };
    expect(sent.draft.documents).toEqual({
      'proposal-penelitian': doc(2, '').sha256,
      ktp: doc(3, '').sha256,
      'pengantar-permohonan-lembaga': doc(4, '').sha256,
      'pernyataan-menaati-peraturan': doc(5, '').sha256,
    });
    expect(sent.draft.consent).toBe(true);

    await press('apply-finish');
    expect(screen.getByTestId('tile-apply')).toBeTruthy();
    expect(count(calls, 'inbox_discard')).toBeGreaterThan(0);
  });

  it('replacing a document deletes the old scan from the inbox', async () => {
    const { calls, watches } = await start();
    await toDocuments();
    watches[0].events.onmessage({ accepted: [doc(3, 'ktp-buram.png', 'png')], refused: [] });
    await settle();
    await confirmAll();
    await press('apply-doc-replace-ktp');
    watches[0].events.onmessage({ accepted: [doc(6, 'ktp-jelas.png', 'png')], refused: [] });
    await settle();
    await confirmAll();
    expect(screen.getByTestId('apply-doc-ktp').textContent).toContain('ktp-jelas.png');
    const removed = calls.filter((c) => c.cmd === 'inbox_remove').map((c) => (c.args as { sha256: string }).sha256);
    expect(removed).toContain(doc(3, '').sha256);
  });

  it('a scan that is not the citizen\'s is deleted when they say so, and nothing is assigned', async () => {
    const { calls, watches } = await start();
    await toDocuments();
    watches[0].events.onmessage({ accepted: [doc(8, 'ktp-orang-lain.png', 'png')], refused: [] });
    await settle();
    expect(screen.getByTestId('apply-pending-meta').textContent).toContain('ktp-orang-lain.png');
    await press('apply-pending-reject');
    expect(screen.queryByTestId('apply-pending')).toBeNull();
    expect(screen.getByTestId('apply-doc-ktp').textContent).not.toContain('ktp-orang-lain');
    const removed = calls.filter((c) => c.cmd === 'inbox_remove').map((c) => (c.args as { sha256: string }).sha256);
    expect(removed).toEqual([doc(8, '').sha256]);
  });

  it('a document photographed with the kiosk camera lands on its requirement and the camera closes', async () => {
    // No preview frames in this test: every pull answers "nothing new".
    vi.stubGlobal('fetch', vi.fn(() => Promise.resolve({ status: 204, arrayBuffer: async () => new ArrayBuffer(0) } as Response)));
    mockConvertFileSrc('linux');
    const { calls } = await start({
      document_camera_start: () => ({ source: 'replay', width: 1280, height: 720 }),
      document_camera_still: () => ({ accepted: [doc(7, 'Kamera', 'jpeg')], refused: [] }),
      document_camera_stop: () => null,
    });
    await toDocuments();
    await press('apply-doc-photo-ktp');
    expect(screen.getByTestId('apply-camera').textContent).toContain('KTP');
    await press('apply-camera-take');
    expect(screen.queryByTestId('apply-camera')).toBeNull();
    expect(screen.getByTestId('apply-doc-ktp').textContent).toContain('Kamera');
    expect(count(calls, 'document_camera_start')).toBe(1);
    expect(count(calls, 'document_camera_stop')).toBe(1);
  });

  it('the idle wipe in the middle leaves no NIK on the page and empties the inbox', async () => {
    const { calls } = await start();
    await press('apply-service-skp-penelitian');
    await press('apply-next');
    await digits(NIK);
    expect(document.body.textContent).toContain(NIK);
    await vi.advanceTimersByTimeAsync(91_000);
    expect(screen.getByTestId('tile-apply')).toBeTruthy();
    expect(document.body.textContent).not.toContain(NIK);
    expect(count(calls, 'inbox_discard')).toBe(1);
    await tap(screen.getByTestId('tile-apply'));
    await settle();
    await press('apply-service-skp-penelitian');
    await press('apply-next');
    expect(screen.getByTestId('apply-nik').textContent).toBe('');
  });

  it('a kiosk that never received a catalogue says so and sends the citizen to the counter', async () => {
    await start({ catalogue: () => null });
    expect(screen.getByTestId('apply-no-catalogue').textContent).toContain('loket');
  });
});

describe('the receipt on the done screen', () => {
  function renderDone(print: Handler, receipt: ApplicationReceipt = RECEIPT) {
    const calls = mockCommands({
      qr_svg: () => '<svg xmlns="http://www.w3.org/2000/svg"></svg>',
      receipt_print: print,
    });
    const onFinish = vi.fn();
    render(Done, { props: { receipt, onFinish } });
    return { calls, onFinish };
  }

  const printState = () => screen.getByTestId('apply-print-state');

  it('prints once on arrival and keeps the number, the status QR and the e-SKM code on screen', async () => {
    const { calls, onFinish } = renderDone(() => PRINTED);
    expect(printState().dataset.state).toBe('printing');
    expect(printState().textContent).toContain('Mencetak bukti');
    await vi.waitFor(() => expect(printState().dataset.state).toBe('printed'));
    expect(printState().textContent?.trim()).toBe('Bukti pendaftaran sudah dicetak. Ambil di bawah layar.');
    expect(calls.filter((c) => c.cmd === 'receipt_print').map((c) => c.args)).toEqual([
      { trackingNumber: '26-001-00001-3' },
    ]);
    expect(calls.find((c) => c.cmd === 'qr_svg')?.args).toEqual({ text: 'https://hub.example.test/t/26-001-00001-3' });
    expect(screen.getByTestId('apply-tracking-number').textContent).toBe('26-001-00001-3');
    await vi.waitFor(() => expect(screen.getByTestId('apply-tracking-qr')).toBeTruthy());
    expect(screen.getByTestId('apply-skm-code').textContent).toBe('4821 0937 57');
    expect(screen.getByTestId('apply-done').textContent).toContain('Kode survei kepuasan (e-SKM)');
    expect(screen.queryByTestId('apply-to-bring')).toBeNull();
    expect(onFinish).not.toHaveBeenCalled();
    await tap(screen.getByTestId('apply-finish'));
    expect(onFinish).toHaveBeenCalledOnce();
  });

  it('a kiosk without a printer asks the citizen to photograph the screen, with no reprint button', async () => {
    renderDone(() => ({ ...PRINTED, state: 'no_printer', printer: 'none' }));
    await vi.waitFor(() => expect(printState().dataset.state).toBe('no_printer'));
    expect(printState().textContent?.trim()).toBe(
      'Anjungan ini tidak mencetak. Foto nomor dan kode QR ini dengan HP Anda.',
    );
    expect(screen.queryByTestId('apply-reprint')).toBeNull();
  });

  it.each(['offline', 'paper_out', 'job_failed', 'queued'] as const)(
    '%s: says calmly that the application is saved and to show the screen to staff',
    async (state) => {
      renderDone(() => ({ ...PRINTED, state, detail: 'media-empty-error' }));
      await vi.waitFor(() => expect(printState().dataset.state).toBe(state));
      const words = printState().textContent ?? '';
      expect(words).toContain('belum dapat dicetak');
      expect(words).toContain('sudah tersimpan dengan aman');
      expect(words).toContain('Tunjukkan layar ini kepada petugas');
      expect(words).not.toContain('media-empty-error');
      expect(screen.getByTestId('apply-tracking-number').textContent).toBe('26-001-00001-3');
    },
  );

  it('"Cetak ulang" tries again, and is disabled while printing', async () => {
    let finish: (o: PrintOutcome) => void = () => {};
    let first = true;
    const { calls } = renderDone(() => {
      if (first) {
        first = false;
        return { ...PRINTED, state: 'paper_out' };
      }
      return new Promise<PrintOutcome>((resolve) => (finish = resolve));
    });
    await vi.waitFor(() => expect(printState().dataset.state).toBe('paper_out'));
    const button = screen.getByTestId('apply-reprint') as HTMLButtonElement;
    expect(button.textContent).toBe('Cetak ulang');
    expect(button.disabled).toBe(false);
    await tap(button);
    await vi.waitFor(() => expect(button.disabled).toBe(true));
    expect(printState().textContent).toContain('Mencetak bukti');
    await tap(button);
    expect(calls.filter((c) => c.cmd === 'receipt_print')).toHaveLength(2);
    finish(PRINTED);
    await vi.waitFor(() => expect(printState().dataset.state).toBe('printed'));
    expect(button.disabled).toBe(false);
  });

  it('a failing print command is said the same calm way', async () => {
    renderDone(() => reject('internal', 'printer thread panicked'));
    await vi.waitFor(() => expect(printState().dataset.state).toBe('job_failed'));
    expect(printState().textContent).toContain('sudah tersimpan dengan aman');
    expect(document.body.textContent).not.toContain('panicked');
  });

  it('lists the documents still to bring, and speaks English', async () => {
    renderDone(() => PRINTED, {
      ...RECEIPT,
      receipt: { ...RECEIPT.receipt, documents_to_bring: ['Surat pengantar lembaga', 'Proposal penelitian'] },
    });
    await vi.waitFor(() => expect(printState().dataset.state).toBe('printed'));
    const bring = screen.getByTestId('apply-to-bring');
    expect(bring.textContent).toContain('Dokumen yang masih perlu dibawa ke loket');
    expect([...bring.querySelectorAll('li')].map((li) => li.textContent)).toEqual([
      'Surat pengantar lembaga',
      'Proposal penelitian',
    ]);
    setLanguage('en');
    await vi.waitFor(() => expect(printState().textContent).toContain('Take it from below the screen'));
    expect(screen.getByTestId('apply-reprint').textContent).toBe('Print again');
  });
});
