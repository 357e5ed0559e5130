/** The largest photo or scan the staff window sends for a permit check. */
export const MAX_IMAGE_BYTES = 20 * 1024 * 1024;

/** Strips the `data:<type>;base64,` prefix of a data URL. */
export function dataUrlToBase64(dataUrl: string): string {
  const comma = dataUrl.indexOf(',');
  return comma === -1 ? dataUrl : dataUrl.slice(comma + 1);
}

/** Reads a file as base64, without the data-URL prefix. */
export function readBase64(file: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => {
      if (typeof reader.result === 'string') resolve(dataUrlToBase64(reader.result));
      else reject(new Error('unexpected FileReader result'));
    };
    reader.onerror = () => reject(reader.error ?? new Error('FileReader failed'));
    reader.readAsDataURL(file);
  });
}
