import { clearMocks } from '@tauri-apps/api/mocks';
import { afterEach, vi } from 'vitest';
import { resetLanguage, setDefaultLanguage } from '../lib/i18n/index.svelte';

afterEach(() => {
  clearMocks();
  vi.useRealTimers();
  setDefaultLanguage('id');
  resetLanguage();
  sessionStorage.clear();
  localStorage.clear();
});
