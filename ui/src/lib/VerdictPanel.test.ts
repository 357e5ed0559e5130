import { render, screen } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import { ASLI } from '../test/ipc';
import VerdictPanel from './VerdictPanel.svelte';

const freshness = () => screen.getByTestId('verdict-freshness').textContent?.trim();

describe('how fresh the answer is', () => {
  it('says "just now" rather than "0 seconds ago"', () => {
    render(VerdictPanel, { check: { ...ASLI, lists_age_s: 12 } });
    expect(freshness()).toBe('Daftar izin baru saja diperbarui.');
  });

  it('gives the age of older lists', () => {
    render(VerdictPanel, { check: { ...ASLI, lists_age_s: 300 } });
    expect(freshness()).toBe('Daftar izin diperbarui 5 menit lalu.');
  });

  it('says when the hub itself answered', () => {
    render(VerdictPanel, { check: { ...ASLI, source: 'online', lists_age_s: null } });
    expect(freshness()).toBe('Diperiksa langsung ke server kantor.');
  });
});
