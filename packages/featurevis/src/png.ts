import { deflateSync } from 'node:zlib';
import { checkHwcImage, type HwcImage } from '@branchscope/core';

/**
 * PNG colour type for 1 and 3 channels: grey, RGB. Never grey + alpha or RGBA: a second or fourth channel of an
 * image is an input channel, not transparency (`displayImage` in core says how to draw those).
 */
const COLOR_TYPE: Record<number, number> = { 1: 0, 3: 2 };

/** Fixed so the same pixels always give the same bytes (with the same zlib). */
const ZLIB_OPTIONS = { level: 9, memLevel: 9, windowBits: 15, strategy: 0 };

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

/** CRC-32 as PNG (and zlib) define it. */
export function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) c = CRC_TABLE[(c ^ bytes[i]) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length);
  for (let i = 0; i < 4; i++) out[4 + i] = type.charCodeAt(i);
  out.set(data, 8);
  view.setUint32(8 + data.length, crc32(out.subarray(4, 8 + data.length)));
  return out;
}

/**
 * Encodes an image with values in [0, 1] (clamped, rounded to 8 bits) as a PNG, deterministically: no
 * timestamps or text chunks, filter 0 on every row, fixed zlib settings. 1 channel (grey) or 3 (RGB); pass
 * other images through core's `displayImage` first.
 */
export function encodePng(image: HwcImage): Uint8Array {
  checkHwcImage(image, 'encodePng');
  const { data, height, width, channels } = image;
  const colorType = COLOR_TYPE[channels];
  if (colorType === undefined) {
    throw new RangeError(`encodePng: draws 1 channel (grey) or 3 (RGB), the image has ${channels}; draw it with displayImage first (no channel becomes alpha)`);
  }
  const rowBytes = width * channels;
  const raw = new Uint8Array(height * (rowBytes + 1));
  for (let y = 0; y < height; y++) {
    // Byte 0 of each row is the filter type, 0 (none), so the output does not depend on a filter heuristic.
    for (let i = 0; i < rowBytes; i++) {
      const v = data[y * rowBytes + i];
      if (!Number.isFinite(v)) throw new RangeError(`encodePng: value ${v} at row ${y}, index ${i} is not finite`);
      raw[y * (rowBytes + 1) + 1 + i] = Math.round(Math.min(1, Math.max(0, v)) * 255);
    }
  }
  const header = new Uint8Array(13);
  const view = new DataView(header.buffer);
  view.setUint32(0, width);
  view.setUint32(4, height);
  header.set([8, colorType, 0, 0, 0], 8); // bit depth, colour type, compression, filter, interlace
  const parts = [
    new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', new Uint8Array(deflateSync(raw, ZLIB_OPTIONS))),
    chunk('IEND', new Uint8Array(0)),
  ];
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.length;
  }
  return out;
}
