import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  greyToRgba,
  parsePreviewFrame,
  percentile,
  PreviewPuller,
  PreviewRenderer,
  PreviewStats,
  schemeFetcher,
  type PreviewCanvas,
  type PreviewMessage,
  type PreviewPainter,
} from './preview';

/** A preview message as the backend sends it. */
function frame(width: number, height: number, capturedMs: number, grey: (i: number) => number = (i) => i): ArrayBuffer {
  const buffer = new ArrayBuffer(16 + width * height);
  const view = new DataView(buffer);
  view.setUint32(0, width, true);
  view.setUint32(4, height, true);
  view.setFloat64(8, capturedMs, true);
  const bytes = new Uint8Array(buffer, 16);
  for (let i = 0; i < bytes.length; i++) bytes[i] = grey(i) & 0xff;
  return buffer;
}

describe('parsePreviewFrame', () => {
  it('reads the little-endian header and the grey bytes', () => {
    const parsed = parsePreviewFrame(frame(3, 2, 1_764_400_000_123.5, (i) => i * 10));
    expect(parsed).not.toBeNull();
    expect(parsed!.width).toBe(3);
    expect(parsed!.height).toBe(2);
    expect(parsed!.capturedMs).toBe(1_764_400_000_123.5);
    expect([...parsed!.grey]).toEqual([0, 10, 20, 30, 40, 50]);
  });

  it('accepts typed-array views and plain arrays', () => {
    const buffer = frame(2, 1, 5);
    const padded = new Uint8Array(buffer.byteLength + 4);
    padded.set(new Uint8Array(buffer), 4);
    expect(parsePreviewFrame(padded.subarray(4))?.width).toBe(2);
    expect(parsePreviewFrame([...new Uint8Array(buffer)])?.capturedMs).toBe(5);
  });

  it('refuses short, empty or truncated messages', () => {
    expect(parsePreviewFrame(new ArrayBuffer(8))).toBeNull();
    expect(parsePreviewFrame(frame(0, 4, 0))).toBeNull();
    expect(parsePreviewFrame(frame(4, 4, 0).slice(0, 16 + 15))).toBeNull();
  });
});

describe('greyToRgba', () => {
  it('writes opaque grey RGBA pixels', () => {
    const rgba = new Uint8ClampedArray(3 * 4);
    greyToRgba(Uint8Array.from([0, 128, 255]), new Uint32Array(rgba.buffer));
    expect([...rgba]).toEqual([0, 0, 0, 255, 128, 128, 128, 255, 255, 255, 255, 255]);
  });

  it('stops at the shorter buffer', () => {
    const out = new Uint32Array(2);
    greyToRgba(Uint8Array.from([1, 2, 3]), out);
    expect(new Uint8Array(out.buffer)[4]).toBe(2);
  });
});

describe('PreviewStats', () => {
  it('nearest-rank percentiles', () => {
    const values = Array.from({ length: 100 }, (_, i) => 100 - i);
    expect(percentile(values, 50)).toBe(50);
    expect(percentile(values, 95)).toBe(95);
    expect(percentile([7], 95)).toBe(7);
    expect(percentile([], 50)).toBeNull();
  });

  it('measures fps over the last 2 s', () => {
    const stats = new PreviewStats();
    expect(stats.fps(0)).toBe(0);
    // 30 fps for 3 s: frames every 33⅓ ms.
    for (let i = 0; i <= 90; i++) stats.record(10_000 + (i * 1000) / 30, 0);
    expect(stats.frames).toBe(91);
    expect(stats.fps(13_000)).toBeCloseTo(30, 5);
    // Then 10 fps for 2 s.
    for (let i = 1; i <= 20; i++) stats.record(13_000 + i * 100, 0);
    expect(stats.fps(15_000)).toBeCloseTo(10, 5);
  });

  it('keeps latency of the last 100 frames', () => {
    const stats = new PreviewStats();
    // 50 old frames with huge latency, then 100 with 1…100 ms.
    for (let i = 0; i < 50; i++) stats.record(i, i - 5_000);
    for (let i = 1; i <= 100; i++) stats.record(1_000 + i, 1_000);
    expect(stats.latency(50)).toBe(50);
    expect(stats.latency(95)).toBe(95);
    expect(stats.snapshot(1_100)).toEqual({ frames: 150, fps: 135, latencyP50: 50, latencyP95: 95 });
  });

  it('rounds the snapshot and reports 0 before any frame', () => {
    const stats = new PreviewStats();
    expect(stats.snapshot(0)).toEqual({ frames: 0, fps: 0, latencyP50: 0, latencyP95: 0 });
    stats.record(1_000, 987.6);
    stats.record(1_070, 1_050.2);
    expect(stats.snapshot(1_070)).toEqual({ frames: 2, fps: 14, latencyP50: 12, latencyP95: 20 });
  });
});

describe('PreviewRenderer', () => {
  function setup() {
    const created: [number, number][] = [];
    const drawn: Uint8ClampedArray[] = [];
    const painter: PreviewPainter = {
      createImageData(width, height) {
        created.push([width, height]);
        return { width, height, data: new Uint8ClampedArray(width * height * 4), colorSpace: 'srgb' } as ImageData;
      },
      putImageData(image) {
        drawn.push(Uint8ClampedArray.from(image.data));
      },
    };
    const canvas: PreviewCanvas = { width: 300, height: 150, dataset: {}, getContext: () => painter };
    const queued: (() => void)[] = [];
    let clock = 1_000_000;
    const renderer = new PreviewRenderer(canvas, {
      now: () => clock,
      requestFrame: (draw) => queued.push(draw),
      cancelFrame: () => queued.splice(0),
    });
    const animationFrame = () => queued.splice(0).forEach((draw) => draw());
    const setClock = (ms: number) => (clock = ms);
    return { canvas, renderer, created, drawn, queued, animationFrame, setClock };
  }

  it('publishes zeros before the first frame', () => {
    const { canvas } = setup();
    expect(canvas.dataset).toEqual({ frames: '0', fps: '0', latencyP50: '0', latencyP95: '0', dropped: '0' });
  });

  it('draws only the newest frame once per animation frame', () => {
    const { canvas, renderer, drawn, queued, animationFrame, setClock } = setup();
    expect(renderer.push(frame(2, 1, 999_000, () => 10))).toBe(true);
    expect(renderer.push(frame(2, 1, 999_950, () => 200))).toBe(true);
    expect(queued).toHaveLength(1);
    expect(drawn).toHaveLength(0);
    setClock(1_000_000);
    animationFrame();
    expect(drawn).toHaveLength(1);
    expect([...drawn[0]]).toEqual([200, 200, 200, 255, 200, 200, 200, 255]);
    expect(canvas.width).toBe(2);
    expect(canvas.height).toBe(1);
    expect(canvas.dataset.frames).toBe('1');
    expect(canvas.dataset.latencyP50).toBe('50');
    expect(canvas.dataset.dropped).toBe('1');
    // Nothing waiting: the next animation frame draws nothing.
    animationFrame();
    expect(drawn).toHaveLength(1);
  });

  it('reuses the ImageData until the size changes', () => {
    const { renderer, created, animationFrame } = setup();
    for (let i = 0; i < 3; i++) {
      renderer.push(frame(4, 3, 0));
      animationFrame();
    }
    renderer.push(frame(2, 2, 0));
    animationFrame();
    expect(created).toEqual([
      [4, 3],
      [2, 2],
    ]);
  });

  it('measures fps and latency as it draws', () => {
    const { canvas, renderer, animationFrame, setClock } = setup();
    for (let i = 0; i < 61; i++) {
      const now = 2_000_000 + i * 40; // 25 fps
      renderer.push(frame(1, 1, now - (i % 2 === 0 ? 30 : 60)));
      setClock(now);
      animationFrame();
    }
    expect(canvas.dataset.frames).toBe('61');
    expect(canvas.dataset.fps).toBe('25');
    expect(canvas.dataset.latencyP50).toBe('30');
    expect(canvas.dataset.latencyP95).toBe('60');
  });

  it('ignores junk, and everything after destroy', () => {
    const { renderer, drawn, queued, animationFrame } = setup();
    expect(renderer.push(new ArrayBuffer(3))).toBe(false);
    expect(queued).toHaveLength(0);
    renderer.push(frame(1, 1, 0));
    renderer.destroy();
    animationFrame();
    expect(renderer.push(frame(1, 1, 0))).toBe(false);
    expect(drawn).toHaveLength(0);
  });

  it('survives a canvas without a 2D context', () => {
    const canvas: PreviewCanvas = { width: 0, height: 0, dataset: {}, getContext: () => null };
    const renderer = new PreviewRenderer(canvas, { requestFrame: (draw) => (draw(), 1) });
    expect(renderer.push(frame(1, 1, 0))).toBe(true);
    expect(canvas.dataset.frames).toBe('0');
  });
});

/** A promise and the functions that settle it. */
function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (reason: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** Lets every pending promise callback run. */
const settle = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

describe('PreviewPuller', () => {
  /** A puller whose fetches, animation frames and error pauses the test settles by hand. */
  function setup() {
    const fetches: { after: number; answer: ReturnType<typeof deferred<ArrayBuffer | null>> }[] = [];
    const frames: ReturnType<typeof deferred<void>>[] = [];
    const pauses: ReturnType<typeof deferred<void>>[] = [];
    const pushed: PreviewMessage[] = [];
    const renderer = {
      push: (message: PreviewMessage) => {
        pushed.push(message);
        return true;
      },
    };
    const puller = new PreviewPuller(
      renderer,
      (after) => {
        const answer = deferred<ArrayBuffer | null>();
        fetches.push({ after, answer });
        return answer.promise;
      },
      () => {
        const next = deferred<void>();
        frames.push(next);
        return next.promise;
      },
      () => {
        const pause = deferred<void>();
        pauses.push(pause);
        return pause.promise;
      },
    );
    return { puller, fetches, frames, pauses, pushed };
  }

  it('asks for frames after the last capture time, one fetch per animation frame', async () => {
    const { puller, fetches, frames, pushed } = setup();
    puller.start();
    await settle();
    expect(fetches.map((f) => f.after)).toEqual([0]);

    const first = frame(2, 1, 1_000.5);
    fetches[0].answer.resolve(first);
    await settle();
    expect(pushed).toEqual([first]);
    // No second fetch until the next animation frame.
    expect(frames).toHaveLength(1);
    expect(fetches).toHaveLength(1);

    frames[0].resolve();
    await settle();
    expect(fetches.map((f) => f.after)).toEqual([0, 1_000.5]);

    const second = frame(2, 1, 1_040);
    fetches[1].answer.resolve(second);
    await settle();
    expect(pushed).toEqual([first, second]);
    expect(fetches).toHaveLength(2);
    frames[1].resolve();
    await settle();
    expect(fetches.map((f) => f.after)).toEqual([0, 1_000.5, 1_040]);
    // Each frame was handed over exactly once.
    expect(pushed).toHaveLength(2);
    puller.stop();
  });

  it('asks again with the same time after "no newer frame"', async () => {
    const { puller, fetches, frames, pauses, pushed } = setup();
    puller.start();
    await settle();
    fetches[0].answer.resolve(frame(1, 1, 500));
    await settle();
    frames[0].resolve();
    await settle();

    fetches[1].answer.resolve(null);
    await settle();
    // An immediate null does not turn into a busy loop: the next fetch waits a frame.
    expect(fetches).toHaveLength(2);
    frames[1].resolve();
    await settle();
    expect(fetches.map((f) => f.after)).toEqual([0, 500, 500]);

    fetches[2].answer.resolve(frame(1, 1, 520));
    await settle();
    expect(pushed).toHaveLength(2);
    expect(pauses).toHaveLength(0);
    puller.stop();
  });

  it('pauses after a failed fetch, then goes on', async () => {
    const { puller, fetches, frames, pauses, pushed } = setup();
    puller.start();
    await settle();
    fetches[0].answer.resolve(frame(1, 1, 700));
    await settle();
    frames[0].resolve();
    await settle();

    fetches[1].answer.reject(new TypeError('Failed to fetch'));
    await settle();
    expect(pauses).toHaveLength(1);
    expect(fetches).toHaveLength(2);
    pauses[0].resolve();
    await settle();
    expect(fetches.map((f) => f.after)).toEqual([0, 700, 700]);

    fetches[2].answer.resolve(frame(1, 1, 760));
    await settle();
    expect(pushed).toHaveLength(2);
    puller.stop();
  });

  it('pauses on something that is not a frame and does not pass it on', async () => {
    const { puller, fetches, pauses, pushed } = setup();
    puller.start();
    await settle();
    fetches[0].answer.resolve(new ArrayBuffer(5));
    await settle();
    expect(pushed).toHaveLength(0);
    expect(pauses).toHaveLength(1);
    pauses[0].resolve();
    await settle();
    expect(fetches.map((f) => f.after)).toEqual([0, 0]);
    puller.stop();
  });

  it('stop() ends the loop, even with a fetch under way', async () => {
    const { puller, fetches, frames, pushed } = setup();
    puller.start();
    puller.start(); // a second start does not start a second loop
    await settle();
    expect(fetches).toHaveLength(1);

    puller.stop();
    fetches[0].answer.resolve(frame(1, 1, 100));
    await settle();
    // The late answer is dropped and nothing more is asked for.
    expect(pushed).toHaveLength(0);
    expect(frames).toHaveLength(0);
    expect(fetches).toHaveLength(1);
  });

  it('stop() while waiting for the animation frame, or for the pause after an error', async () => {
    const { puller, fetches, frames, pauses } = setup();
    puller.start();
    await settle();
    fetches[0].answer.resolve(frame(1, 1, 100));
    await settle();
    puller.stop();
    frames[0].resolve();
    await settle();
    expect(fetches).toHaveLength(1);

    const second = setup();
    second.puller.start();
    await settle();
    second.fetches[0].answer.reject(new Error('boom'));
    await settle();
    second.puller.stop();
    second.pauses[0].resolve();
    await settle();
    expect(second.fetches).toHaveLength(1);
    expect(pauses).toHaveLength(0);
  });
});

describe('schemeFetcher', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  function stubFetch(status: number, body: ArrayBuffer = new ArrayBuffer(0)) {
    const fetch = vi.fn<(url: string, init?: RequestInit) => Promise<Pick<Response, 'status' | 'arrayBuffer'>>>(
      async () => ({ status, arrayBuffer: async () => body }),
    );
    vi.stubGlobal('fetch', fetch);
    return fetch;
  }

  it('asks for a frame after the given capture time, uncached', async () => {
    const body = frame(2, 2, 1_764_400_000_123.5);
    const fetch = stubFetch(200, body);
    const fetchFrame = schemeFetcher('preview://localhost/frame');
    expect(await fetchFrame(1_764_400_000_100.25)).toBe(body);
    expect(await fetchFrame(0)).toBe(body);
    expect(fetch.mock.calls).toEqual([
      ['preview://localhost/frame?after=1764400000100.25', { cache: 'no-store' }],
      ['preview://localhost/frame?after=0', { cache: 'no-store' }],
    ]);
  });

  it.each([204, 403, 500, 503])('gives null for status %i', async (status) => {
    stubFetch(status, frame(1, 1, 0));
    expect(await schemeFetcher('http://preview.localhost/frame')(5)).toBeNull();
  });

  it('lets a network error through (the puller pauses on it)', async () => {
    vi.stubGlobal('fetch', vi.fn().mockRejectedValue(new TypeError('Failed to fetch')));
    await expect(schemeFetcher('preview://localhost/frame')(0)).rejects.toThrow('Failed to fetch');
  });
});
