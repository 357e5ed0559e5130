import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
} from 'chart.js';
import { locale } from '../lib/i18n/index.svelte';

// Only what the SKM dashboard draws is registered (keeps the bundle small).
// Chart.js draws on a canvas and needs no eval, so it works under the strict CSP.
Chart.register(
  BarController,
  BarElement,
  LineController,
  LineElement,
  PointElement,
  CategoryScale,
  LinearScale,
  Tooltip,
  Legend,
);

export { Chart };

/** Colours as literals: a canvas cannot read CSS variables. */
export const CHART_COLOURS = {
  bar: '#0b4f8a',
  lowest: '#c2410c',
  line: '#0b4f8a',
  grid: '#c5d3e0',
  ink: '#14202b',
} as const;

/** The 2D context, or null where there is none (jsdom in tests): then no chart is drawn. */
export function context2d(canvas: HTMLCanvasElement | undefined): CanvasRenderingContext2D | null {
  if (!canvas) return null;
  try {
    return canvas.getContext('2d');
  } catch {
    return null;
  }
}

/** The options every SKM chart shares; each adds its own axes. */
export function chartOptions() {
  return {
    locale: locale(),
    animation: false,
    maintainAspectRatio: false,
    plugins: { legend: { display: false } },
  } as const;
}
