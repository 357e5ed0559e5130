import { fireEvent, screen } from '@testing-library/svelte';
import { describe, expect, it, vi } from 'vitest';
import { reject, type Handler } from '../test/ipc';
import { enterPin, renderStaff, text } from '../test/staff';

type Select = { db: string; query: string; values: unknown[] };

/** The SQL plugin, answering from fixed figures as the statistics database would. */
function plugin(loaded: string[]): Record<string, Handler> {
  return {
    staff_stats: () => 'sqlite:anjungan-stats',
    'plugin:sql|load': (_cmd, args) => {
      const db = (args as { db: string }).db;
      loaded.push(db);
      return db;
    },
    'plugin:sql|select': (_cmd, args) => {
      const { query, db } = args as Select;
      if (db !== 'sqlite:anjungan-stats') throw new Error(`database ${db} not loaded`);
      if (query.includes('FROM meta')) return [{ value: '2026-11-30T09:00:00+07:00' }];
      if (query.includes('FROM actions'))
        return [
          { kind: 'application', delivered: 12, waiting: 2, dead: 0 },
          { kind: 'verification', delivered: 30, waiting: 0, dead: 1 },
        ];
      if (query.includes('FROM verdicts'))
        return [
          { verdict: 'ASLI', n: 25 },
          { verdict: 'DICABUT', n: 3 },
        ];
      if (query.includes('FROM outages')) return [{ n: 2, seconds: 3.25 * 3600 }];
      if (query.includes('FROM skm_elements')) return [{ n: 41 }];
      return [];
    },
  };
}

async function openStats(handlers: Record<string, Handler>) {
  const calls = renderStaff({ kind: 'granted' }, handlers);
  await enterPin('123456');
  await screen.findByTestId('staff-overview');
  await fireEvent.click(screen.getByTestId('tab-stats'));
  return calls;
}

describe('the staff figures', () => {
  it('selects from the statistics database the app names to the SQL plugin and shows the figures', async () => {
    const loaded: string[] = [];
    await openStats(plugin(loaded));
    await vi.waitFor(() => expect(text('stats-surveys')).toBe('41'));
    // The app opened it and named it; the window loads no database itself.
    expect(loaded).toEqual([]);
    expect(text('stats-kind-application')).toContain('Permohonan izin');
    expect(text('stats-kind-application')).toContain('12');
    expect(text('stats-outages')).toBe('2 kali, 3 jam 15 menit');
    expect(text('stats-verdicts')).toContain('ASLI: 25');
    expect(text('stats-verdicts')).toContain('DICABUT: 3');
    await fireEvent.click(screen.getByTestId('lang-switch'));
    expect(text('stats-kind-application')).toContain('Permit applications');
  });

  it('an ended session shows the PIN screen again', async () => {
    await openStats({ ...plugin([]), staff_stats: () => reject('staff_locked') });
    await screen.findByTestId('pin-screen');
  });
});
