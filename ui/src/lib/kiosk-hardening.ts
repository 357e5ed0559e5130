const ZOOM_KEYS = new Set(['+', '-', '=', '_', '0', 'Add', 'Subtract']);

/**
 * Stops the browser behaviours an unattended touch kiosk must not offer:
 * context menu, zooming (wheel, keys, pinch gestures), dragging things out, and taking
 * anything dropped in (a link or a file dropped on a web view would otherwise be opened).
 * Returns a function that undoes it (for tests).
 */
export function hardenKiosk(win: Window = window): () => void {
  const prevent = (event: Event) => event.preventDefault();
  const onWheel = (event: WheelEvent) => {
    if (event.ctrlKey || event.metaKey) event.preventDefault();
  };
  const onKey = (event: KeyboardEvent) => {
    if ((event.ctrlKey || event.metaKey) && ZOOM_KEYS.has(event.key)) event.preventDefault();
  };
  const onTouchMove = (event: TouchEvent) => {
    if (event.touches.length > 1) event.preventDefault();
  };

  const listeners: [string, EventListener, AddEventListenerOptions][] = [
    ['contextmenu', prevent, { capture: true }],
    ['dragstart', prevent, { capture: true }],
    ['dragover', prevent, { capture: true }],
    ['drop', prevent, { capture: true }],
    ['gesturestart', prevent, { capture: true }],
    ['gesturechange', prevent, { capture: true }],
    ['wheel', onWheel as EventListener, { capture: true, passive: false }],
    ['keydown', onKey as EventListener, { capture: true }],
    ['touchmove', onTouchMove as EventListener, { capture: true, passive: false }],
  ];
  for (const [type, listener, options] of listeners) win.addEventListener(type, listener, options);
  win.document.documentElement.classList.add('kiosk');

  return () => {
    for (const [type, listener, options] of listeners) win.removeEventListener(type, listener, options);
    win.document.documentElement.classList.remove('kiosk');
  };
}
