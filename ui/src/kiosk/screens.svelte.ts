/**
 * The kiosk's screens beyond home, each built into a chunk of its own: the home screen is
 * parsed, run and painted without them (they are most of the script), and they load right
 * after it is on the glass (`preloadScreens`), long before a finger reaches a tile. A screen
 * asked for before its chunk has arrived shows as soon as it has: a few milliseconds from the
 * app's own files. docs/benchmarks.md ("Start-up and memory") has the effect.
 */
import type { Component } from 'svelte';

const loaders = {
  apply: () => import('./apply/ApplyScreen.svelte'),
  complaint: () => import('./complaint/ComplaintScreen.svelte'),
  info: () => import('./info/InfoScreen.svelte'),
  status: () => import('./StatusScreen.svelte'),
  survey: () => import('./SurveyScreen.svelte'),
  unavailable: () => import('./UnavailableScreen.svelte'),
  verify: () => import('./VerifyScreen.svelte'),
};

export type LazyScreen = keyof typeof loaders;

type Loaded = {
  [K in LazyScreen]?: Awaited<ReturnType<(typeof loaders)[K]>>['default'];
};

const loaded: Loaded = $state({});
/** Chunks asked for (not reactive: only `loaded` drives the screen). */
const pending: Partial<Record<LazyScreen, Promise<void>>> = {};

function load(name: LazyScreen): Promise<void> {
  let started = pending[name];
  if (!started) {
    started = loaders[name]().then((module) => {
      (loaded as Record<LazyScreen, Component<never>>)[name] = module.default as Component<never>;
    });
    // A chunk that failed to load (never expected from the app's own files) is asked again
    // the next time the screen is wanted.
    started.catch(() => delete pending[name]);
    pending[name] = started;
  }
  return started;
}

/**
 * The screen's component once its chunk is here; until then `undefined`, and the chunk is
 * on its way (the caller's template shows the screen when this changes).
 */
export function screen<K extends LazyScreen>(name: K): Loaded[K] {
  const component = loaded[name];
  if (!component) void load(name).catch(() => {});
  return component;
}

/** Loads every screen's chunk; the kiosk calls it once the home screen is painted. */
export function preloadScreens(): Promise<void> {
  return Promise.all((Object.keys(loaders) as LazyScreen[]).map(load)).then(() => undefined);
}
