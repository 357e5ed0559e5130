import { afterEach, describe, expect, it } from 'vitest';
import { ERROR_CODES, type ApplicationStatus } from '../ipc/bindings';
import { en } from './en';
import { id } from './id';
import { language, resetLanguage, setDefaultLanguage, setLanguage, t } from './index.svelte';

const STATUSES: readonly ApplicationStatus[] = [
  'belum_terkirim',
  'diterima',
  'verifikasi_berkas',
  'perlu_perbaikan',
  'diproses',
  'selesai',
  'ditolak',
];

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('dictionaries', () => {
  it('id and en have identical key sets', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(id).sort());
  });

  it('every message is non-empty and uses the same placeholders in both languages', () => {
    for (const key of Object.keys(id) as (keyof typeof id)[]) {
      expect(id[key].trim(), key).not.toBe('');
      expect(en[key].trim(), key).not.toBe('');
      expect(placeholders(en[key]), key).toEqual(placeholders(id[key]));
    }
  });

  it('has a message for every error code', () => {
    for (const code of ERROR_CODES) {
      expect(id, code).toHaveProperty([`error.${code}`]);
      expect(en, code).toHaveProperty([`error.${code}`]);
    }
  });

  it('has a label and an explanation for every application status', () => {
    for (const status of STATUSES) {
      for (const part of ['label', 'explanation']) {
        expect(id, status).toHaveProperty([`appStatus.${status}.${part}`]);
        expect(en, status).toHaveProperty([`appStatus.${status}.${part}`]);
      }
    }
  });
});

describe('t', () => {
  afterEach(() => {
    setDefaultLanguage('id');
    resetLanguage();
  });

  it('defaults to Indonesian and fills placeholders', () => {
    expect(language()).toBe('id');
    expect(t('pin.denied', { n: 2 })).toBe('PIN salah. Sisa percobaan: 2.');
    expect(document.documentElement.lang).toBe('id');
  });

  it('switches language and resets to the default', () => {
    setLanguage('en');
    expect(t('status.sla', { n: 5 })).toBe('5 working days');
    expect(document.documentElement.lang).toBe('en');
    resetLanguage();
    expect(language()).toBe('id');
    expect(t('status.sla', { n: 5 })).toBe('5 hari kerja');
  });
});
