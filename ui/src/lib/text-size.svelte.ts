// "Huruf besar": the citizen's choice of larger text on the kiosk. Like the language, it lasts
// until the idle wipe. It works through one custom property on the document root: the kiosk's
// font sizes are written as `calc(<size> * var(--text-scale, 1))`, so text, and the boxes sized in
// em around it, grow together while the layout stays the same.

/** How much larger the text is when switched on. */
export const LARGE_TEXT_SCALE = 1.25;

const state = $state({ large: false });

function applyToDocument(large: boolean): void {
  if (typeof document === 'undefined') return;
  const root = document.documentElement;
  if (large) root.style.setProperty('--text-scale', String(LARGE_TEXT_SCALE));
  else root.style.removeProperty('--text-scale');
  root.classList.toggle('large-text', large);
}

/** Whether the larger text is on. */
export function largeText(): boolean {
  return state.large;
}

export function setLargeText(on: boolean): void {
  state.large = on;
  applyToDocument(on);
}

/** Back to the normal size (the idle wipe). */
export function resetTextSize(): void {
  setLargeText(false);
}
