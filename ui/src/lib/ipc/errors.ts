import { ERROR_CODES, type ErrorCode, type IpcError } from './bindings';
import type { MessageKey } from '../i18n/index.svelte';

function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && (ERROR_CODES as readonly string[]).includes(value);
}

/**
 * Normalises whatever a Tauri command rejected with.
 *
 * Our commands reject with `{ code, message }`. Tauri itself (for example an
 * ACL refusal) rejects with a plain string, and a missing IPC bridge throws an
 * `Error`; both become `internal`, keeping the message for logs.
 */
export function toIpcError(e: unknown): IpcError {
  if (typeof e === 'object' && e !== null) {
    const { code, message } = e as { code?: unknown; message?: unknown };
    const text = typeof message === 'string' ? message : String(message ?? '');
    if (isErrorCode(code)) return { code, message: text };
    if (e instanceof Error) return { code: 'internal', message: e.message };
    return { code: 'internal', message: text || safeStringify(e) };
  }
  if (typeof e === 'string') return { code: 'internal', message: e };
  return { code: 'internal', message: String(e) };
}

function safeStringify(value: unknown): string {
  try {
    return JSON.stringify(value);
  } catch {
    return String(value);
  }
}

/** The i18n key holding the calm, translated message for an error code. */
export function errorMessageKey(code: ErrorCode): MessageKey {
  const key: `error.${ErrorCode}` = `error.${code}`;
  return key;
}
