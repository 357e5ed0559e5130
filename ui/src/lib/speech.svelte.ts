// Spoken guidance. The core reads text aloud with espeak-ng's Indonesian voice (WebKitGTK's own
// speech has none); the site decides whether it is on (`AppInfo.speech`), and it is off by
// default. Nothing here holds personal data: a screen marks what may be read with
// `data-speak`, and receipts are read by their number only.
import { commands } from './ipc/bindings';
import { language } from './i18n/index.svelte';

let enabled = $state(false);

export function speechEnabled(): boolean {
  return enabled;
}

export function setSpeechEnabled(on: boolean): void {
  enabled = on;
}

/** Reads `text` in the screen's language; a failure stays silent (the text is on screen). */
export function say(text: string): void {
  if (!enabled || text.trim() === '') return;
  commands.speak(text, language()).catch(() => {});
}

/**
 * What "Dengarkan" reads: the screen's title, its headings, its hints and alerts, and the
 * elements it marks `data-speak` (instructions), in the order they appear. The header bar
 * (office name, buttons) is left out, and so is anything hidden.
 */
const SPOKEN = 'h1, h2, [data-speak], .kiosk-hint, [role="alert"]';

export function screenText(root: ParentNode = document): string {
  const parts: string[] = [];
  for (const el of root.querySelectorAll<HTMLElement>(SPOKEN)) {
    if (el.closest('header, [aria-hidden="true"], [hidden]')) continue;
    // A marked element inside another (a heading in an alert) is read once.
    if (el.parentElement?.closest(SPOKEN)) continue;
    const text = (el.textContent ?? '').replace(/\s+/g, ' ').trim();
    if (text !== '') parts.push(/[.!?:]$/.test(text) ? text : `${text}.`);
  }
  return parts.join(' ');
}

/**
 * A number as it is read aloud at a counter: digit by digit in groups ("2026 0001 01" →
 * "2 0 2 6, 0 0 0 1, 0 1"), never as one big number.
 */
export function spokenDigits(value: string): string {
  return value
    .split(/[\s-]+/)
    .filter((g) => g !== '')
    .map((g) => g.split('').join(' '))
    .join(', ');
}
