import { afterEach, expect, it } from 'vitest';
import { hardenKiosk } from './kiosk-hardening';

let undo: (() => void) | null = null;
afterEach(() => {
  undo?.();
  undo = null;
});

const dispatch = (event: Event) => {
  document.body.dispatchEvent(event);
  return event.defaultPrevented;
};

it('blocks the context menu, dragging, dropping and zooming but not normal keys', () => {
  undo = hardenKiosk(window);
  expect(document.documentElement.classList.contains('kiosk')).toBe(true);
  expect(dispatch(new MouseEvent('contextmenu', { bubbles: true, cancelable: true }))).toBe(true);
  expect(dispatch(new Event('dragstart', { bubbles: true, cancelable: true }))).toBe(true);
  expect(dispatch(new Event('dragover', { bubbles: true, cancelable: true }))).toBe(true);
  expect(dispatch(new Event('drop', { bubbles: true, cancelable: true }))).toBe(true);
  expect(dispatch(new Event('gesturestart', { bubbles: true, cancelable: true }))).toBe(true);
  expect(dispatch(new WheelEvent('wheel', { bubbles: true, cancelable: true, ctrlKey: true }))).toBe(true);
  expect(dispatch(new WheelEvent('wheel', { bubbles: true, cancelable: true }))).toBe(false);
  for (const key of ['+', '-', '=', '0']) {
    expect(dispatch(new KeyboardEvent('keydown', { key, ctrlKey: true, bubbles: true, cancelable: true }))).toBe(true);
  }
  expect(dispatch(new KeyboardEvent('keydown', { key: '0', bubbles: true, cancelable: true }))).toBe(false);
  expect(dispatch(new KeyboardEvent('keydown', { key: 's', ctrlKey: true, altKey: true, bubbles: true, cancelable: true }))).toBe(false);
});

it('can be undone', () => {
  hardenKiosk(window)();
  expect(document.documentElement.classList.contains('kiosk')).toBe(false);
  expect(dispatch(new MouseEvent('contextmenu', { bubbles: true, cancelable: true }))).toBe(false);
});
