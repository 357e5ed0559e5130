import { fireEvent, render, screen } from '@testing-library/svelte';
import { describe, expect, it, vi } from 'vitest';
import KioskApp from '../KioskApp.svelte';
import { LARGE_TEXT_SCALE, largeText, resetTextSize, setLargeText } from '../lib/text-size.svelte';
import { APP_INFO, mockCommands, tap } from '../test/ipc';

const root = () => document.documentElement;
const scale = () => root().style.getPropertyValue('--text-scale');
const button = () => screen.getByTestId('text-size-switch');

async function renderKiosk() {
  mockCommands({ app_info: () => APP_INFO });
  render(KioskApp);
  await screen.findByTestId('home-title');
}

describe('text size state', () => {
  it('sets and clears the scale on the document root', () => {
    expect(largeText()).toBe(false);
    setLargeText(true);
    expect(largeText()).toBe(true);
    expect(scale()).toBe(String(LARGE_TEXT_SCALE));
    expect(root().classList.contains('large-text')).toBe(true);
    resetTextSize();
    expect(largeText()).toBe(false);
    expect(scale()).toBe('');
    expect(root().classList.contains('large-text')).toBe(false);
  });

  it('makes text about a quarter larger', () => {
    expect(LARGE_TEXT_SCALE).toBeGreaterThanOrEqual(1.25);
    expect(LARGE_TEXT_SCALE).toBeLessThanOrEqual(1.3);
  });
});

describe('the "Huruf besar" switch', () => {
  it('is in the header, off at first, labelled in Indonesian and English', async () => {
    await renderKiosk();
    expect(button().textContent).toContain('Huruf besar');
    expect(button().getAttribute('aria-pressed')).toBe('false');
    await fireEvent.click(screen.getByTestId('lang-switch'));
    expect(button().textContent).toContain('Large text');
    expect(button().textContent).not.toContain('Huruf besar');
  });

  it('a tap turns large text on, another turns it off', async () => {
    await renderKiosk();
    await tap(button());
    expect(button().getAttribute('aria-pressed')).toBe('true');
    expect(scale()).toBe(String(LARGE_TEXT_SCALE));
    expect(root().classList.contains('large-text')).toBe(true);

    await tap(button());
    expect(button().getAttribute('aria-pressed')).toBe('false');
    expect(scale()).toBe('');
    expect(root().classList.contains('large-text')).toBe(false);
  });

  it('stays on when the citizen goes to a service and back home', async () => {
    await renderKiosk();
    await tap(button());
    await tap(screen.getByTestId('tile-status'));
    expect(screen.getByTestId('status-screen')).toBeTruthy();
    expect(button().getAttribute('aria-pressed')).toBe('true');
    await tap(screen.getByTestId('back-home'));
    expect(screen.getByTestId('home-title')).toBeTruthy();
    expect(largeText()).toBe(true);
    expect(button().getAttribute('aria-pressed')).toBe('true');
  });
});

describe('the idle wipe', () => {
  const SHORT = { ...APP_INFO, idle_timeout_s: 10, idle_warning_s: 4 };

  async function startIdle() {
    vi.useFakeTimers();
    mockCommands({ app_info: () => SHORT });
    render(KioskApp);
    await vi.advanceTimersByTimeAsync(0);
  }

  it('turns large text off when it was left on the home screen', async () => {
    await startIdle();
    await tap(button());
    expect(largeText()).toBe(true);
    await vi.advanceTimersByTimeAsync(6_500);
    expect(screen.getByTestId('idle-warning')).toBeTruthy();
    await vi.advanceTimersByTimeAsync(4_500);
    expect(largeText()).toBe(false);
    expect(scale()).toBe('');
    expect(button().getAttribute('aria-pressed')).toBe('false');
  });

  it('turns large text off together with the rest of the session', async () => {
    await startIdle();
    await tap(button());
    await fireEvent.click(screen.getByTestId('lang-switch'));
    await tap(screen.getByTestId('tile-status'));
    await vi.advanceTimersByTimeAsync(11_000);
    expect(screen.queryByTestId('status-screen')).toBeNull();
    expect(screen.getByTestId('home-title')).toBeTruthy();
    expect(largeText()).toBe(false);
    expect(root().classList.contains('large-text')).toBe(false);
    expect(button().textContent).toContain('Huruf besar');
  });
});
