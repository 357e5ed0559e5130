import type { Channel } from '@tauri-apps/api/core';
import { mockConvertFileSrc } from '@tauri-apps/api/mocks';
import { fireEvent, render, screen } from '@testing-library/svelte';
import { tick } from 'svelte';
import { afterEach, describe, expect, it, vi } from 'vitest';
import KioskApp from '../KioskApp.svelte';
import type { CameraInfo, PermitCheck, VerifyEvent } from '../lib/ipc/bindings';
import { APP_INFO, ASLI, mockCommands, reject, type Handler } from '../test/ipc';

const CAMERA: CameraInfo = { source: 'replay', width: 1280, height: 720 };

const DICABUT: PermitCheck = {
  ...ASLI,
  verdict: 'DICABUT',
  valid_until: '2031-03-14',
  revocation_reason: 'Bangunan tidak sesuai rencana teknis',
};

type Started = { events: Channel<VerifyEvent> };

/** Where the kiosk asks for previews: `convertFileSrc('frame', 'preview')` on Linux. */
const PREVIEW_URL = 'preview://localhost/frame';

/** A preview as the backend serves it: a 16-byte header, then grey pixels. */
function previewFrame(width: number, height: number, capturedMs: number): ArrayBuffer {
  const buffer = new ArrayBuffer(16 + width * height);
  const view = new DataView(buffer);
  view.setUint32(0, width, true);
  view.setUint32(4, height, true);
  view.setFloat64(8, capturedMs, true);
  return buffer;
}

/**
 * The `preview:` scheme as the backend serves it, on a stubbed global fetch: the
 * newest frame if it is newer than `after`, else the request waits (up to 1 s,
 * then 204) for one to be published.
 */
function previewScheme() {
  const requests: string[] = [];
  let latest: { capturedMs: number; bytes: ArrayBuffer } | null = null;
  let waiting: { after: number; answer: (response: Response) => void; timer: ReturnType<typeof setTimeout> }[] = [];
  const respond = (status: number, bytes = new ArrayBuffer(0)) =>
    ({ status, arrayBuffer: async () => bytes }) as Response;
  const fetch = vi.fn((input: string | URL | Request) => {
    const url = new URL(String(input));
    requests.push(String(input));
    if (`${url.protocol}//${url.host}${url.pathname}` !== PREVIEW_URL) return Promise.resolve(respond(404));
    const after = Number(url.searchParams.get('after') ?? 0);
    if (latest !== null && latest.capturedMs > after) return Promise.resolve(respond(200, latest.bytes));
    return new Promise<Response>((answer) => {
      const entry = {
        after,
        answer,
        timer: setTimeout(() => {
          waiting = waiting.filter((w) => w !== entry);
          answer(respond(204));
        }, 1000),
      };
      waiting.push(entry);
    });
  });
  vi.stubGlobal('fetch', fetch);
  return {
    requests,
    /** The camera captured a frame: answer the requests waiting for a newer one. */
    publish(bytes: ArrayBuffer) {
      const capturedMs = new DataView(bytes).getFloat64(8, true);
      latest = { capturedMs, bytes };
      const ready = waiting.filter((w) => capturedMs > w.after);
      waiting = waiting.filter((w) => capturedMs <= w.after);
      for (const w of ready) {
        clearTimeout(w.timer);
        w.answer(respond(200, bytes));
      }
    },
    /** Answers whatever still waits, so nothing outlives the test. */
    close() {
      for (const w of waiting) {
        clearTimeout(w.timer);
        w.answer(respond(204));
      }
      waiting = [];
    },
  };
}

let scheme: ReturnType<typeof previewScheme> | null = null;

afterEach(() => {
  scheme?.close();
  scheme = null;
  vi.unstubAllGlobals();
});

const text = (testid: string) => (screen.getByTestId(testid).textContent ?? '').trim();
const phase = () => screen.getByTestId('verify-screen').dataset.phase;

/** Opens the verify screen from the home tile with the camera commands mocked. */
async function openVerify(handlers: Record<string, Handler> = {}) {
  const started: Started[] = [];
  const calls = mockCommands({
    app_info: () => APP_INFO,
    verify_start: (_cmd, args) => {
      started.push(args as Started);
      return CAMERA;
    },
    verify_resume: () => null,
    verify_stop: () => null,
    qr_svg: () => '<svg xmlns="http://www.w3.org/2000/svg"/>',
    ...handlers,
  });
  mockConvertFileSrc('linux');
  scheme = previewScheme();
  const preview = scheme;
  render(KioskApp);
  await screen.findByTestId('home-title');
  await fireEvent.click(screen.getByTestId('tile-verify'));
  /** Sends an event on the newest events channel, as the backend would. */
  const push = async (event: VerifyEvent) => {
    started.at(-1)!.events.onmessage(event);
    await tick();
  };
  return { calls, started, push, preview };
}

async function scanning() {
  await vi.waitFor(() => expect(phase()).toBe('scanning'));
}

const count = (calls: { cmd: string }[], cmd: string) => calls.filter((c) => c.cmd === cmd).length;

describe('verify screen', () => {
  it('starts the camera with an events channel, pulls previews from the scheme, shows the scanning guide', async () => {
    const { calls, started, preview } = await openVerify();
    expect(screen.getByTestId('verify-screen')).toBeTruthy();
    await scanning();
    expect(count(calls, 'verify_start')).toBe(1);
    expect(started).toHaveLength(1);
    expect(Object.keys(started[0])).toEqual(['events']);
    expect(typeof started[0].events.onmessage).toBe('function');
    // One request, held until a frame exists.
    expect(preview.requests).toEqual([`${PREVIEW_URL}?after=0`]);
    expect(text('verify-instruction')).toBe('Arahkan kode QR pada izin ke kamera, di dalam kotak.');
    expect(screen.getByTestId('verify-guide')).toBeTruthy();
    const canvas = screen.getByTestId('verify-preview');
    expect(canvas.dataset.frames).toBe('0');
    expect(canvas.dataset.fps).toBe('0');
    expect(canvas.dataset.latencyP50).toBe('0');
    expect(canvas.dataset.latencyP95).toBe('0');
    expect(screen.getByTestId('verify-screen').dataset.cameraSource).toBe('replay');
    expect(screen.queryByTestId('verify-hint')).toBeNull();
  });

  it('says the camera is starting until verifyStart answers', async () => {
    let answer: (info: CameraInfo) => void = () => {};
    await openVerify({ verify_start: () => new Promise<CameraInfo>((resolve) => (answer = resolve)) });
    expect(phase()).toBe('starting');
    expect(text('verify-starting')).toContain('Menyalakan kamera');
    answer(CAMERA);
    await scanning();
    expect(screen.queryByTestId('verify-starting')).toBeNull();
  });

  it('shows an ASLI verdict with colour, icon, word, the permit data and the legal note', async () => {
    const { push } = await openVerify();
    await scanning();
    await push({ type: 'verdict', check: ASLI });
    const verdict = document.querySelector('[data-verdict]') as HTMLElement;
    expect(verdict.dataset.verdict).toBe('ASLI');
    expect(verdict.classList.contains('ok')).toBe(true);
    expect(verdict.querySelector('svg')).not.toBeNull();
    expect(text('verdict-label')).toBe('ASLI');
    expect(text('verdict-explanation')).toBe('Izin ini terdaftar dan berlaku.');
    expect(text('verdict-number')).toBe('503/0123/PBG/2026');
    expect(text('verdict-type')).toBe('Persetujuan Bangunan Gedung');
    expect(text('verdict-holder')).toBe('Siti Rahmawati');
    expect(text('verdict-issued')).toBe('14 Maret 2026');
    expect(text('verdict-valid-until')).toBe('Tidak dibatasi');
    expect(text('verdict-panel')).toContain('Cocokkan data ini dengan izin yang Anda pegang');
    expect(text('verdict-legal')).toBe(
      'Data izin ini cocok dengan catatan DPMPTSP Kota Metro. Kekuatan hukum izin berasal dari tanda tangan elektronik tersertifikasi pada dokumen PDF aslinya.',
    );
    expect(text('verdict-freshness')).toBe('Daftar izin diperbarui 5 menit lalu.');
    expect(phase()).toBe('verdict');
    // The preview is hidden while the verdict is shown.
    expect(screen.getByTestId('verify-preview').closest('.scan')!.classList.contains('gone')).toBe(true);

    await fireEvent.click(screen.getByTestId('lang-switch'));
    expect(text('verdict-label')).toBe('AUTHENTIC');
    expect(text('verdict-freshness')).toBe('Permit list updated 5 min ago.');
  });

  it('"Periksa izin lain" resumes decoding and hides the verdict', async () => {
    const { calls, push } = await openVerify();
    await scanning();
    await push({ type: 'verdict', check: ASLI });
    expect(text('verify-again')).toContain('Periksa izin lain');
    await fireEvent.click(screen.getByTestId('verify-again'));
    expect(count(calls, 'verify_resume')).toBe(1);
    expect(document.querySelector('[data-verdict]')).toBeNull();
    expect(screen.queryByText('Siti Rahmawati')).toBeNull();
    expect(phase()).toBe('scanning');
    expect(count(calls, 'verify_start')).toBe(1);
  });

  it('DICABUT shows the reason for revocation', async () => {
    const { push } = await openVerify();
    await scanning();
    await push({ type: 'verdict', check: DICABUT });
    const verdict = document.querySelector('[data-verdict]') as HTMLElement;
    expect(verdict.dataset.verdict).toBe('DICABUT');
    expect(verdict.classList.contains('bad')).toBe(true);
    expect(text('verdict-label')).toBe('DICABUT');
    expect(text('verdict-reason')).toBe('Alasan pencabutan: Bangunan tidak sesuai rencana teknis');
    expect(text('verdict-valid-until')).toBe('14 Maret 2031');
    // The legal note does not call a revoked permit valid.
    expect(text('verdict-legal')).toContain('tanda tangan elektronik tersertifikasi di dalam PDF');
    expect(text('verdict-legal')).not.toContain('Izin ini sah');
  });

  it.each<[string, PermitCheck, string]>([
    ['KEDALUWARSA', { ...ASLI, verdict: 'KEDALUWARSA', valid_until: '2025-01-31' }, 'masa berlakunya sudah habis'],
    [
      'TIDAK DIKENAL',
      { ...ASLI, verdict: 'TIDAK_DIKENAL', permit_number: null, holder: null },
      'bukan izin dari DPMPTSP Kota Metro, atau kodenya telah diubah',
    ],
    [
      'TIDAK DIKENAL',
      { ...ASLI, verdict: 'TIDAK_DIKENAL', other_office: true, source: 'online' },
      'periksakan ke instansi yang menerbitkan',
    ],
    ['PERLU DIPERIKSA ONLINE', { ...ASLI, verdict: 'PERLU_ONLINE', source: 'offline' }, 'sedang tidak terhubung'],
    [
      'BELUM BISA DIPERIKSA',
      { ...ASLI, verdict: 'BELUM_BISA_OFFLINE', lists_age_s: null, lists_fetched_at: null },
      'daftar izin belum diterima dari server',
    ],
    [
      'PERIKSA DI SITUS PENERBIT',
      {
        ...ASLI,
        verdict: 'PERIKSA_DI_PENERBIT',
        permit_number: null,
        holder: null,
        source: 'online',
        points_to: { name: 'SiCantik', host: 'sicantik.go.id', url: 'https://sicantik.go.id/verifikasi/B2' },
      },
      'mengarah ke SiCantik (sicantik.go.id)',
    ],
    [
      'BELUM BISA DIPASTIKAN',
      { ...ASLI, verdict: 'DAFTAR_TERLALU_LAMA', lists_age_s: 45 * 86_400, lists_max_age_days: 30 },
      'terakhir diperbarui 45 hari lalu, lebih lama dari batas 30 hari',
    ],
  ])('%# shows %s', async (label, check, explanation) => {
    const { push } = await openVerify();
    await scanning();
    await push({ type: 'verdict', check });
    expect((document.querySelector('[data-verdict]') as HTMLElement).dataset.verdict).toBe(check.verdict);
    expect(text('verdict-label')).toBe(label);
    expect(text('verdict-explanation')).toContain(explanation);
    if (check.points_to) {
      // Where it points, as a QR for a phone; the address is shown, never opened.
      await vi.waitFor(() => expect(screen.getByTestId('verdict-elsewhere-qr')).toBeTruthy());
      expect(text('verdict-elsewhere-url')).toBe(check.points_to.url);
      expect(screen.queryByTestId('verdict-fields')).toBeNull();
    }
    if (check.verdict === 'TIDAK_DIKENAL' || check.verdict === 'PERLU_ONLINE') {
      // No data from an unknown code and no legal note.
      expect(screen.queryByTestId('verdict-fields')).toBeNull();
      expect(screen.queryByTestId('verdict-legal')).toBeNull();
    }
    if (check.source === 'online') expect(text('verdict-freshness')).toBe('Diperiksa langsung ke server kantor.');
  });

  it('camera_unavailable shows a clear message and the way back', async () => {
    const { calls } = await openVerify({ verify_start: () => reject('camera_unavailable') });
    const message = await screen.findByTestId('verify-camera-unavailable');
    expect(message.textContent).toContain('Kamera tidak tersedia');
    expect(message.textContent).toContain('minta bantuan petugas');
    expect(screen.queryByTestId('verify-preview')?.closest('.scan')?.classList.contains('gone')).toBe(true);
    await fireEvent.click(screen.getByTestId('verify-unavailable-back'));
    expect(screen.getByTestId('home-title')).toBeTruthy();
    expect(count(calls, 'verify_stop')).toBe(1);
  });

  it('other start errors use the translated error message, and retry restarts', async () => {
    let fail = true;
    const { calls } = await openVerify({
      verify_start: () => (fail ? reject('internal', 'device busy') : CAMERA),
    });
    const error = await screen.findByTestId('verify-error');
    expect(error.textContent).toContain('Maaf, sedang ada gangguan');
    expect(error.textContent).not.toContain('device busy');
    fail = false;
    await fireEvent.click(screen.getByTestId('verify-retry'));
    await scanning();
    expect(count(calls, 'verify_start')).toBe(2);
  });

  it('a failed check shows its message; "Coba lagi" resumes', async () => {
    const { calls, push } = await openVerify();
    await scanning();
    await push({ type: 'failed', error: { code: 'hub_unreachable', message: 'timeout' } });
    expect(text('verify-error')).toContain('Server kantor sedang tidak dapat dihubungi');
    await fireEvent.click(screen.getByTestId('verify-retry'));
    expect(count(calls, 'verify_resume')).toBe(1);
    expect(phase()).toBe('scanning');
  });

  it('camera_lost offers to start the camera again (stop, then start)', async () => {
    const { calls, started, push } = await openVerify();
    await scanning();
    await push({ type: 'camera_lost' });
    expect(text('verify-camera-lost')).toContain('Kamera berhenti');
    await fireEvent.click(screen.getByTestId('verify-restart'));
    await scanning();
    const order = calls.map((c) => c.cmd).filter((c) => c.startsWith('verify_'));
    expect(order).toEqual(['verify_start', 'verify_stop', 'verify_start']);
    expect(started).toHaveLength(2);
    // Late messages on the old channel are ignored.
    started[0].events.onmessage({ type: 'verdict', check: ASLI });
    await tick();
    expect(document.querySelector('[data-verdict]')).toBeNull();
  });

  it('leaving stops the camera and forgets the holder', async () => {
    const { calls, push } = await openVerify();
    await scanning();
    await push({ type: 'verdict', check: ASLI });
    expect(screen.getByText('Siti Rahmawati')).toBeTruthy();
    await fireEvent.click(screen.getByTestId('back-home'));
    expect(screen.getByTestId('home-title')).toBeTruthy();
    expect(count(calls, 'verify_stop')).toBe(1);
    expect(screen.queryByText('Siti Rahmawati')).toBeNull();
    expect(sessionStorage.length).toBe(0);
    expect(localStorage.length).toBe(0);

    await fireEvent.click(screen.getByTestId('tile-verify'));
    await scanning();
    expect(document.querySelector('[data-verdict]')).toBeNull();
  });

  it('stops the camera when it was still starting at unmount', async () => {
    let answer: (info: CameraInfo) => void = () => {};
    const { calls } = await openVerify({ verify_start: () => new Promise<CameraInfo>((resolve) => (answer = resolve)) });
    await fireEvent.click(screen.getByTestId('back-home'));
    expect(count(calls, 'verify_stop')).toBe(1);
    answer(CAMERA);
    await vi.waitFor(() => expect(count(calls, 'verify_stop')).toBe(2));
  });

  it('the idle wipe stops the camera', async () => {
    vi.useFakeTimers();
    const { calls, push } = await openVerify();
    await vi.advanceTimersByTimeAsync(0);
    await push({ type: 'verdict', check: ASLI });
    await vi.advanceTimersByTimeAsync(91_000);
    expect(screen.queryByTestId('verify-screen')).toBeNull();
    expect(count(calls, 'verify_stop')).toBe(1);
    expect(screen.queryByText('Siti Rahmawati')).toBeNull();
  });

  it('shows tips after 8 s without a verdict, and again after "Periksa izin lain"', async () => {
    vi.useFakeTimers();
    const { push } = await openVerify();
    await vi.advanceTimersByTimeAsync(0);
    expect(phase()).toBe('scanning');
    await vi.advanceTimersByTimeAsync(7_900);
    expect(screen.queryByTestId('verify-hint')).toBeNull();
    await vi.advanceTimersByTimeAsync(200);
    const hint = screen.getByTestId('verify-hint');
    expect(hint.textContent).toContain('Dekatkan kertas');
    expect(hint.textContent).toContain('cukup terang');
    expect(hint.textContent).toContain('di dalam kotak');

    await push({ type: 'verdict', check: ASLI });
    expect(screen.queryByTestId('verify-hint')).toBeNull();
    await vi.advanceTimersByTimeAsync(5_000);
    await fireEvent.click(screen.getByTestId('verify-again'));
    await vi.advanceTimersByTimeAsync(7_900);
    expect(screen.queryByTestId('verify-hint')).toBeNull();
    await vi.advanceTimersByTimeAsync(200);
    expect(screen.getByTestId('verify-hint')).toBeTruthy();
  });

  it('draws preview frames pulled from the preview scheme, and stops pulling on unmount', async () => {
    const { preview, push } = await openVerify();
    await scanning();
    const canvas = screen.getByTestId('verify-preview') as HTMLCanvasElement;
    const putImageData = vi.fn();
    const context = {
      createImageData: (w: number, h: number) => ({ width: w, height: h, data: new Uint8ClampedArray(w * h * 4) }),
      putImageData,
    };
    // jsdom has no canvas; this one has just enough of a 2D context.
    Object.defineProperty(canvas, 'getContext', { value: () => context });

    const first = Date.now() - 40;
    preview.publish(previewFrame(2, 2, first));
    await vi.waitFor(() => expect(canvas.dataset.frames).toBe('1'));
    expect(putImageData).toHaveBeenCalledTimes(1);
    expect(canvas.width).toBe(2);
    expect(Number(canvas.dataset.latencyP50)).toBeGreaterThanOrEqual(40);
    // The next request asks for a frame newer than the one drawn.
    await vi.waitFor(() => expect(preview.requests.at(-1)).toBe(`${PREVIEW_URL}?after=${first}`));

    const second = first + 33.5;
    preview.publish(previewFrame(4, 2, second));
    await vi.waitFor(() => expect(canvas.dataset.frames).toBe('2'));
    expect(canvas.width).toBe(4);
    await vi.waitFor(() => expect(preview.requests.at(-1)).toBe(`${PREVIEW_URL}?after=${second}`));

    // While a verdict is on screen, previews are not drawn.
    await push({ type: 'verdict', check: ASLI });
    preview.publish(previewFrame(4, 2, second + 33));
    await vi.waitFor(() => expect(preview.requests.at(-1)).toBe(`${PREVIEW_URL}?after=${second + 33}`));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(canvas.dataset.frames).toBe('2');

    // Leaving stops the pulling: the request under way is the last one.
    await fireEvent.click(screen.getByTestId('back-home'));
    expect(screen.getByTestId('home-title')).toBeTruthy();
    const asked = preview.requests.length;
    preview.publish(previewFrame(4, 2, second + 66));
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(preview.requests).toHaveLength(asked);
    expect(putImageData).toHaveBeenCalledTimes(2);
  });
});
