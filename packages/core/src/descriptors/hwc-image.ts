/** An image (or a filter seen as one) as plain numbers: row-major, channels last (HWC). */
export interface HwcImage {
  data: Float32Array;
  height: number;
  width: number;
  channels: number;
}

/** Checks that `data` holds exactly height × width × channels values; `what` names the image in the error. */
export function checkHwcImage(image: HwcImage, what = 'image'): void {
  const { data, height, width, channels } = image;
  for (const [key, value] of [['height', height], ['width', width], ['channels', channels]] as const) {
    if (!Number.isInteger(value) || value < 1) throw new RangeError(`${what}: ${key} must be a positive integer, got ${value}`);
  }
  if (data.length !== height * width * channels) {
    throw new RangeError(`${what}: ${height} x ${width} x ${channels} needs ${height * width * channels} values, got ${data.length}`);
  }
}
