import { fireEvent, screen } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import type { PermitCheck } from '../lib/ipc/bindings';
import { ASLI, reject, type Handler } from '../test/ipc';
import { enterPin, renderStaff, text } from '../test/staff';
import { dataUrlToBase64, readBase64 } from './read-file';

/** With an end date and older lists than the kiosk tests use. */
const CHECK: PermitCheck = { ...ASLI, valid_until: '2031-03-14', lists_age_s: 7_200 };

async function openVerify(handlers: Record<string, Handler> = {}) {
  const calls = renderStaff(
    { kind: 'granted' },
    {
      staff_verify_text: () => CHECK,
      staff_verify_image: () => CHECK,
      ...handlers,
    },
  );
  await enterPin('123456');
  await screen.findByTestId('staff-overview');
  await fireEvent.click(screen.getByTestId('tab-verify'));
  await screen.findByTestId('staff-verify-view');
  return calls;
}

const field = () => screen.getByTestId('staff-verify-input') as HTMLInputElement;

async function scan(value: string) {
  await fireEvent.input(field(), { target: { value } });
  await fireEvent.keyDown(field(), { key: 'Enter', code: 'Enter' });
}

async function choose(file: File) {
  await fireEvent.change(screen.getByTestId('staff-verify-file'), { target: { files: [file] } });
}

const PNG_BYTES = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

describe('staff permit check', () => {
  it('focuses the scanner field when the view opens', async () => {
    await openVerify();
    expect(document.activeElement).toBe(field());
    expect(screen.getByTestId('tab-verify').textContent).toContain('Cek Izin');
  });

  it('Enter sends the scanned text, clears the field and shows the verdict', async () => {
    const calls = await openVerify();
    await scan('https://izin.metrokota.go.id/v/ABC123');
    const sent = calls.filter((c) => c.cmd === 'staff_verify_text');
    expect(sent).toHaveLength(1);
    expect(sent[0].args).toEqual({ text: 'https://izin.metrokota.go.id/v/ABC123' });
    expect(field().value).toBe('');
    await screen.findByTestId('staff-verify-result');
    const verdict = document.querySelector('[data-verdict]') as HTMLElement;
    expect(verdict.dataset.verdict).toBe('ASLI');
    expect(text('verdict-holder')).toBe('Siti Rahmawati');
    expect(text('verdict-valid-until')).toBe('14 Maret 2031');
    expect(text('verdict-freshness').trim()).toBe('Daftar izin diperbarui 2 jam lalu.');
    expect(document.activeElement).toBe(field());
  });

  it('ignores an empty Enter', async () => {
    const calls = await openVerify();
    await scan('   ');
    expect(calls.some((c) => c.cmd === 'staff_verify_text')).toBe(false);
  });

  it('sends a chosen image as base64 without the data-URL prefix', async () => {
    const calls = await openVerify();
    await choose(new File([PNG_BYTES], 'izin.png', { type: 'image/png' }));
    await screen.findByTestId('staff-verify-result');
    expect(calls.find((c) => c.cmd === 'staff_verify_image')?.args).toEqual({ base64: 'iVBORw0KGgo=' });
  });

  it('the file picker is a translated button with the chosen file named beside it', async () => {
    await openVerify();
    const input = screen.getByTestId('staff-verify-file') as HTMLInputElement;
    expect((screen.getByTestId('staff-verify-choose') as HTMLLabelElement).control).toBe(input);
    expect(text('staff-verify-choose').trim()).toBe('Pilih berkas…');
    expect(text('staff-verify-file-name').trim()).toBe('Belum ada berkas dipilih');
    await choose(new File([PNG_BYTES], 'izin.png', { type: 'image/png' }));
    await screen.findByTestId('staff-verify-result');
    expect(text('staff-verify-file-name').trim()).toBe('Berkas dipilih: izin.png');
    await fireEvent.click(screen.getByTestId('lang-switch'));
    expect(text('staff-verify-choose').trim()).toBe('Choose file…');
    expect(text('staff-verify-file-name').trim()).toBe('Chosen file: izin.png');
    // A scanned code replaces the file's result, so the file is no longer named.
    await scan('X');
    expect(text('staff-verify-file-name').trim()).toBe('No file chosen yet');
  });

  it('no_qr_found shows the translated message', async () => {
    await openVerify({ staff_verify_image: () => reject('no_qr_found', 'no QR in 4000x3000 image') });
    await choose(new File([PNG_BYTES], 'foto.jpg', { type: 'image/jpeg' }));
    const error = await screen.findByTestId('staff-verify-error');
    expect(error.textContent).toContain('Tidak ada kode QR yang terbaca pada gambar ini');
    expect(error.textContent).not.toContain('4000x3000');
    expect(document.querySelector('[data-verdict]')).toBeNull();
  });

  it('invalid_input on an image says it is not a PNG or JPEG', async () => {
    await openVerify({ staff_verify_image: () => reject('invalid_input') });
    await choose(new File([PNG_BYTES], 'izin.png', { type: 'image/png' }));
    expect((await screen.findByTestId('staff-verify-error')).textContent).toContain('bukan gambar PNG atau JPEG');
  });

  it('refuses files over 20 MB without calling the backend', async () => {
    const calls = await openVerify();
    const big = new File([PNG_BYTES], 'besar.png', { type: 'image/png' });
    Object.defineProperty(big, 'size', { value: 20 * 1024 * 1024 + 1 });
    await choose(big);
    expect(text('staff-verify-error')).toContain('Berkas terlalu besar');
    expect(calls.some((c) => c.cmd === 'staff_verify_image')).toBe(false);
  });

  it('refuses other file types without calling the backend', async () => {
    const calls = await openVerify();
    await choose(new File(['%PDF-1.7'], 'izin.pdf', { type: 'application/pdf' }));
    expect(text('staff-verify-error')).toContain('bukan gambar PNG atau JPEG');
    expect(calls.some((c) => c.cmd === 'staff_verify_image')).toBe(false);
  });

  it('staff_locked returns to the PIN screen', async () => {
    await openVerify({ staff_verify_text: () => reject('staff_locked') });
    await scan('X');
    await screen.findByTestId('pin-screen');
  });

  it('forgets the result when another tab is opened', async () => {
    await openVerify();
    await scan('X');
    await screen.findByTestId('staff-verify-result');
    await fireEvent.click(screen.getByTestId('tab-skm'));
    await fireEvent.click(screen.getByTestId('tab-verify'));
    expect(screen.queryByTestId('staff-verify-result')).toBeNull();
    expect(screen.queryByText('Siti Rahmawati')).toBeNull();
  });
});

describe('read-file', () => {
  it('strips the data-URL prefix', () => {
    expect(dataUrlToBase64('data:image/png;base64,iVBORw0KGgo=')).toBe('iVBORw0KGgo=');
    expect(dataUrlToBase64('abc')).toBe('abc');
  });

  it('reads a blob as base64', async () => {
    await expect(readBase64(new Blob([PNG_BYTES], { type: 'image/png' }))).resolves.toBe('iVBORw0KGgo=');
  });
});
