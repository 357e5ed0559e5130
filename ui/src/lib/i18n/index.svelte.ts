import { en } from './en';
import { id, type MessageKey } from './id';

export type { MessageKey };
export type Language = 'id' | 'en';
export type MessageParams = Record<string, string | number>;

export const LANGUAGES: readonly Language[] = ['id', 'en'];

const dictionaries: Record<Language, { readonly [K in MessageKey]: string }> = { id, en };

const state = $state({ language: 'id' as Language, fallback: 'id' as Language });

function applyToDocument(lang: Language): void {
  if (typeof document !== 'undefined') document.documentElement.lang = lang;
}

/** The language currently shown. */
export function language(): Language {
  return state.language;
}

/** The language `resetLanguage` returns to (Indonesian unless configured). */
export function defaultLanguage(): Language {
  return state.fallback;
}

export function setLanguage(lang: Language): void {
  state.language = lang;
  applyToDocument(lang);
}

export function otherLanguage(): Language {
  return state.language === 'id' ? 'en' : 'id';
}

/** Sets the default language (from app_info) without changing the current one. */
export function setDefaultLanguage(lang: Language): void {
  state.fallback = lang;
}

/** Back to the default language. */
export function resetLanguage(): void {
  setLanguage(state.fallback);
}

export function isLanguage(value: unknown): value is Language {
  return value === 'id' || value === 'en';
}

/** Translates `key` in the current language, filling `{name}` placeholders. */
export function t(key: MessageKey, params?: MessageParams): string {
  const text: string = dictionaries[state.language][key] ?? id[key] ?? key;
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}

/** The BCP 47 locale used for dates and numbers in the current language. */
export function locale(): string {
  return state.language === 'id' ? 'id-ID' : 'en-GB';
}

export const messages = dictionaries;
