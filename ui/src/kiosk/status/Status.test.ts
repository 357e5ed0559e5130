import { fireEvent, render, screen } from '@testing-library/svelte';
import { tick } from 'svelte';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { setLanguage } from '../../lib/i18n/index.svelte';
import type { ApplicationStatus, StatusLookup } from '../../lib/ipc/bindings';
import { qrCamera } from '../../test/camera';
import { mockCommands, reject, type Call, type Handler } from '../../test/ipc';
import StatusResult from '../StatusResult.svelte';
import StatusScreen from '../StatusScreen.svelte';
import { KioskSession } from '../session.svelte';

const BASE: StatusLookup = {
  tracking_number: '26-000-00105-7',
  service_name: 'Surat Izin Praktik (SIP) Dokter / Dokter Gigi',
  status: 'diterima',
  submitted_on: '2026-11-02',
  updated_on: '2026-11-02',
  sla_working_days: 9,
  note: null,
  missing: [],
  step: null,
  history: [{ status: 'diterima', at: '2026-11-02T02:00:00Z', note: null, missing: [], step: null }],
  received_complete_at: null,
  due_date: null,
  working_days_left: null,
  late: false,
  source: 'hub',
  as_of: '2026-11-02T02:00:00Z',
};

const FIX: StatusLookup = {
  ...BASE,
  status: 'perlu_perbaikan',
  updated_on: '2026-11-04',
  note: 'STR sudah tidak berlaku; bawa STR yang baru.',
  missing: ['Surat Tanda Registrasi (STR)', 'Pas foto berwarna 4x6 latar merah'],
  history: [
    ...BASE.history,
    { status: 'verifikasi_berkas', at: '2026-11-03T01:15:00Z', note: null, missing: [], step: null },
    {
      status: 'perlu_perbaikan',
      // 23:30 UTC on the 3rd is 06:30 WIB on the 4th: the office's calendar counts.
      at: '2026-11-03T23:30:00Z',
      note: 'STR sudah tidak berlaku; bawa STR yang baru.',
      missing: ['Surat Tanda Registrasi (STR)', 'Pas foto berwarna 4x6 latar merah'],
      step: null,
    },
  ],
};

const PROCESSING: StatusLookup = {
  ...BASE,
  status: 'diproses',
  step: 'Pemeriksaan teknis oleh Dinas Kesehatan',
  history: [
    ...FIX.history,
    { status: 'verifikasi_berkas', at: '2026-11-06T02:00:00Z', note: null, missing: [], step: null },
    {
      status: 'diproses',
      at: '2026-11-07T03:00:00Z',
      note: null,
      missing: [],
      step: 'Pemeriksaan teknis oleh Dinas Kesehatan',
    },
  ],
};

const DONE: StatusLookup = {
  ...BASE,
  status: 'selesai',
  history: [...BASE.history, { status: 'selesai', at: '2026-11-10T07:00:00Z', note: null, missing: [], step: null }],
};

const REFUSED: StatusLookup = {
  ...BASE,
  status: 'ditolak',
  note: 'Lokasi praktik berada di luar Kota Metro.',
  history: [
    ...BASE.history,
    {
      status: 'ditolak',
      at: '2026-11-05T04:00:00Z',
      note: 'Lokasi praktik berada di luar Kota Metro.',
      missing: [],
      step: null,
    },
  ],
};

const text = (testid: string) => (screen.getByTestId(testid).textContent ?? '').trim();
const items = (testid: string) => screen.getAllByTestId(testid).map((e) => (e.textContent ?? '').trim());

describe('the result', () => {
  it('lists the documents to bring and the staff note for perlu_perbaikan', () => {
    render(StatusResult, { props: { result: FIX } });
    expect(text('status-label')).toBe('Perlu Perbaikan');
    expect(screen.getByTestId('status-missing').tagName).toBe('OL');
    expect(items('status-missing-item')).toEqual([
      'Surat Tanda Registrasi (STR)',
      'Pas foto berwarna 4x6 latar merah',
    ]);
    expect(text('status-result')).toContain('Dokumen yang perlu dibawa atau diperbaiki');
    expect(text('status-note')).toBe('Catatan petugas: STR sudah tidak berlaku; bawa STR yang baru.');
    expect(screen.queryByTestId('status-handover')).toBeNull();
  });

  it('names the step under way for diproses', () => {
    render(StatusResult, { props: { result: PROCESSING } });
    expect(text('status-label')).toBe('Sedang Diproses');
    expect(text('status-step')).toBe('Tahap sekarang: Pemeriksaan teknis oleh Dinas Kesehatan');
    expect(screen.queryByTestId('status-missing')).toBeNull();
    expect(screen.queryByTestId('status-note')).toBeNull();
  });

  it('says how the permit is handed over for selesai', () => {
    render(StatusResult, { props: { result: DONE } });
    expect(text('status-label')).toBe('Selesai');
    expect(text('status-handover')).toContain('Izin dapat diambil di loket pelayanan atau diunduh');
    expect(text('status-handover')).toContain('Cek Keaslian Izin');
  });

  it('gives the note as the reason for ditolak', () => {
    render(StatusResult, { props: { result: REFUSED } });
    expect(text('status-label')).toBe('Ditolak');
    expect(text('status-note')).toBe('Alasan: Lokasi praktik berada di luar Kota Metro.');
    expect(text('status-rejected-help')).toContain('loket pelayanan');
  });

  it('says "Selesai di tempat" rather than 0 working days', () => {
    render(StatusResult, { props: { result: { ...BASE, sla_working_days: 0 } } });
    expect(text('status-sla')).toBe('Selesai di tempat');
  });

  it('switches to English', async () => {
    render(StatusResult, { props: { result: FIX } });
    setLanguage('en');
    await tick();
    expect(text('status-label')).toBe('Needs Correction');
    expect(text('status-result')).toContain('Documents to bring or correct');
    expect(text('status-note')).toContain('Note from the staff');
  });
});

describe('the due date and where the answer comes from', () => {
  afterEach(() => vi.useRealTimers());

  const CHECKING: StatusLookup = {
    ...BASE,
    status: 'verifikasi_berkas',
    received_complete_at: '2026-11-03',
    due_date: '2026-11-16',
    working_days_left: 5,
  };

  it('gives the due date in long form and the working days left', () => {
    render(StatusResult, { props: { result: CHECKING } });
    const due = text('status-due');
    expect(due).toContain('Perkiraan selesai');
    expect(due).toContain('Senin, 16 November 2026');
    expect(due).toContain('Sisa 5 hari kerja');
    expect(due).not.toContain('Terlambat');
    expect(screen.queryByTestId('status-source')).toBeNull();
  });

  it('says how many working days late, calmly', async () => {
    render(StatusResult, { props: { result: { ...CHECKING, working_days_left: -3, late: true } } });
    expect(screen.getByTestId('status-due').dataset.late).toBe('true');
    expect(text('status-due')).toContain('Terlambat 3 hari kerja');
    expect(text('status-due')).toContain('Mohon maaf atas keterlambatan ini');
    setLanguage('en');
    await tick();
    expect(text('status-due')).toContain('Monday, 16 November 2026');
    expect(text('status-due')).toContain('3 working days late');
  });

  it('shows no due date once the application is closed, or when there is none', () => {
    const { unmount } = render(StatusResult, { props: { result: { ...CHECKING, ...DONE, due_date: '2026-11-16' } } });
    expect(screen.queryByTestId('status-due')).toBeNull();
    unmount();
    render(StatusResult, { props: { result: BASE } });
    expect(screen.queryByTestId('status-due')).toBeNull();
  });

  it('an application still in the kiosk queue is "belum terkirim" and will be sent by itself', () => {
    render(StatusResult, {
      props: {
        result: {
          ...BASE,
          status: 'belum_terkirim',
          source: 'local',
          history: [{ status: 'belum_terkirim', at: '2026-11-02T02:00:00Z', note: null, missing: [], step: null }],
        },
      },
    });
    expect(text('status-label')).toBe('Belum Terkirim');
    expect(text('status-explanation')).toContain('akan dikirim otomatis');
    const source = screen.getByTestId('status-source');
    expect(source.dataset.source).toBe('local');
    expect(source.textContent?.trim()).toBe('Belum terkirim ke kantor; akan dikirim otomatis.');
    expect(items('status-timeline-item')[0]).toContain('Belum Terkirim');
    expect(text('status-timeline-next')).toBe('Berikutnya: Diterima');
  });

  it('a cached answer says how old it is', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-11-29T10:00:00Z'));
    render(StatusResult, { props: { result: { ...CHECKING, source: 'cached', as_of: '2026-11-29T07:00:00Z' } } });
    const source = screen.getByTestId('status-source');
    expect(source.dataset.source).toBe('cached');
    expect(source.textContent?.trim()).toBe('Status terakhir yang diketahui, 3 jam lalu.');
    setLanguage('en');
    await tick();
    expect(text('status-source')).toBe('Last known status, 3 h ago.');
  });
});

describe('the timeline', () => {
  it('shows every change, oldest first, with office dates, the current one highlighted', () => {
    render(StatusResult, { props: { result: FIX } });
    const timeline = screen.getByTestId('status-timeline');
    expect(timeline.tagName).toBe('OL');
    const entries = screen.getAllByTestId('status-timeline-item');
    expect(entries.map((e) => e.dataset.status)).toEqual(['diterima', 'verifikasi_berkas', 'perlu_perbaikan']);
    expect(entries[0].textContent).toContain('Diterima');
    expect(entries[0].textContent).toContain('2 November 2026, pukul 09.00 WIB');
    expect(entries[1].textContent).toContain('3 November 2026, pukul 08.15 WIB');
    expect(entries[2].textContent).toContain('4 November 2026, pukul 06.30 WIB');
    expect(entries.map((e) => e.getAttribute('aria-current'))).toEqual([null, null, 'step']);
    expect(entries[2].classList.contains('current')).toBe(true);
    expect(entries[2].textContent).toContain('Sekarang');
    expect(text('status-timeline-next')).toBe('Berikutnya: Pemeriksaan Berkas');
  });

  it('keeps the notes of earlier steps', () => {
    render(StatusResult, { props: { result: PROCESSING } });
    const entries = screen.getAllByTestId('status-timeline-item');
    expect(entries).toHaveLength(5);
    expect(entries[2].textContent).toContain('Dokumen diminta: Surat Tanda Registrasi (STR), Pas foto');
    expect(entries[2].textContent).toContain('Catatan petugas: STR sudah tidak berlaku');
    expect(entries[4].getAttribute('aria-current')).toBe('step');
    expect(text('status-timeline-next')).toBe('Berikutnya: Selesai');
  });

  it('shows no next step once the application is closed', () => {
    render(StatusResult, { props: { result: DONE } });
    expect(screen.getAllByTestId('status-timeline-item')).toHaveLength(2);
    expect(screen.queryByTestId('status-timeline-next')).toBeNull();
  });

  it('names a status it does not know plainly, and hides an empty history', () => {
    const { unmount } = render(StatusResult, {
      props: {
        result: {
          ...BASE,
          // A status a newer hub may add, which this release's types do not name yet.
          history: [
            ...BASE.history,
            { status: 'diarsipkan' as ApplicationStatus, at: '2026-11-09T02:00:00Z', note: null, missing: [], step: null },
          ],
        },
      },
    });
    expect(items('status-timeline-item')[1]).toContain('Status diperbarui');
    unmount();
    render(StatusResult, { props: { result: { ...BASE, history: [] } } });
    expect(screen.queryByTestId('status-timeline')).toBeNull();
  });

  it('uses English time format', () => {
    setLanguage('en');
    render(StatusResult, { props: { result: FIX } });
    expect(screen.getAllByTestId('status-timeline-item')[2].textContent).toContain('4 November 2026, 06:30 WIB');
    expect(text('status-timeline-next')).toBe('Next: Checking documents');
  });
});

describe('the screen', () => {
  function renderScreen(lookup: StatusLookup = FIX) {
    const calls = mockCommands({ check_status: () => lookup });
    const session = new KioskSession();
    session.screen = 'status';
    render(StatusScreen, { props: { session, onBack: () => {} } });
    return { calls, session };
  }

  const input = () => screen.getByTestId('tracking-input') as HTMLInputElement;
  const type = (value: string) => fireEvent.input(input(), { target: { value } });
  const submit = () => fireEvent.click(screen.getByTestId('status-submit'));

  it('refuses a mistyped digit with its own message, without asking the hub', async () => {
    const { calls } = renderScreen();
    await type('26-000-00105-8');
    await submit();
    const error = screen.getByTestId('status-error');
    expect(error.getAttribute('role')).toBe('alert');
    expect(error.textContent).toContain('salah ketik');
    expect(error.textContent).toContain('angka terakhir tidak cocok');
    expect(calls.some((c) => c.cmd === 'check_status')).toBe(false);
  });

  it('catches two swapped digits too', async () => {
    const { calls } = renderScreen();
    await type('26-000-01005-7');
    await submit();
    expect(text('status-error')).toContain('salah ketik');
    expect(calls.some((c) => c.cmd === 'check_status')).toBe(false);
  });

  it('says the number has eleven digits when it is too short', async () => {
    const { calls } = renderScreen();
    await type('26-000-0010');
    await submit();
    expect(text('status-error')).toContain('11 angka');
    expect(text('status-error')).toContain('26-000-00105-7');
    expect(text('status-error')).not.toContain('salah ketik');
    expect(calls.some((c) => c.cmd === 'check_status')).toBe(false);
  });

  it('explains the check digit in English', async () => {
    renderScreen();
    setLanguage('en');
    await type('26-000-00105-8');
    await submit();
    expect(text('status-error')).toContain('A digit was mistyped');
  });

  it('asks the hub with the printed form, and clears the result when the number is edited', async () => {
    const { calls, session } = renderScreen();
    await type('26 000 00105 7');
    await submit();
    await screen.findByTestId('status-result');
    expect(calls.filter((c) => c.cmd === 'check_status').map((c) => c.args)).toEqual([
      { trackingNumber: '26-000-00105-7' },
    ]);
    expect(screen.getAllByTestId('status-missing-item')).toHaveLength(2);

    await fireEvent.click(screen.getByTestId('keypad-back'));
    expect(screen.queryByTestId('status-result')).toBeNull();
    expect(session.result).toBeNull();
  });

  it('takes a scanned or pasted status link and asks for the number at its end', async () => {
    const { calls } = renderScreen();
    await type('https://hub.dpmptsp.metrokota.go.id/t/26-000-00105-7');
    expect(input().value).toBe('26-000-00105-7');
    await submit();
    await screen.findByTestId('status-result');
    expect(calls.filter((c) => c.cmd === 'check_status').map((c) => c.args)).toEqual([
      { trackingNumber: '26-000-00105-7' },
    ]);
  });

  it('a link with a mistyped number still gets the check-digit message', async () => {
    const { calls } = renderScreen();
    await type('https://hub.dpmptsp.metrokota.go.id/t/26000001058');
    await submit();
    expect(text('status-error')).toContain('salah ketik');
    expect(calls.some((c) => c.cmd === 'check_status')).toBe(false);
  });

  it('clears the check-digit message as soon as the number is edited', async () => {
    renderScreen();
    await type('26-000-00105-8');
    await submit();
    expect(screen.getByTestId('status-error')).toBeTruthy();
    await fireEvent.click(screen.getByTestId('keypad-back'));
    expect(screen.queryByTestId('status-error')).toBeNull();
    await fireEvent.click(screen.getByTestId('keypad-7'));
    expect(input().value).toBe('26-000-00105-7');
  });
});

describe("scanning the receipt's QR", () => {
  afterEach(() => vi.unstubAllGlobals());

  const LINK = 'https://hub.dpmptsp.metrokota.go.id/t/26-000-00105-7';

  async function openCamera(handlers: Record<string, Handler> = {}, start?: Handler) {
    const camera = qrCamera(start);
    const calls = mockCommands({ check_status: () => FIX, ...camera.handlers, ...handlers });
    const session = new KioskSession();
    session.screen = 'status';
    const view = render(StatusScreen, { props: { session, onBack: () => {} } });
    expect(text('status-scan')).toBe('Pindai QR bukti pendaftaran');
    await fireEvent.click(screen.getByTestId('status-scan'));
    return { calls, session, view, ...camera };
  }

  const scanning = () =>
    vi.waitFor(() => expect(screen.getByTestId('status-camera').dataset.phase).toBe('scanning'));
  const count = (calls: Call[], cmd: string) => calls.filter((c) => c.cmd === cmd).length;
  const lookups = (calls: Call[]) => calls.filter((c) => c.cmd === 'check_status').map((c) => c.args);

  it('shows the camera; the receipt QR is looked up like a typed number and the camera goes off', async () => {
    const { calls, push } = await openCamera();
    expect(screen.getByTestId('status-camera').textContent).toContain('Arahkan kode QR pada bukti pendaftaran');
    expect(screen.getByTestId('status-preview')).toBeTruthy();
    await scanning();
    expect(count(calls, 'qr_scan_start')).toBe(1);
    expect(count(calls, 'verify_start')).toBe(0);

    await push({ type: 'read', text: LINK });
    // The link goes to the core whole: it knows whether the receipt is this office's.
    await screen.findByTestId('status-result');
    expect(lookups(calls)).toEqual([{ trackingNumber: LINK }]);
    expect((screen.getByTestId('tracking-input') as HTMLInputElement).value).toBe('26-000-00105-7');
    expect(screen.queryByTestId('status-camera')).toBeNull();
    expect(count(calls, 'verify_stop')).toBe(1);
    expect(screen.getByTestId('status-scan')).toBeTruthy();
  });

  it('takes the bare number of a receipt from a kiosk never enrolled', async () => {
    const { calls, push } = await openCamera();
    await scanning();
    await push({ type: 'read', text: ' 26000001057 ' });
    await screen.findByTestId('status-result');
    expect(lookups(calls)).toEqual([{ trackingNumber: '26-000-00105-7' }]);
  });

  it.each([
    ['a web address', 'https://www.metrokota.go.id/'],
    ['an e-SKM code', 'ANJUNGAN-SKM:4821093757'],
    ['a permit', 'https://hub.dpmptsp.metrokota.go.id/v/503-0123-PBG-2026'],
    ['a mistyped number', 'https://hub.dpmptsp.metrokota.go.id/t/26-000-00105-8'],
    ['3 KB of garbage', 'x/t/'.repeat(768)],
  ])('refuses %s calmly and reads again', async (_what, qr) => {
    const { calls, push } = await openCamera();
    await scanning();
    await push({ type: 'read', text: qr });
    const refused = screen.getByTestId('status-scan-refused');
    expect(refused.textContent).toContain('QR ini bukan bukti pendaftaran');
    expect(refused.getAttribute('role')).toBe('alert');
    await vi.waitFor(() => expect(count(calls, 'verify_resume')).toBe(1));
    expect(lookups(calls)).toEqual([]);
    expect(screen.getByTestId('status-camera').dataset.phase).toBe('scanning');
    expect(count(calls, 'verify_stop')).toBe(0);

    // The next QR is the receipt's.
    await push({ type: 'read', text: LINK });
    await screen.findByTestId('status-result');
    expect(screen.queryByTestId('status-scan-refused')).toBeNull();
  });

  it('says the refusal in English', async () => {
    const { push } = await openCamera();
    await scanning();
    setLanguage('en');
    await push({ type: 'read', text: 'hello' });
    expect(text('status-scan-refused')).toContain('This QR is not from a registration receipt');
    expect(text('status-scan-close')).toBe('Close the camera');
  });

  it("another office's receipt gets the usual message for a number that is not right", async () => {
    const other = 'https://dpmptsp.kotalain.go.id/t/26-000-00105-7';
    const { calls, push } = await openCamera({ check_status: () => reject('invalid_input', 'not from this office') });
    await scanning();
    await push({ type: 'read', text: other });
    await vi.waitFor(() => expect(text('status-error')).toContain('Nomor yang dimasukkan belum benar'));
    expect(lookups(calls)).toEqual([{ trackingNumber: other }]);
    expect(screen.queryByTestId('status-camera')).toBeNull();
  });

  it('"Tutup kamera" and leaving the screen turn the camera off', async () => {
    const { calls, view } = await openCamera();
    await scanning();
    await fireEvent.click(screen.getByTestId('status-scan-close'));
    expect(screen.queryByTestId('status-camera')).toBeNull();
    expect(count(calls, 'verify_stop')).toBe(1);

    await fireEvent.click(screen.getByTestId('status-scan'));
    await scanning();
    expect(count(calls, 'qr_scan_start')).toBe(2);
    view.unmount();
    expect(count(calls, 'verify_stop')).toBe(2);
  });

  it('typing a number and pressing "Cek" while the camera is on turns it off', async () => {
    const { calls } = await openCamera();
    await scanning();
    await fireEvent.input(screen.getByTestId('tracking-input'), { target: { value: '26-000-00105-7' } });
    await fireEvent.click(screen.getByTestId('status-submit'));
    await screen.findByTestId('status-result');
    expect(screen.queryByTestId('status-camera')).toBeNull();
    expect(count(calls, 'verify_stop')).toBe(1);
  });

  it('without a camera, says so and points to the keypad', async () => {
    await openCamera({}, () => reject('camera_unavailable'));
    const message = await screen.findByTestId('status-camera-unavailable');
    expect(message.textContent).toContain('Kamera tidak tersedia');
    expect(message.textContent).toContain('tombol angka');
    await fireEvent.click(screen.getByTestId('status-scan-close'));
    expect(screen.queryByTestId('status-camera')).toBeNull();
  });

  it('a lost camera can be started again', async () => {
    const { calls, push } = await openCamera();
    await scanning();
    await push({ type: 'camera_lost' });
    expect(text('status-camera-lost')).toContain('Kamera berhenti');
    await fireEvent.click(screen.getByTestId('status-camera-restart'));
    await scanning();
    expect(calls.map((c) => c.cmd).filter((c) => c !== 'check_status')).toEqual([
      'qr_scan_start',
      'verify_stop',
      'qr_scan_start',
    ]);
  });
});
