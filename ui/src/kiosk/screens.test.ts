import { describe, expect, it, vi } from 'vitest';


describe('screens loaded on demand', () => {
  it('a tile tapped before its screen has loaded opens it once the chunk is here', async () => {
    // Fresh modules: nothing preloaded, as in the moment after the first paint.
    vi.resetModules();
    const { fireEvent, render, screen } = await import('@testing-library/svelte');
    const { default: KioskApp } = await import('../KioskApp.svelte');
    const { APP_INFO, mockCommands } = await import('../test/ipc');
    mockCommands({ app_info: () => APP_INFO });
    render(KioskApp);
    await screen.findByTestId('home-title');
    await fireEvent.click(screen.getByTestId('tile-status'));
    expect(await screen.findByTestId('status-screen')).toBeTruthy();
    expect(screen.queryByTestId('home-title')).toBeNull();
  });

  it('preloading fetches every screen once', async () => {
    vi.resetModules();
    const screens = await import('./screens.svelte');
    expect(screens.screen('verify')).toBeUndefined();
    await screens.preloadScreens();
    expect(screens.screen('verify')).toBeTruthy();
    expect(screens.screen('apply')).toBeTruthy();
  });
});
