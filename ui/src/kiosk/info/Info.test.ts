import { fireEvent, render, screen, within } from '@testing-library/svelte';
import { tick } from 'svelte';
import { describe, expect, it, vi } from 'vitest';
import { setLanguage } from '../../lib/i18n/index.svelte';
import type { Catalogue, Service } from '../../lib/ipc/bindings';
import { CATALOGUE } from '../../test/catalogue';
import { mockCommands, reject, type Handler } from '../../test/ipc';
import InfoScreen from './InfoScreen.svelte';
import { fold, groupServices, pageOf, requirementGroups, searchServices, sortServices } from './catalogue';

const LINK = 'https://izin.metrokota.go.id/s/sip-dokter';
const SVG = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 29 29"><path d="M0 0h7v7H0z"/></svg>';

const byCode = (code: string): Service => {
  const service = CATALOGUE.services.find((s) => s.code === code);
  if (!service) throw new Error(code);
  return service;
};

/** Fourteen services (three pages): copies of the SIP, one confirmed, one done on the spot. */
function bigCatalogue(): Catalogue {
  const base = byCode('skp-penelitian');
  const services = Array.from({ length: 14 }, (_, i) => ({
    ...base,
    code: `layanan-${String(i + 1).padStart(2, '0')}`,
    name: `Layanan nomor ${i + 1}`,
    published: i === 0,
    sla_working_days: i === 1 ? 0 : 3,
  }));
  return { ...CATALOGUE, services };
}

function renderInfo(handlers: Record<string, Handler> = {}) {
  const calls = mockCommands({
    catalogue: () => CATALOGUE,
    service_link: () => LINK,
    qr_svg: () => SVG,
    ...handlers,
  });
  const onBack = vi.fn();
  const onApply = vi.fn();
  render(InfoScreen, { props: { onBack, onApply } });
  return { calls, onBack, onApply };
}

const text = (testid: string) => (screen.getByTestId(testid).textContent ?? '').replace(/\s+/g, ' ').trim();
const serviceCodes = () =>
  screen.queryAllByTestId(/^info-service-/).map((e) => e.dataset.testid?.replace('info-service-', ''));

async function typeOnScreen(word: string) {
  await fireEvent.click(screen.getByTestId('info-search'));
  for (const char of word) await fireEvent.click(screen.getByTestId(char === ' ' ? 'osk-space' : `osk-${char}`));
}

async function openService(code: string) {
  await fireEvent.click(await screen.findByTestId(`info-service-${code}`));
  return screen.getByTestId('info-detail');
}

describe('the list', () => {
  it('groups permits before other services, by sector, with headings', async () => {
    renderInfo();
    await screen.findByTestId('info-list');
    const kinds = screen.getAllByRole('heading', { level: 2 }).map((h) => h.textContent);
    expect(kinds).toEqual(['Perizinan', 'Non-perizinan']);
    expect(screen.getAllByTestId('info-sector').map((h) => h.textContent)).toEqual([
      'Bangunan Gedung',
      'Kesehatan',
      'Reklame',
      'Penelitian',
    ]);
    expect(serviceCodes()).toEqual(['pbg', 'sip-dokter', 'izin-apotek', 'iptr-reklame', 'skp-penelitian']);
    const permits = screen.getByTestId('info-kind-izin');
    expect(within(permits).queryByTestId('info-service-skp-penelitian')).toBeNull();
    expect(within(screen.getByTestId('info-kind-non-izin')).getByTestId('info-service-skp-penelitian')).toBeTruthy();
  });

  it('shows the time, "Gratis" and the CONTOH badge, and explains CONTOH', async () => {
    renderInfo();
    const sip = await screen.findByTestId('info-service-sip-dokter');
    expect(sip.textContent).toContain('Surat Izin Praktik (SIP) Dokter / Dokter Gigi');
    expect(within(sip).getByTestId('info-sla').textContent).toContain('9 hari kerja');
    expect(within(sip).getByTestId('info-free').textContent).toBe('Gratis');
    expect(within(sip).getByTestId('info-contoh').textContent).toBe('CONTOH');
    const reklame = screen.getByTestId('info-service-iptr-reklame');
    expect(within(reklame).queryByTestId('info-free')).toBeNull();
    expect(text('info-contoh-explain')).toContain('belum ditetapkan oleh kantor');
  });

  it('shows no badge on a confirmed service, and no explanation when all are confirmed', async () => {
    const confirmed = { ...CATALOGUE, services: CATALOGUE.services.map((s) => ({ ...s, published: true })) };
    renderInfo({ catalogue: () => confirmed });
    await screen.findByTestId('info-list');
    expect(screen.queryByTestId('info-contoh')).toBeNull();
    expect(screen.queryByTestId('info-contoh-explain')).toBeNull();
  });

  it('says "Selesai di tempat" for a service done on the spot, never "0 hari kerja"', async () => {
    renderInfo({ catalogue: () => bigCatalogue() });
    const spot = await screen.findByTestId('info-service-layanan-02');
    expect(within(spot).getByTestId('info-sla').textContent).toContain('Selesai di tempat');
    expect(screen.getByTestId('info-list').textContent).not.toContain('0 hari kerja');
    const detail = await openService('layanan-02');
    expect(within(detail).getByTestId('info-detail-time').textContent).toContain('Selesai di tempat');
    expect(detail.textContent).not.toMatch(/\b0 hari kerja/);
  });

  it('pages six services at a time with big buttons', async () => {
    renderInfo({ catalogue: () => bigCatalogue() });
    await screen.findByTestId('info-list');
    expect(text('info-page')).toBe('Halaman 1 dari 3');
    expect(serviceCodes()).toHaveLength(6);
    expect(serviceCodes()[0]).toBe('layanan-01');
    expect((screen.getByTestId('info-prev') as HTMLButtonElement).disabled).toBe(true);

    await fireEvent.click(screen.getByTestId('info-next'));
    expect(text('info-page')).toBe('Halaman 2 dari 3');
    expect(serviceCodes()).toEqual(['07', '08', '09', '10', '11', '12'].map((n) => `layanan-${n}`));
    // Every page repeats the headings of the groups on it.
    expect(screen.getAllByTestId('info-sector').map((h) => h.textContent)).toEqual(['Penelitian']);

    await fireEvent.click(screen.getByTestId('info-next'));
    expect(text('info-page')).toBe('Halaman 3 dari 3');
    expect(serviceCodes()).toEqual(['layanan-13', 'layanan-14']);
    expect((screen.getByTestId('info-next') as HTMLButtonElement).disabled).toBe(true);

    await fireEvent.click(screen.getByTestId('info-prev'));
    expect(text('info-page')).toBe('Halaman 2 dari 3');
  });

  it('has no pager when everything fits on one page', async () => {
    renderInfo();
    await screen.findByTestId('info-list');
    expect(screen.queryByTestId('info-page')).toBeNull();
  });

  it('shows the badge in English as EXAMPLE', async () => {
    renderInfo();
    await screen.findByTestId('info-list');
    setLanguage('en');
    await tick();
    expect(screen.getAllByRole('heading', { level: 2 }).map((h) => h.textContent)).toEqual(['Permits', 'Other services']);
    expect(screen.getAllByTestId('info-contoh')[0].textContent).toBe('EXAMPLE');
    expect(within(screen.getByTestId('info-service-sip-dokter')).getByTestId('info-sla').textContent).toContain(
      '9 working days',
    );
  });
});

describe('search', () => {
  it('finds "apotek" typed on the on-screen keyboard', async () => {
    renderInfo();
    await screen.findByTestId('info-list');
    expect(screen.queryByTestId('osk-a')).toBeNull();
    await typeOnScreen('apotek');
    expect((screen.getByTestId('info-search') as HTMLInputElement).value).toBe('apotek');
    expect(serviceCodes()).toEqual(['izin-apotek']);
    expect(text('info-search-found')).toBe('1 layanan cocok dengan "apotek"');
  });

  it('finds "reklame", ignoring case', async () => {
    renderInfo();
    await screen.findByTestId('info-list');
    await fireEvent.input(screen.getByTestId('info-search'), { target: { value: 'REKLAME' } });
    expect(serviceCodes()).toEqual(['iptr-reklame']);
  });

  it('searches sectors and requirement names too', async () => {
    renderInfo();
    await screen.findByTestId('info-list');
    await typeOnScreen('bpjs');
    expect(serviceCodes()).toEqual(['iptr-reklame']);
    await fireEvent.click(screen.getByTestId('info-search-clear'));
    await fireEvent.input(screen.getByTestId('info-search'), { target: { value: 'kesehatan' } });
    expect(serviceCodes()).toEqual(['sip-dokter', 'izin-apotek']);
  });

  it('says when nothing matches and offers to clear the search', async () => {
    renderInfo();
    await screen.findByTestId('info-list');
    await typeOnScreen('zzz');
    expect(serviceCodes()).toEqual([]);
    expect(text('info-search-empty')).toContain('Tidak ada layanan yang cocok dengan "zzz".');
    await fireEvent.click(screen.getByTestId('info-search-empty-clear'));
    expect((screen.getByTestId('info-search') as HTMLInputElement).value).toBe('');
    expect(serviceCodes()).toHaveLength(5);
  });

  it('goes back to the first page when the search changes, and hides the keyboard when done', async () => {
    renderInfo({ catalogue: () => bigCatalogue() });
    await screen.findByTestId('info-list');
    await fireEvent.click(screen.getByTestId('info-next'));
    await fireEvent.click(screen.getByTestId('info-next'));
    await typeOnScreen('layanan');
    await fireEvent.click(screen.getByTestId('info-search-done'));
    expect(screen.queryByTestId('osk-a')).toBeNull();
    expect(text('info-page')).toBe('Halaman 1 dari 3');
    expect(serviceCodes()[0]).toBe('layanan-01');
  });
});

describe('one service', () => {
  it('reads requirements mandatory first, numbered, then the conditional ones with their condition', async () => {
    renderInfo();
    const detail = await openService('sip-dokter');
    expect(within(detail).getByRole('heading', { level: 1 }).textContent).toBe(
      'Surat Izin Praktik (SIP) Dokter / Dokter Gigi',
    );
    expect(within(detail).getByTestId('info-contoh')).toBeTruthy();
    expect(detail.textContent).toContain('belum ditetapkan oleh kantor');

    const mandatory = screen.getAllByTestId('info-req-mandatory');
    expect(mandatory.map((e) => e.dataset.code)).toEqual(['ktp', 'str', 'pernyataan-memiliki-tempat', 'pas-foto']);
    expect(screen.getByTestId('info-req-mandatory-list').tagName).toBe('OL');
    const conditional = screen.getAllByTestId('info-req-conditional');
    expect(conditional.map((e) => e.dataset.code)).toEqual([
      'persetujuan-atasan-langsung',
      'npwp',
      'sip-pertama',
      'kecukupan-skp-pernyataan',
      'surat-kuasa',
    ]);
    const npwp = conditional[1];
    expect(within(npwp).getByTestId('info-req-condition').textContent?.trim()).toBe('Bila: praktik mandiri');
    // Mandatory before conditional in reading order.
    expect(mandatory.at(-1)!.compareDocumentPosition(conditional[0]) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    expect(screen.queryByTestId('info-req-optional')).toBeNull();
  });

  it('shows time, fee, product, channel, procedure, legal basis, complaint and the catalogue date', async () => {
    renderInfo();
    await openService('sip-dokter');
    expect(text('info-detail-time')).toBe('9 hari kerja, dihitung sejak berkas lengkap');
    expect(text('info-detail-fee')).toBe('Gratis');
    expect(text('info-detail-output')).toContain('Surat Izin Praktik (SIP) Dokter/Dokter Gigi');
    expect(text('info-detail-channel')).toContain('Diajukan di anjungan ini atau di loket pelayanan');
    expect(screen.getByTestId('info-procedure').tagName).toBe('OL');
    expect(screen.getAllByTestId('info-step')).toHaveLength(6);
    expect(text('info-legal')).toContain('UU No. 17 Tahun 2023 tentang Kesehatan');
    expect(text('info-complaint')).toContain('SP4N-LAPOR!');
    expect(text('info-updated')).toBe('Informasi diperbarui 29 November 2026 · versi 1');
    expect(text('info-apply')).toBe('Ajukan permohonan ini');
  });

  it('shows the fee as the office words it, with its basis, when not free', async () => {
    const pbg = { ...byCode('pbg'), fee_basis: 'Perda Kota Metro No. 1 Tahun 2024' };
    renderInfo({ catalogue: () => ({ ...CATALOGUE, services: [pbg] }) });
    await openService('pbg');
    expect(text('info-detail-fee')).toContain('Retribusi PBG menurut Perda Kota Metro');
    expect(text('info-detail-fee')).not.toContain('Gratis');
    expect(text('info-detail-fee-basis')).toBe('Dasar aturan: Perda Kota Metro No. 1 Tahun 2024');
    expect(text('info-detail-channel')).toContain('SIMBG');
    expect(text('info-detail-channel')).toContain('simbg.pu.go.id');
  });

  it('marks an optional requirement without condition as optional', async () => {
    const sip = byCode('sip-dokter');
    const service = {
      ...sip,
      requirements: [
        ...sip.requirements,
        { code: 'cv', name: 'Daftar riwayat hidup', mandatory: false, condition: null, formats: ['pdf'], note: null },
      ],
    };
    renderInfo({ catalogue: () => ({ ...CATALOGUE, services: [service] }) });
    await openService('sip-dokter');
    const optional = screen.getByTestId('info-req-optional');
    expect(optional.textContent).toContain('Daftar riwayat hidup');
    expect(optional.textContent).toContain('Tidak wajib');
    expect(optional.textContent).not.toContain('Bila:');
  });

  it('calls onApply with the code', async () => {
    const { onApply } = renderInfo();
    await openService('skp-penelitian');
    await fireEvent.click(screen.getByTestId('info-apply'));
    expect(onApply).toHaveBeenCalledWith('skp-penelitian');
  });

  it('labels OSS services as guidance but still calls onApply', async () => {
    const { onApply } = renderInfo();
    await openService('izin-apotek');
    expect(text('info-detail-channel')).toContain('OSS');
    expect(text('info-detail-channel')).toContain('oss.go.id');
    // Applying on a portal is the first fact shown.
    expect(screen.getByTestId('info-facts').querySelector('dd')?.dataset.testid).toBe('info-detail-channel');
    expect(text('info-apply')).toBe('Lihat panduan pengajuan');
    await fireEvent.click(screen.getByTestId('info-apply'));
    expect(onApply).toHaveBeenCalledWith('izin-apotek');
  });

  it('goes back from the detail to the list, then home', async () => {
    const { onBack } = renderInfo({ catalogue: () => bigCatalogue() });
    await screen.findByTestId('info-list');
    await fireEvent.click(screen.getByTestId('info-next'));
    await openService('layanan-08');
    await fireEvent.click(screen.getByTestId('info-detail-back'));
    expect(screen.queryByTestId('info-detail')).toBeNull();
    expect(text('info-page')).toBe('Halaman 2 dari 3');
    expect(onBack).not.toHaveBeenCalled();
    await fireEvent.click(screen.getByTestId('back-home'));
    expect(onBack).toHaveBeenCalledOnce();
  });
});

describe('Simpan ke HP', () => {
  it('shows a QR of the service page as an image', async () => {
    const { calls } = renderInfo();
    await openService('sip-dokter');
    await fireEvent.click(screen.getByTestId('info-save'));
    const qr = (await screen.findByTestId('info-qr')) as HTMLImageElement;
    expect(qr.tagName).toBe('IMG');
    expect(qr.getAttribute('src')).toBe(`data:image/svg+xml;utf8,${encodeURIComponent(SVG)}`);
    expect(qr.getAttribute('alt')).toBeTruthy();
    expect(calls.find((c) => c.cmd === 'service_link')?.args).toEqual({ code: 'sip-dokter' });
    expect(calls.find((c) => c.cmd === 'qr_svg')?.args).toEqual({ text: LINK });
    expect(text('info-qr-url')).toBe(LINK);
    // No SVG markup is put into the page.
    expect(screen.getByTestId('info-qr-dialog').querySelector('svg path[d="M0 0h7v7H0z"]')).toBeNull();

    await fireEvent.click(screen.getByTestId('info-qr-close'));
    expect(screen.queryByTestId('info-qr-dialog')).toBeNull();
    expect(screen.getByTestId('info-detail')).toBeTruthy();
  });

  it('says the QR is not available on a kiosk that is not enrolled', async () => {
    const { calls } = renderInfo({ service_link: () => null });
    await openService('sip-dokter');
    await fireEvent.click(screen.getByTestId('info-save'));
    expect((await screen.findByTestId('info-qr-unavailable')).textContent).toContain('kode QR belum tersedia');
    expect(screen.queryByTestId('info-qr')).toBeNull();
    expect(calls.some((c) => c.cmd === 'qr_svg')).toBe(false);
  });

  it('says the same calmly when making the QR fails', async () => {
    renderInfo({ qr_svg: () => reject('internal', 'boom') });
    await openService('sip-dokter');
    await fireEvent.click(screen.getByTestId('info-save'));
    expect(await screen.findByTestId('info-qr-unavailable')).toBeTruthy();
    expect(screen.getByTestId('info-qr-dialog').textContent).not.toContain('boom');
  });
});

describe('without a catalogue', () => {
  it('sends the citizen to the counter instead of showing an empty list', async () => {
    const { onBack } = renderInfo({ catalogue: () => null });
    const notice = await screen.findByTestId('info-no-catalogue');
    expect(notice.textContent).toContain('Informasi layanan belum tersedia');
    expect(notice.textContent).toContain('loket pelayanan');
    expect(screen.queryByTestId('info-list')).toBeNull();
    await fireEvent.click(screen.getByTestId('back-home'));
    expect(onBack).toHaveBeenCalledOnce();
  });

  it('treats a catalogue without services the same way', async () => {
    renderInfo({ catalogue: () => ({ ...CATALOGUE, services: [] }) });
    expect(await screen.findByTestId('info-no-catalogue')).toBeTruthy();
    expect(screen.queryByTestId('info-list')).toBeNull();
  });

  it('says so calmly on an IPC error, and can try again', async () => {
    let fail = true;
    renderInfo({ catalogue: () => (fail ? reject('storage', 'disk I/O error') : CATALOGUE) });
    const notice = await screen.findByTestId('info-load-error');
    expect(notice.textContent).toContain('loket pelayanan');
    expect(notice.textContent).not.toContain('disk I/O error');
    fail = false;
    await fireEvent.click(screen.getByTestId('info-retry'));
    expect(await screen.findByTestId('info-list')).toBeTruthy();
  });
});

describe('catalogue helpers', () => {
  it('folds case and accents', () => {
    expect(fold('  Apotek  Ümum ')).toBe('apotek umum');
  });

  it('needs every word of the query', () => {
    const sorted = sortServices(CATALOGUE.services);
    expect(searchServices(sorted, 'praktik dokter').map((s) => s.code)).toEqual(['sip-dokter']);
    expect(searchServices(sorted, '   ')).toHaveLength(5);
  });

  it('groups one page under kind and sector', () => {
    const groups = groupServices(pageOf(sortServices(CATALOGUE.services), 0));
    expect(groups.map((g) => [g.kind, g.sectors.map((s) => s.sector)])).toEqual([
      ['izin', ['Bangunan Gedung', 'Kesehatan', 'Reklame']],
      ['non-izin', ['Penelitian']],
    ]);
  });

  it('splits requirements by how they are needed', () => {
    const groups = requirementGroups(byCode('pbg').requirements);
    expect(groups.mandatory.every((r) => r.mandatory)).toBe(true);
    expect(groups.conditional.map((r) => r.condition)).toContain('bangunan berdampak lingkungan');
    expect(groups.optional).toEqual([]);
  });
});
