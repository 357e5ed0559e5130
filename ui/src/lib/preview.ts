// The live camera preview of the permit check: decoding the backend's raw
// frames and drawing them into a canvas, at most once per animation frame.
//
// Frame layout (little-endian): u32 width at byte 0, u32 height at byte 4,
// f64 capture time (Unix ms, comparable to Date.now()) at byte 8, then
// width × height grey bytes (one per pixel) from byte 16.

export const PREVIEW_HEADER_BYTES = 16;

/** Anything larger is not a preview (the backend sends at most 640 wide). */
const MAX_SIDE = 8192;

export interface PreviewFrame {
  width: number;
  height: number;
  /** When the camera captured it, Unix ms. */
  capturedMs: number;
  /** width × height grey bytes, a view into the received buffer. */
  grey: Uint8Array;
}

/** What a `Channel<ArrayBuffer>` may deliver; arrays only from odd transports. */
export type PreviewMessage = ArrayBuffer | ArrayBufferView | readonly number[];

function toBytes(message: PreviewMessage): Uint8Array | null {
  if (ArrayBuffer.isView(message)) {
    return new Uint8Array(message.buffer, message.byteOffset, message.byteLength);
  }
  if (Array.isArray(message)) return Uint8Array.from(message);
  if (message instanceof ArrayBuffer || Object.prototype.toString.call(message) === '[object ArrayBuffer]') {
    return new Uint8Array(message as ArrayBuffer);
  }
  return null;
}

/** Reads one preview message, or null when it is not a whole frame. */
export function parsePreviewFrame(message: PreviewMessage): PreviewFrame | null {
  const bytes = toBytes(message);
  if (bytes === null || bytes.byteLength < PREVIEW_HEADER_BYTES) return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const width = view.getUint32(0, true);
  const height = view.getUint32(4, true);
  const capturedMs = view.getFloat64(8, true);
  if (width === 0 || height === 0 || width > MAX_SIDE || height > MAX_SIDE) return null;
  const size = width * height;
  if (bytes.byteLength - PREVIEW_HEADER_BYTES < size) return null;
  return {
    width,
    height,
    capturedMs,
    grey: bytes.subarray(PREVIEW_HEADER_BYTES, PREVIEW_HEADER_BYTES + size),
  };
}

const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

/** Grey level → one opaque RGBA pixel as a 32-bit word in platform byte order. */
const GREY_TO_PIXEL = (() => {
  const table = new Uint32Array(256);
  for (let g = 0; g < 256; g++) {
    table[g] = LITTLE_ENDIAN
      ? (0xff000000 | (g << 16) | (g << 8) | g) >>> 0
      : ((g << 24) | (g << 16) | (g << 8) | 0xff) >>> 0;
  }
  return table;
})();

/** Fills `out` (an RGBA pixel buffer viewed as 32-bit words) from grey bytes. */
export function greyToRgba(grey: Uint8Array, out: Uint32Array): void {
  const n = Math.min(grey.length, out.length);
  for (let i = 0; i < n; i++) out[i] = GREY_TO_PIXEL[grey[i]];
}

export interface PreviewStatsSnapshot {
  frames: number;
  fps: number;
  latencyP50: number;
  latencyP95: number;
}

/** Nearest-rank percentile of an ascending list; null when empty. */
function percentileOfSorted(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))];
}

/** Nearest-rank percentile of an unsorted list; null when empty. */
export function percentile(values: readonly number[], p: number): number | null {
  return percentileOfSorted([...values].sort((a, b) => a - b), p);
}

/**
 * Running preview measurements: frames drawn, frame rate over the last
 * `fpsWindowMs`, and latency (draw time − capture time) over the last
 * `latencyWindow` frames.
 */
export class PreviewStats {
  frames = 0;
  private drawTimes: number[] = [];
  private latencies: number[] = [];

  constructor(
    readonly fpsWindowMs = 2000,
    readonly latencyWindow = 100,
  ) {}

  record(drawnAtMs: number, capturedMs: number): void {
    this.frames++;
    this.drawTimes.push(drawnAtMs);
    this.prune(drawnAtMs);
    const latency = drawnAtMs - capturedMs;
    if (Number.isFinite(latency)) {
      this.latencies.push(latency);
      if (this.latencies.length > this.latencyWindow) this.latencies.shift();
    }
  }

  private prune(nowMs: number): void {
    const oldest = nowMs - this.fpsWindowMs;
    let drop = 0;
    while (drop < this.drawTimes.length && this.drawTimes[drop] <= oldest) drop++;
    if (drop > 0) this.drawTimes.splice(0, drop);
  }

  /** Frames per second over the window ending at `nowMs`; 0 until two frames. */
  fps(nowMs: number): number {
    this.prune(nowMs);
    const n = this.drawTimes.length;
    if (n < 2) return 0;
    const span = this.drawTimes[n - 1] - this.drawTimes[0];
    return span > 0 ? ((n - 1) * 1000) / span : 0;
  }

  latency(p: number): number | null {
    return percentile(this.latencies, p);
  }

  /** Rounded numbers, 0 where nothing was measured yet. */
  snapshot(nowMs: number): PreviewStatsSnapshot {
    const sorted = [...this.latencies].sort((a, b) => a - b);
    return {
      frames: this.frames,
      fps: Math.round(this.fps(nowMs)),
      latencyP50: Math.round(percentileOfSorted(sorted, 50) ?? 0),
      latencyP95: Math.round(percentileOfSorted(sorted, 95) ?? 0),
    };
  }
}

/** The part of a 2D context the preview uses. */
export interface PreviewPainter {
  createImageData(width: number, height: number): ImageData;
  putImageData(image: ImageData, dx: number, dy: number): void;
}

/** The part of a canvas the preview uses. */
export interface PreviewCanvas {
  width: number;
  height: number;
  dataset: DOMStringMap;
  getContext(contextId: '2d'): PreviewPainter | null;
}

export interface PreviewRendererOptions {
  /** Wall clock in Unix ms (the capture times use the same clock). */
  now?: () => number;
  requestFrame?: (draw: () => void) => number;
  cancelFrame?: (id: number) => void;
}

const HAS_ANIMATION_FRAME = typeof requestAnimationFrame === 'function' && typeof cancelAnimationFrame === 'function';

function defaultRequestFrame(draw: () => void): number {
  if (HAS_ANIMATION_FRAME) return requestAnimationFrame(() => draw());
  return setTimeout(draw, 16) as unknown as number;
}

function defaultCancelFrame(id: number): void {
  if (HAS_ANIMATION_FRAME) cancelAnimationFrame(id);
  else clearTimeout(id);
}

/**
 * Draws preview frames into a canvas: keeps only the newest frame, draws it
 * on the next animation frame, reuses one ImageData, and publishes its
 * measurements as `data-frames`, `data-fps`, `data-latency-p50`,
 * `data-latency-p95` (and `data-dropped`) on the canvas.
 */
export class PreviewRenderer {
  readonly stats = new PreviewStats();
  /** Frames replaced by a newer one before they could be drawn. */
  dropped = 0;
  private pending: PreviewFrame | null = null;
  private request: number | null = null;
  private painter: PreviewPainter | null | undefined;
  private image: ImageData | null = null;
  private pixels: Uint32Array | null = null;
  private destroyed = false;
  private readonly now: () => number;
  private readonly requestFrame: (draw: () => void) => number;
  private readonly cancelFrame: (id: number) => void;

  constructor(
    private readonly canvas: PreviewCanvas,
    options: PreviewRendererOptions = {},
  ) {
    this.now = options.now ?? (() => Date.now());
    this.requestFrame = options.requestFrame ?? defaultRequestFrame;
    this.cancelFrame = options.cancelFrame ?? defaultCancelFrame;
    this.publish();
  }

  /** Takes a message from the preview channel; false if it was not a frame. */
  push(message: PreviewMessage): boolean {
    if (this.destroyed) return false;
    const frame = parsePreviewFrame(message);
    if (frame === null) return false;
    if (this.pending !== null) this.dropped++;
    this.pending = frame;
    if (this.request === null) {
      this.request = this.requestFrame(() => {
        this.request = null;
        this.flush();
      });
    }
    return true;
  }

  /** Draws the newest waiting frame now, if any. */
  flush(): void {
    const frame = this.pending;
    this.pending = null;
    if (frame === null || this.destroyed) return;
    this.draw(frame);
  }

  private draw(frame: PreviewFrame): void {
    if (this.painter === undefined) this.painter = this.canvas.getContext('2d');
    const painter = this.painter;
    if (painter === null) return;
    const { width, height } = frame;
    if (this.canvas.width !== width) this.canvas.width = width;
    if (this.canvas.height !== height) this.canvas.height = height;
    if (this.image === null || this.pixels === null || this.image.width !== width || this.image.height !== height) {
      this.image = painter.createImageData(width, height);
      const data = this.image.data;
      this.pixels = new Uint32Array(data.buffer, data.byteOffset, width * height);
    }
    greyToRgba(frame.grey, this.pixels);
    painter.putImageData(this.image, 0, 0);
    this.stats.record(this.now(), frame.capturedMs);
    this.publish();
  }

  private publish(): void {
    const s = this.stats.snapshot(this.now());
    const data = this.canvas.dataset;
    data.frames = String(s.frames);
    data.fps = String(s.fps);
    data.latencyP50 = String(s.latencyP50);
    data.latencyP95 = String(s.latencyP95);
    data.dropped = String(this.dropped);
  }

  /** Stops drawing; later messages are ignored. */
  destroy(): void {
    this.destroyed = true;
    this.pending = null;
    if (this.request !== null) this.cancelFrame(this.request);
    this.request = null;
  }
}

/** Asks for a frame captured after `afterMs`; null when none came in time (or on error). */
export type FrameFetcher = (afterMs: number) => Promise<ArrayBuffer | null>;

/**
 * The default fetcher: the backend serves the newest preview on its `preview:`
 * scheme and holds the request (up to a second) until one newer than `after`
 * exists, so nothing queues up while the page is busy.
 */
export function schemeFetcher(baseUrl: string): FrameFetcher {
  return async (afterMs) => {
    const response = await fetch(`${baseUrl}?after=${afterMs}`, { cache: 'no-store' });
    if (response.status !== 200) return null;
    return response.arrayBuffer();
  };
}

/**
 * Pulls previews one at a time: fetch the newest frame, hand it to the
 * renderer, wait for the next animation frame, fetch again. The page never
 * asks for more than it can draw.
 */
export class PreviewPuller {
  private running = false;
  private afterMs = 0;

  constructor(
    private readonly renderer: Pick<PreviewRenderer, 'push'>,
    private readonly fetchFrame: FrameFetcher,
    private readonly nextFrame: () => Promise<void> = () =>
      new Promise((resolve) => (HAS_ANIMATION_FRAME ? requestAnimationFrame(() => resolve()) : setTimeout(resolve, 16))),
    private readonly pauseAfterError: () => Promise<void> = () => new Promise((resolve) => setTimeout(resolve, 500)),
  ) {}

  start(): void {
    if (this.running) return;
    this.running = true;
    void this.loop();
  }

  stop(): void {
    this.running = false;
  }

  private async loop(): Promise<void> {
    while (this.running) {
      let buffer: ArrayBuffer | null;
      try {
        buffer = await this.fetchFrame(this.afterMs);
      } catch {
        await this.pauseAfterError();
        continue;
      }
      if (!this.running) return;
      if (buffer === null) {
        // Normally a 204 after the backend held the request for a second; if
        // an answer comes at once (403, 503, …), do not spin on it.
        await this.nextFrame();
        continue;
      }
      const frame = parsePreviewFrame(buffer);
      if (frame === null) {
        await this.pauseAfterError();
        continue;
      }
      this.afterMs = frame.capturedMs;
      this.renderer.push(buffer);
      await this.nextFrame();
    }
  }
}
