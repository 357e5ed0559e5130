import { describe, expect, it, vi } from 'vitest';
import { BOOT_GLOBAL, maintenanceAtStart } from './boot';

describe('maintenanceAtStart', () => {
  it('takes the answer the shell handed over, without asking', async () => {
    const ask = vi.fn();
    expect(await maintenanceAtStart(ask, { [BOOT_GLOBAL]: { maintenance: null } })).toBeNull();
    expect(
      await maintenanceAtStart(ask, { [BOOT_GLOBAL]: { maintenance: { reason: 'damaged' } } }),
    ).toEqual({ reason: 'damaged' });
    expect(ask).not.toHaveBeenCalled();
  });

  it('asks the backend when nothing was handed over, and treats failure as normal', async () => {
    expect(await maintenanceAtStart(() => Promise.resolve({ reason: 'disk_full' }), {})).toEqual({
      reason: 'disk_full',
    });
    expect(await maintenanceAtStart(() => Promise.reject(new Error('no backend')), {})).toBeNull();
    expect(await maintenanceAtStart(() => Promise.resolve(null), { [BOOT_GLOBAL]: 42 })).toBeNull();
  });
});
