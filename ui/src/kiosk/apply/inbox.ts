import { Channel } from '@tauri-apps/api/core';
import { commands, type InboxReport } from '../../lib/ipc/bindings';
import type { ApplyState } from './apply.svelte';

/**
 * The inbox of one application, for as long as its screen is open (kiosk or counter): it
 * starts empty (the core wipes what an earlier citizen left), every later report (scanner
 * folder, chosen file) goes into `app` for the citizen to confirm, and closing the screen
 * (home, idle wipe, after sending) empties the inbox. Returns the function that closes it.
 */
export function openInbox(app: () => ApplyState, onError: (e: unknown) => void = () => {}): {
  take: (report: InboxReport) => void;
  close: () => void;
} {
  let open = true;
  const take = (report: InboxReport) => {
    if (open) app().take(report);
  };
  const events = new Channel<InboxReport>();
  events.onmessage = take;
  commands.inboxWatch(events).then(take).catch((e) => {
    if (open) onError(e);
  });
  return {
    take,
    close: () => {
      open = false;
      commands.inboxDiscard().catch(() => {});
    },
  };
}
