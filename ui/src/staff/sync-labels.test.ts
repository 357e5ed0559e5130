import { describe, expect, it } from 'vitest';
import { en } from '../lib/i18n/en';
import { id } from '../lib/i18n/id';
import { setLanguage } from '../lib/i18n/index.svelte';
import { OUTAGE_CAUSES, SYNC_KINDS, causeLabel, kindLabel, syncState } from './sync-labels';

describe('sync labels', () => {
  it('every kind and cause has a message in both languages', () => {
    for (const kind of SYNC_KINDS) {
      expect(id, kind).toHaveProperty([`sync.kind.${kind}`]);
      expect(en, kind).toHaveProperty([`sync.kind.${kind}`]);
    }
    for (const cause of OUTAGE_CAUSES) {
      expect(id, cause).toHaveProperty([`sync.cause.${cause}`]);
      expect(en, cause).toHaveProperty([`sync.cause.${cause}`]);
    }
  });

  it('translates known values and passes unknown ones through', () => {
    expect(kindLabel('survey_response')).toBe('Survei kepuasan');
    expect(causeLabel('http_5xx')).toBe('Server bermasalah (5xx)');
    setLanguage('en');
    expect(kindLabel('outage')).toBe('Outage record');
    expect(causeLabel('dns')).toBe('DNS name not found');
    expect(kindLabel('future_kind')).toBe('future_kind');
    expect(causeLabel('quantum')).toBe('quantum');
  });

  it('derives the delivery state', () => {
    expect(syncState({ paused: false, consecutive_failures: 0 })).toBe('ok');
    expect(syncState({ paused: false, consecutive_failures: 3 })).toBe('retrying');
    expect(syncState({ paused: true, consecutive_failures: 9 })).toBe('paused');
  });
});
