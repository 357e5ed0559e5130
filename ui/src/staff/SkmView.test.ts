import { fireEvent, screen, within } from '@testing-library/svelte';
import { describe, expect, it, vi } from 'vitest';
import type { SkmSummary } from '../lib/ipc/bindings';
import { reject, type Handler } from '../test/ipc';
import { SKM_SUMMARY, enterPin, renderStaff, text } from '../test/staff';

async function openSkm(handlers: Record<string, Handler> = {}) {
  const calls = renderStaff({ kind: 'granted' }, handlers);
  await enterPin('123456');
  await screen.findByTestId('staff-overview');
  await fireEvent.click(screen.getByTestId('tab-skm'));
  expect(screen.getByTestId('skm-view')).toBeTruthy();
  return calls;
}

const summaryCalls = (calls: { cmd: string; args: unknown }[]) =>
  calls.filter((c) => c.cmd === 'staff_skm_summary').map((c) => c.args);

describe('SKM dashboard', () => {
  it('the overview stays the default tab', async () => {
    const calls = renderStaff({ kind: 'granted' });
    await enterPin('123456');
    await screen.findByTestId('staff-overview');
    expect(screen.getByTestId('tab-overview').getAttribute('aria-selected')).toBe('true');
    expect(screen.queryByTestId('skm-view')).toBeNull();
    expect(screen.getByTestId('sync-view')).toBeTruthy();
    expect(calls.some((c) => c.cmd === 'staff_skm_summary')).toBe(false);
  });

  it('shows IKM, grade, respondents and the lowest elements, per language', async () => {
    const calls = await openSkm();
    await vi.waitFor(() => expect(text('skm-ikm')).toBe('82,47'));
    expect(summaryCalls(calls)).toEqual([{ from: null, to: null, population: null }]);
    expect(text('skm-grade')).toContain('B');
    expect(text('skm-grade')).toContain('Baik');
    expect(text('skm-respondents')).toBe('42');

    const lowest = screen.getByTestId('skm-lowest');
    const items = within(lowest).getAllByRole('listitem').map((li) => li.textContent?.trim());
    expect(items).toEqual(['U8 Penanganan pengaduan', 'U3 Waktu pelayanan', 'U9+U10 Sarana dan prasarana']);
    expect(screen.getByTestId('skm-nrr-U8').textContent).toContain('terendah');
    expect(screen.getByTestId('skm-nrr-U1').textContent).not.toContain('terendah');
    expect(screen.getByTestId('skm-nrr-U8').textContent).toContain('2,750');

    const elements = text('skm-elements');
    expect(text('skm-element-U9')).toContain('Sarana');
    expect(text('skm-element-U9')).toContain('3,123');
    expect(text('skm-element-U10')).toContain('Prasarana');
    expect(text('skm-element-U10')).toContain('2,977');
    expect(elements).not.toContain('U9+U10');

    await fireEvent.click(screen.getByTestId('lang-switch'));
    expect(text('skm-ikm')).toBe('82.47');
    expect(text('skm-grade')).toContain('Good');
    expect(text('skm-lowest')).toContain('Complaint handling');
    expect(text('skm-element-U9')).toContain('3.123');
  });

  it('shows respondents with and without a receipt code apart, and the duplicates not counted', async () => {
    await openSkm();
    await screen.findByTestId('skm-ikm');
    expect(text('skm-by-code')).toContain('Responden menurut kode survei');
    expect(text('skm-linked')).toBe('30 responden · IKM 83,10 (B Baik)');
    expect(text('skm-unlinked')).toBe('12 responden · IKM 80,90 (B Baik)');
    expect(text('skm-duplicates').trim()).toBe('Tidak dihitung karena kodenya sudah pernah dipakai: 2');
    await fireEvent.click(screen.getByTestId('lang-switch'));
    expect(text('skm-linked')).toBe('30 respondents · IKM 83.10 (B Good)');
    expect(text('skm-by-code')).toContain('Without a code');
  });

  it('a part with no respondents has no index yet', async () => {
    await openSkm({
      staff_skm_summary: () => ({ ...SKM_SUMMARY, unlinked: { respondents: 0, ikm: null, grade: null }, duplicates: 0 }),
    });
    await vi.waitFor(() => expect(text('skm-unlinked')).toBe('0 responden · IKM belum ada'));
    expect(text('skm-duplicates')).toContain(': 0');
  });

  it('grade meanings follow PermenPANRB 14/2017', async () => {
    for (const [grade, meaning] of [
      ['A', 'Sangat Baik'],
      ['C', 'Kurang Baik'],
      ['D', 'Tidak Baik'],
    ] as const) {
      await openSkm({ staff_skm_summary: () => ({ ...SKM_SUMMARY, grade }) });
      await vi.waitFor(() => expect(text('skm-grade')).toContain(meaning));
      document.body.innerHTML = '';
    }
  });

  it('translates the respondent profile', async () => {
    await openSkm();
    await screen.findByTestId('skm-ikm');
    const profile = text('skm-profile');
    expect(profile).toContain('Laki-laki');
    expect(profile).toContain('Perempuan');
    expect(profile).toContain('Tidak diisi');
    expect(profile).toContain('30–39 tahun');
    expect(profile).toContain('D1–D3');
    expect(profile).toContain('Wirausaha');
    expect(profile).toContain('Persetujuan Bangunan Gedung');
    await fireEvent.click(screen.getByTestId('lang-switch'));
    expect(text('skm-profile')).toContain('Male');
    expect(text('skm-profile')).toContain('Self-employed');
  });

  it('shows sample adequacy and suggestions', async () => {
    await openSkm();
    await screen.findByTestId('skm-ikm');
    expect(text('skm-sample')).toContain('120');
    expect(text('skm-sample-required')).toBe('92');
    expect(text('skm-sample-verdict')).toContain('Belum memadai');
    expect(text('skm-suggestions')).toContain('Antrian lebih cepat');
    expect(text('skm-suggestions')).toContain('Ruang tunggu nyaman');
  });

  it('says "memadai" when the sample is large enough, and nothing without a population', async () => {
    await openSkm({
      staff_skm_summary: (_cmd, args) =>
        (args as { population: number | null }).population === null
          ? { ...SKM_SUMMARY, sample: { population: null, required: null, adequate: null } }
          : { ...SKM_SUMMARY, sample: { population: 40, required: 36, adequate: true } },
    });
    await screen.findByTestId('skm-ikm');
    expect(screen.queryByTestId('skm-sample-verdict')).toBeNull();
    await fireEvent.input(screen.getByTestId('skm-population'), { target: { value: '40' } });
    await fireEvent.click(screen.getByTestId('skm-apply'));
    await vi.waitFor(() => expect(text('skm-sample-verdict')).toContain('Memadai'));
  });

  it('applies the period and population', async () => {
    const calls = await openSkm();
    await screen.findByTestId('skm-ikm');
    await fireEvent.input(screen.getByTestId('skm-from'), { target: { value: '2026-11-01' } });
    await fireEvent.input(screen.getByTestId('skm-to'), { target: { value: '2026-11-30' } });
    await fireEvent.input(screen.getByTestId('skm-population'), { target: { value: '120' } });
    await fireEvent.click(screen.getByTestId('skm-apply'));
    await vi.waitFor(() => expect(summaryCalls(calls)).toHaveLength(2));
    expect(summaryCalls(calls)[1]).toEqual({ from: '2026-11-01', to: '2026-11-30', population: 120 });
  });

  it('refuses a period that ends before it starts, without calling the backend', async () => {
    const calls = await openSkm();
    await screen.findByTestId('skm-ikm');
    await fireEvent.input(screen.getByTestId('skm-from'), { target: { value: '2026-12-01' } });
    await fireEvent.input(screen.getByTestId('skm-to'), { target: { value: '2026-11-01' } });
    await fireEvent.click(screen.getByTestId('skm-apply'));
    expect(text('skm-error')).toContain('Periode');
    expect(summaryCalls(calls)).toHaveLength(1);
  });

  it('no respondents: an empty state instead of the index', async () => {
    const empty: SkmSummary = {
      ...SKM_SUMMARY,
      respondents: 0,
      ikm: null,
      grade: null,
      elements: SKM_SUMMARY.elements.map((e) => ({ ...e, nrr: null, answered: 0 })),
      elements_separate: SKM_SUMMARY.elements_separate.map((e) => ({ ...e, nrr: null, answered: 0 })),
      lowest: [],
      monthly: [],
      suggestions: [],
    };
    await openSkm({ staff_skm_summary: () => empty });
    await vi.waitFor(() => expect(text('skm-empty')).toContain('Belum ada responden'));
    expect(screen.queryByTestId('skm-ikm')).toBeNull();
    expect(text('skm-respondents')).toBe('0');
    expect(text('skm-element-U1')).toContain('belum ada');
  });

  it('the report button shows the saved path and is disabled while running', async () => {
    let finish: (path: string) => void = () => {};
    const calls = await openSkm({
      staff_skm_report: () => new Promise<string>((resolve) => (finish = resolve)),
    });
    await screen.findByTestId('skm-ikm');
    const button = screen.getByTestId('skm-report') as HTMLButtonElement;
    await fireEvent.click(button);
    await vi.waitFor(() => expect(button.disabled).toBe(true));
    await fireEvent.click(button);
    expect(calls.filter((c) => c.cmd === 'staff_skm_report')).toHaveLength(1);
    expect(calls.find((c) => c.cmd === 'staff_skm_report')?.args).toEqual({ from: null, to: null, population: null });
    finish('C:\\laporan\\skm.pdf');
    await vi.waitFor(() => expect(text('skm-report-path')).toBe('C:\\laporan\\skm.pdf'));
    expect(button.disabled).toBe(false);
  });

  it('a failed report shows a translated error', async () => {
    await openSkm({ staff_skm_report: () => reject('storage', 'disk full') });
    await screen.findByTestId('skm-ikm');
    await fireEvent.click(screen.getByTestId('skm-report'));
    await vi.waitFor(() => expect(text('skm-report-error')).toContain('gangguan penyimpanan'));
    expect(text('skm-report-error')).not.toContain('disk full');
  });

  it('staff_locked returns to the PIN screen', async () => {
    renderStaff({ kind: 'granted' }, { staff_skm_summary: () => reject('staff_locked') });
    await enterPin('123456');
    await screen.findByTestId('staff-overview');
    await fireEvent.click(screen.getByTestId('tab-skm'));
    await screen.findByTestId('pin-screen');
    expect(screen.queryByTestId('skm-view')).toBeNull();
    expect(text('pin-message')).toContain('Sesi petugas sudah berakhir');
  });

  it('staff_locked on the report also returns to the PIN screen', async () => {
    await openSkm({ staff_skm_report: () => reject('staff_locked') });
    await screen.findByTestId('skm-ikm');
    await fireEvent.click(screen.getByTestId('skm-report'));
    await screen.findByTestId('pin-screen');
  });
});
