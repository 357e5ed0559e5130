import { commands } from './ipc/bindings';

/**
 * A QR code of `text` as an image source. The backend draws the SVG; it enters the page only
 * as a data URL, never as markup.
 */
export async function qrDataUrl(text: string): Promise<string> {
  const svg = await commands.qrSvg(text);
  return `data:image/svg+xml;utf8,${encodeURIComponent(svg)}`;
}
