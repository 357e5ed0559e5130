import { expect, it } from 'vitest';
import { errorMessageKey, toIpcError } from './errors';

it('keeps our own {code, message} rejections', () => {
  expect(toIpcError({ code: 'not_found', message: 'no such application' })).toEqual({
    code: 'not_found',
    message: 'no such application',
  });
});

it('maps Tauri ACL strings and unknown shapes to internal', () => {
  const acl = 'staff_overview not allowed. Permissions associated with this command: core:default';
  expect(toIpcError(acl)).toEqual({ code: 'internal', message: acl });
  expect(toIpcError({ code: 'weird', message: 'x' })).toEqual({ code: 'internal', message: 'x' });
  expect(toIpcError(new TypeError('boom'))).toEqual({ code: 'internal', message: 'boom' });
  expect(toIpcError(undefined).code).toBe('internal');
  expect(toIpcError(42)).toEqual({ code: 'internal', message: '42' });
});

it('points every code at its error.<code> message', () => {
  expect(errorMessageKey('hub_unreachable')).toBe('error.hub_unreachable');
});
