import { render, screen } from '@testing-library/svelte';
import { afterEach, describe, expect, it } from 'vitest';
import KioskApp from '../KioskApp.svelte';
import { screenText, setSpeechEnabled, spokenDigits } from '../lib/speech.svelte';
import { APP_INFO, mockCommands, tap } from '../test/ipc';

afterEach(() => setSpeechEnabled(false));

async function renderKiosk(speech: boolean) {
  const calls = mockCommands({ app_info: () => ({ ...APP_INFO, speech }), speak: () => null });
  render(KioskApp);
  await screen.findByTestId('home-title');
  return calls;
}

describe('spoken guidance', () => {
  it('has no "Dengarkan" button where the site has speech off (the default)', async () => {
    const calls = await renderKiosk(false);
    expect(screen.queryByTestId('listen')).toBeNull();
    expect(calls.some((c) => c.cmd === 'speak')).toBe(false);
  });

  it('reads the home screen\'s instructions, not the header, in the screen\'s language', async () => {
    const calls = await renderKiosk(true);
    const listen = await screen.findByTestId('listen');
    expect(listen.textContent).toContain('Dengarkan');
    await tap(listen);
    const spoken = calls.filter((c) => c.cmd === 'speak');
    expect(spoken).toHaveLength(1);
    const { text, language } = spoken[0].args as { text: string; language: string };
    expect(language).toBe('id');
    expect(text).toContain('Silakan pilih layanan.');
    expect(text).toContain('Sentuh salah satu kotak di bawah ini.');
    expect(text).not.toContain('DPMPTSP');
    expect(text).not.toContain('Dengarkan');

    await tap(screen.getByTestId('lang-switch'));
    await tap(screen.getByTestId('listen'));
    const english = calls.filter((c) => c.cmd === 'speak')[1].args as { text: string; language: string };
    expect(english.language).toBe('en');
    expect(english.text).not.toContain('Silakan');
  });

  it('reads a screen\'s heading and hint, in order, and skips what is hidden', () => {
    document.body.innerHTML = `
      <header><p>Kantor</p></header>
      <main><h1>Cek Status</h1><p>lain</p><p class="kiosk-hint">Ketik nomor</p>
      <div aria-hidden="true"><h2>tersembunyi</h2></div>
      <p role="alert"><strong data-speak>Nomor salah</strong></p></main>`;
    expect(screenText()).toBe('Cek Status. Ketik nomor. Nomor salah.');
    document.body.innerHTML = '';
  });

  it('reads numbers digit by digit in their printed groups', () => {
    expect(spokenDigits('26-000-00105-7')).toBe('2 6, 0 0 0, 0 0 1 0 5, 7');
    expect(spokenDigits('  ')).toBe('');
  });
});
