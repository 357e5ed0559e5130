import { clearMocks } from '@tauri-apps/api/mocks';
import { afterEach, beforeAll, vi } from 'vitest';
import { resetLanguage, setDefaultLanguage } from '../lib/i18n/index.svelte';
import { resetTextSize } from '../lib/text-size.svelte';
import { preloadScreens } from '../kiosk/screens.svelte';

// As the kiosk does right after its first paint: a tap then finds its screen at once.
// (screens.test.ts covers a screen asked for before its chunk is here.)
beforeAll(() => preloadScreens());

afterEach(() => {
  clearMocks();
  vi.useRealTimers();
  setDefaultLanguage('id');
  resetLanguage();
  resetTextSize();
  sessionStorage.clear();
  localStorage.clear();
});

// jsdom has no canvas: report "no context" quietly so charts are skipped and
// the tables beside them still render.
Object.defineProperty(HTMLCanvasElement.prototype, 'getContext', {
  configurable: true,
  value: () => null,
});
