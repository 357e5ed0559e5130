import type { Channel } from '@tauri-apps/api/core';
import { mockConvertFileSrc } from '@tauri-apps/api/mocks';
import { tick } from 'svelte';
import { vi } from 'vitest';
import type { CameraInfo, VerifyEvent } from '../lib/ipc/bindings';
import type { Handler } from './ipc';

export const CAMERA: CameraInfo = { source: 'replay', width: 1280, height: 720 };

/**
 * The kiosk camera reading QR codes (`qr_scan_start`), for `mockCommands`: previews are
 * never published (the `preview:` fetch waits), and `push` sends an event on the newest
 * start's channel, as the backend would. Unstub globals after the test.
 */
export function qrCamera(start: Handler = () => CAMERA) {
  const started: Channel<VerifyEvent>[] = [];
  mockConvertFileSrc('linux');
  vi.stubGlobal(
    'fetch',
    vi.fn(() => new Promise<Response>(() => {})),
  );
  const handlers: Record<string, Handler> = {
    qr_scan_start: (cmd, args) => {
      started.push((args as { events: Channel<VerifyEvent> }).events);
      return start(cmd, args);
    },
    verify_resume: () => null,
    verify_stop: () => null,
  };
  return {
    handlers,
    started,
    /** A read (or another event) from the camera. */
    async push(event: VerifyEvent) {
      started.at(-1)!.onmessage(event);
      await tick();
    },
  };
}
