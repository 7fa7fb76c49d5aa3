import type { HwcImage } from './hwc-image';

/** Test support: builds a k × k × 3 image from f(y, x, channel), coordinates centred on the middle pixel. */
export function pattern(k: number, f: (y: number, x: number, c: number) => number): HwcImage {
  const data = new Float32Array(k * k * 3);
  const mid = (k - 1) / 2;
  for (let y = 0; y < k; y++) for (let x = 0; x < k; x++) for (let c = 0; c < 3; c++) data[(y * k + x) * 3 + c] = f(y - mid, x - mid, c);
  return { data, height: k, width: k, channels: 3 };
}

/** A grey grating with `frequency` cycles per pixel and its wave vector at `degrees` (rows going down). */
export const grating = (k: number, frequency: number, degrees: number): HwcImage => {
  const t = (degrees * Math.PI) / 180;
  return pattern(k, (y, x) => Math.cos(2 * Math.PI * frequency * (x * Math.cos(t) + y * Math.sin(t))));
};

export const gaussian = (y: number, x: number, sigma: number): number => Math.exp(-(x * x + y * y) / (2 * sigma * sigma));
