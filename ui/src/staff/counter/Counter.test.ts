import { fireEvent, render, screen } from '@testing-library/svelte';
import { describe, expect, it, vi } from 'vitest';
import type { ApplicationDraft, InboxDocument, InboxReport, Problem } from '../../lib/ipc/bindings';
import { CATALOGUE } from '../../test/catalogue';
import { mockCommands } from '../../test/ipc';
import CounterView from './CounterView.svelte';

const doc = (n: number, file: string): InboxDocument => ({
  file,
  sha256: String(n).repeat(64),
  kind: 'pdf',
  pages: 1,
  bytes: 100,
  thumbnail: null,
});

function validate(d: ApplicationDraft): Problem[] {
  const p: Problem[] = [];
  if (d.applicant.nik.length !== 16) p.push({ field: 'applicant.nik', code: 'nik_length', message: '' });
  if (!d.documents['ktp']) p.push({ field: 'documents.ktp', code: 'document_missing', message: '' });
  if (!d.consent) p.push({ field: 'consent', code: 'consent', message: '' });
  return p;
}

async function setup(add: (name: string) => InboxReport) {
  const calls = mockCommands({
    catalogue: () => CATALOGUE,
    kelurahan_list: () => [],
    inbox_watch: () => ({ accepted: [], refused: [] }),
    inbox_remove: () => null,
    inbox_discard: () => null,
    apply_validate: (_, a) => validate((a as { draft: ApplicationDraft }).draft),
    apply_submit: () => ({ tracking_number: '26-001-00002-4', id: 'x', saved_at: '', online: true }),
    qr_svg: () => '<svg xmlns="http://www.w3.org/2000/svg"></svg>',
    staff_add_document: (_, a) => add((a as { name: string }).name),
  });
  render(CounterView, { onLocked: vi.fn() });
  await vi.waitFor(() => expect(screen.getByTestId('counter-service')).toBeTruthy());
  await vi.waitFor(() => expect(screen.getAllByRole('option').length).toBeGreaterThan(2));
  return calls;
}

const type = (id: string, value: string) => fireEvent.input(screen.getByTestId(id), { target: { value } });

describe('the counter application (staff window)', () => {
  it('takes the whole application by keyboard and a chosen file, with the same rules', async () => {
    const calls = await setup((name) => ({ accepted: [doc(1, name)], refused: [] }));
    await fireEvent.change(screen.getByTestId('counter-service'), { target: { value: 'skp-penelitian' } });
    await type('counter-nik', '187201540890000');
    await fireEvent.click(screen.getByTestId('counter-submit'));
    await vi.waitFor(() => expect(screen.getByTestId('counter-blocked')).toBeTruthy());
    const problems = screen.getAllByTestId('counter-problem').map((e) => e.textContent);
    expect(problems).toContain('NIK harus 16 angka.');
    expect(problems).toContain('Dokumen ini belum ada.');

    await type('counter-nik', '1872015408900002');
    const file = new File(['%PDF-1.4 ktp'], 'ktp.pdf', { type: 'application/pdf' });
    await fireEvent.change(screen.getByTestId('counter-file-ktp'), { target: { files: [file] } });
    await vi.waitFor(() => expect(screen.getByTestId('counter-doc-name-ktp').textContent).toContain('ktp.pdf'));
    await fireEvent.click(screen.getByTestId('counter-consent'));
    await fireEvent.click(screen.getByTestId('counter-submit'));
    await vi.waitFor(() => expect(screen.getByTestId('counter-tracking-number').textContent).toBe('26-001-00002-4'));
    const sent = calls.find((c) => c.cmd === 'apply_submit')!.args as { draft: ApplicationDraft };
    expect(sent.draft.documents).toEqual({ ktp: doc(1, '').sha256 });
    expect(sent.draft.applicant.nik).toBe('1872015408900002');
  });

  it('names why a chosen file was refused', async () => {
    await setup((name) => ({ accepted: [], refused: [{ file: name, reason: 'not_a_document' }] }));
    await fireEvent.change(screen.getByTestId('counter-service'), { target: { value: 'skp-penelitian' } });
    const file = new File(['PK\x03\x04'], 'arsip.pdf', { type: 'application/pdf' });
    await fireEvent.change(screen.getByTestId('counter-file-ktp'), { target: { files: [file] } });
    await vi.waitFor(() =>
      expect(screen.getByTestId('counter-refused').textContent).toContain('bukan PDF, JPG, atau PNG'),
    );
  });
});
