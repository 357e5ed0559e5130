import { fireEvent, render, screen } from '@testing-library/svelte';
import { describe, expect, it, vi } from 'vitest';
import { setLanguage } from '../../lib/i18n/index.svelte';
import type {
  ApplicationDraft,
  ApplicationReceipt,
  InboxDocument,
  InboxReport,
  PrintOutcome,
  Problem,
  ReceiptRow,
} from '../../lib/ipc/bindings';
import { CATALOGUE } from '../../test/catalogue';
import { mockCommands, reject, type Call, type Handler } from '../../test/ipc';
import CounterView from './CounterView.svelte';

const doc = (n: number, file: string): InboxDocument => ({
  file,
  sha256: String(n).repeat(64),
  kind: 'pdf',
  pages: 1,
  bytes: 100,
  thumbnail: null,
});

function validate(d: ApplicationDraft): Problem[] {
  const p: Problem[] = [];
  if (d.applicant.nik.length !== 16) p.push({ field: 'applicant.nik', code: 'nik_length', message: '' });
  if (!d.documents['ktp']) p.push({ field: 'documents.ktp', code: 'document_missing', message: '' });
  if (!d.consent) p.push({ field: 'consent', code: 'consent', message: '' });
  return p;
}

const STATUS_URL = 'https://hub.dpmptsp.metrokota.go.id/t/26-001-00002-4';

const RECEIPT: ApplicationReceipt = {
  tracking_number: '26-001-00002-4',
  id: 'x',
  saved_at: '2026-11-29T10:00:00Z',
  online: true,
  receipt: {
    tracking_number: '26-001-00002-4',
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
    status_url: STATUS_URL,
    skm_code: '4821093757',
    skm_qr: 'ANJUNGAN-SKM:4821093757',
    kiosk_name: 'loket-1',
  },
};

const PRINTED: PrintOutcome = { state: 'printed', detail: null, printer: 'escpos_usb', at: '2026-11-29T10:00:05Z' };

async function setup(add: (name: string) => InboxReport, handlers: Record<string, Handler> = {}) {
  const calls = mockCommands({
    catalogue: () => CATALOGUE,
    kelurahan_list: () => [],
    inbox_watch: () => ({ accepted: [], refused: [] }),
    inbox_remove: () => null,
    inbox_discard: () => null,
    apply_validate: (_, a) => validate((a as { draft: ApplicationDraft }).draft),
    apply_submit: () => RECEIPT,
    qr_svg: () => '<svg xmlns="http://www.w3.org/2000/svg"></svg>',
    receipt_print: () => PRINTED,
    staff_add_document: (_, a) => add((a as { name: string }).name),
    ...handlers,
  });
  render(CounterView, { onLocked: vi.fn() });
  await vi.waitFor(() => expect(screen.getByTestId('counter-service')).toBeTruthy());
  await vi.waitFor(() => expect(screen.getAllByRole('option').length).toBeGreaterThan(2));
  return calls;
}

const type = (id: string, value: string) => fireEvent.input(screen.getByTestId(id), { target: { value } });

describe('the counter application (staff window)', () => {
  it('takes the whole application by keyboard and a chosen file, with the same rules', async () => {
    const calls = await setup((name) => ({ accepted: [doc(1, name)], refused: [] }));
    await fireEvent.change(screen.getByTestId('counter-service'), { target: { value: 'skp-penelitian' } });
    await type('counter-nik', '187201540890000');
    await fireEvent.click(screen.getByTestId('counter-submit'));
    await vi.waitFor(() => expect(screen.getByTestId('counter-blocked')).toBeTruthy());
    const problems = screen.getAllByTestId('counter-problem').map((e) => e.textContent);
    expect(problems).toContain('NIK harus 16 angka.');
    expect(problems).toContain('Dokumen ini belum ada.');

    await type('counter-nik', '1872015408900002');
    const file = new File(['%PDF-1.4 ktp'], 'ktp.pdf', { type: 'application/pdf' });
    await fireEvent.change(screen.getByTestId('counter-file-ktp'), { target: { files: [file] } });
    await vi.waitFor(() => expect(screen.getByTestId('counter-doc-name-ktp').textContent).toContain('ktp.pdf'));
    await fireEvent.click(screen.getByTestId('counter-consent'));
    await fireEvent.click(screen.getByTestId('counter-submit'));
    await vi.waitFor(() => expect(screen.getByTestId('counter-tracking-number').textContent).toBe('26-001-00002-4'));
    const sent = calls.find((c) => c.cmd === 'apply_submit')!.args as { draft: ApplicationDraft };
    expect(sent.draft.documents).toEqual({ ktp: doc(1, '').sha256 });
    expect(sent.draft.applicant.nik).toBe('1872015408900002');
  });

  it('names why a chosen file was refused', async () => {
    await setup((name) => ({ accepted: [], refused: [{ file: name, reason: 'not_a_document' }] }));
    await fireEvent.change(screen.getByTestId('counter-service'), { target: { value: 'skp-penelitian' } });
    const file = new File(['PK\x03\x04'], 'arsip.pdf', { type: 'application/pdf' });
    await fireEvent.change(screen.getByTestId('counter-file-ktp'), { target: { files: [file] } });
    await vi.waitFor(() =>
      expect(screen.getByTestId('counter-refused').textContent).toContain('bukan PDF, JPG, atau PNG'),
    );
  });
});

describe('the receipt of an application taken at the counter', () => {
  /** A complete application, submitted. */
  async function submitted(handlers: Record<string, Handler> = {}) {
    const calls = await setup((name) => ({ accepted: [doc(1, name)], refused: [] }), handlers);
    await fireEvent.change(screen.getByTestId('counter-service'), { target: { value: 'skp-penelitian' } });
    await type('counter-nik', '1872015408900002');
    const file = new File(['%PDF-1.4 ktp'], 'ktp.pdf', { type: 'application/pdf' });
    await fireEvent.change(screen.getByTestId('counter-file-ktp'), { target: { files: [file] } });
    await vi.waitFor(() => expect(screen.getByTestId('counter-doc-name-ktp').textContent).toContain('ktp.pdf'));
    await fireEvent.click(screen.getByTestId('counter-consent'));
    await fireEvent.click(screen.getByTestId('counter-submit'));
    await vi.waitFor(() => expect(screen.getByTestId('counter-tracking-number').textContent).toBe('26-001-00002-4'));
    return calls;
  }

  const state = () => screen.getByTestId('counter-print-state');
  const prints = (calls: Call[]) => calls.filter((c) => c.cmd === 'receipt_print').map((c) => c.args);

  it('prints the receipt at once, says so, and shows the status QR of its address', async () => {
    const calls = await submitted();
    await vi.waitFor(() => expect(state().dataset.state).toBe('printed'));
    expect(state().textContent).toContain('Sudah dicetak');
    expect(prints(calls)).toEqual([{ trackingNumber: '26-001-00002-4' }]);
    // The QR holds the receipt's status address, not the bare number.
    expect(calls.filter((c) => c.cmd === 'qr_svg').map((c) => c.args)).toEqual([{ text: STATUS_URL }]);
    const qr = await screen.findByTestId('counter-tracking-qr');
    expect(qr.getAttribute('src')).toMatch(/^data:image\/svg\+xml/);
    expect(qr.getAttribute('alt')).toContain('Pindai kode QR ini dengan HP');
    expect(screen.getByTestId('counter-done-reprint').textContent).toBe('Cetak ulang');
  });

  it("shows what went wrong with the printer's own words, and prints again on \"Cetak ulang\"", async () => {
    let outcome: PrintOutcome = { state: 'paper_out', detail: 'media-empty-error', printer: 'ipp', at: '' };
    const calls = await submitted({ receipt_print: () => outcome });
    await vi.waitFor(() => expect(state().dataset.state).toBe('paper_out'));
    expect(state().textContent).toContain('Kertas habis');
    expect(state().textContent).toContain('Keterangan printer: media-empty-error');

    outcome = PRINTED;
    await fireEvent.click(screen.getByTestId('counter-done-reprint'));
    await vi.waitFor(() => expect(state().dataset.state).toBe('printed'));
    expect(state().textContent).not.toContain('media-empty-error');
    expect(prints(calls)).toHaveLength(2);

    setLanguage('en');
    await vi.waitFor(() => expect(state().textContent).toContain('Printed'));
    expect(screen.getByTestId('counter-done-reprint').textContent).toBe('Print again');
  });

  it('a failed print call is shown as a failed print; the application stays saved', async () => {
    await submitted({ receipt_print: () => reject('internal', 'printer busy') });
    await vi.waitFor(() => expect(state().dataset.state).toBe('job_failed'));
    expect(state().textContent).toContain('Gagal mencetak');
    expect(state().textContent).toContain('printer busy');
    expect(screen.getByTestId('counter-tracking-number').textContent).toBe('26-001-00002-4');
    expect(screen.queryByTestId('counter-error')).toBeNull();
  });

  it('"Permohonan baru" forgets the receipt and its print', async () => {
    await submitted();
    await vi.waitFor(() => expect(state().dataset.state).toBe('printed'));
    await fireEvent.click(screen.getByTestId('counter-new'));
    expect(screen.queryByTestId('counter-print-state')).toBeNull();
    expect(screen.queryByTestId('counter-tracking-qr')).toBeNull();
  });
});

describe('receipts at the counter', () => {
  const ROWS: ReceiptRow[] = [
    {
      tracking_number: '26-001-00001-3',
      service_name: 'Surat Keterangan Penelitian',
      applicant_masked: 'S*** A*****',
      issued_at: '2026-11-29T03:00:00Z',
      last_print: { state: 'paper_out', detail: 'media-empty-error', printer: 'ipp', at: '2026-11-29T03:00:05Z' },
      sent: false,
    },
    {
      tracking_number: '26-001-00002-1',
      service_name: 'Persetujuan Bangunan Gedung',
      applicant_masked: 'B*** S******',
      issued_at: '2026-11-29T04:00:00Z',
      last_print: null,
      sent: true,
    },
  ];

  async function openReceipts(handlers: Record<string, Handler> = {}) {
    const onLocked = vi.fn();
    const calls = mockCommands({
      catalogue: () => CATALOGUE,
      kelurahan_list: () => [],
      inbox_watch: () => ({ accepted: [], refused: [] }),
      inbox_discard: () => null,
      staff_receipts: (_, a) => {
        const q = (a as { query: string | null }).query;
        return q === null ? ROWS : ROWS.filter((r) => r.applicant_masked.startsWith(q) || r.tracking_number.includes(q));
      },
      staff_receipt_reprint: () => ({ state: 'printed', detail: null, printer: 'ipp', at: '2026-11-29T05:00:00Z' }),
      staff_printer_check: () => ({ state: 'offline', detail: 'connection refused', printer: 'escpos_tcp', at: '2026-11-29T05:00:00Z' }),
      ...handlers,
    });
    render(CounterView, { onLocked });
    await fireEvent.click(screen.getByTestId('counter-tab-receipts'));
    await vi.waitFor(() => expect(screen.getByTestId('counter-receipt-26-001-00001-3')).toBeTruthy());
    return { calls, onLocked };
  }

  const receiptCalls = (calls: Call[]) => calls.filter((c) => c.cmd === 'staff_receipts').map((c) => c.args);

  it('lists the receipts with the masked name, service, sending and the last print in words', async () => {
    const { calls } = await openReceipts();
    expect(screen.getByTestId('counter-receipts').textContent).toContain('Bukti pendaftaran');
    expect(receiptCalls(calls)).toEqual([{ query: null }]);
    const first = screen.getByTestId('counter-receipt-26-001-00001-3').textContent ?? '';
    expect(first).toContain('S*** A*****');
    expect(first).toContain('Surat Keterangan Penelitian');
    expect(first).toContain('Belum terkirim');
    expect(screen.getByTestId('counter-last-print-26-001-00001-3').textContent).toContain('Kertas habis');
    expect(screen.getByTestId('counter-last-print-26-001-00001-3').textContent).toContain('media-empty-error');
    expect(screen.getByTestId('counter-last-print-26-001-00002-1').textContent).toContain('Belum pernah dicetak');
    expect(screen.getByTestId('counter-receipt-26-001-00002-1').textContent).toContain('Terkirim');
  });

  it('searches by name or number', async () => {
    const { calls } = await openReceipts();
    await fireEvent.input(screen.getByTestId('counter-receipts-query'), { target: { value: ' B*** ' } });
    await fireEvent.click(screen.getByTestId('counter-receipts-search'));
    await vi.waitFor(() => expect(screen.queryByTestId('counter-receipt-26-001-00001-3')).toBeNull());
    expect(screen.getByTestId('counter-receipt-26-001-00002-1')).toBeTruthy();
    expect(receiptCalls(calls)[1]).toEqual({ query: 'B***' });
    await fireEvent.input(screen.getByTestId('counter-receipts-query'), { target: { value: '99-999' } });
    await fireEvent.click(screen.getByTestId('counter-receipts-search'));
    await vi.waitFor(() =>
      expect(screen.getByTestId('counter-receipts-empty').textContent).toContain('Tidak ada bukti pendaftaran'),
    );
  });

  it('prints a receipt again and shows what the printer said', async () => {
    const { calls } = await openReceipts({
      staff_receipt_reprint: () => ({ state: 'job_failed', detail: 'client-error-document-format', printer: 'ipp', at: '2026-11-29T05:00:00Z' }),
    });
    const button = screen.getByTestId('counter-reprint-26-001-00002-1');
    expect(button.textContent).toBe('Cetak ulang');
    await fireEvent.click(button);
    await vi.waitFor(() =>
      expect(screen.getByTestId('counter-last-print-26-001-00002-1').textContent).toContain('Gagal mencetak'),
    );
    expect(screen.getByTestId('counter-last-print-26-001-00002-1').textContent).toContain(
      'Keterangan printer: client-error-document-format',
    );
    expect(calls.filter((c) => c.cmd === 'staff_receipt_reprint').map((c) => c.args)).toEqual([
      { trackingNumber: '26-001-00002-1' },
    ]);
  });

  it('checks the printer, in both languages', async () => {
    await openReceipts();
    await fireEvent.click(screen.getByTestId('counter-printer-check'));
    await vi.waitFor(() => expect(screen.getByTestId('counter-printer-state').dataset.state).toBe('offline'));
    expect(screen.getByTestId('counter-printer-state').textContent).toContain('Printer tidak terhubung');
    expect(screen.getByTestId('counter-printer-state').textContent).toContain('connection refused');
    setLanguage('en');
    await vi.waitFor(() =>
      expect(screen.getByTestId('counter-printer-state').textContent).toContain('Printer not connected'),
    );
    expect(screen.getByTestId('counter-reprint-26-001-00001-3').textContent).toBe('Print again');
  });

  it('an ended staff session leaves for the PIN', async () => {
    const { onLocked } = await openReceipts({ staff_printer_check: () => reject('staff_locked') });
    await fireEvent.click(screen.getByTestId('counter-printer-check'));
    await vi.waitFor(() => expect(onLocked).toHaveBeenCalledOnce());
  });
});
