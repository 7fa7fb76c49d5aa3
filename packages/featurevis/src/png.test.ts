import { afterAll, describe, expect, it } from 'vitest';
import { inflateSync } from 'node:zlib';
import { crc32, encodePng } from './png';
import { PLANTED, plantedModel } from './planted-filters.test-support';
import { renderFeatures } from './render';
import { useBackend } from '@branchscope/runtime/testing';

/** Splits a PNG into its chunks after checking the signature. */
function chunks(png: Uint8Array): { type: string; data: Uint8Array; crc: number }[] {
  expect(Array.from(png.subarray(0, 8))).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  const out = [];
  for (let at = 8; at < png.length; ) {
    const length = view.getUint32(at);
    const type = String.fromCharCode(...png.subarray(at + 4, at + 8));
    out.push({ type, data: png.subarray(at + 8, at + 8 + length), crc: view.getUint32(at + 8 + length) });
    at += 12 + length;
  }
  return out;
}

describe('encodePng', () => {
  afterAll(() => useBackend('cpu'));

  it('computes the standard CRC-32 (the IEND chunk CRC is AE426082)', () => {
    expect(crc32(new TextEncoder().encode('IEND')).toString(16)).toBe('ae426082');
  });

  it('writes IHDR, IDAT and IEND with a valid CRC each', () => {
    const png = encodePng({ data: new Float32Array(2 * 3 * 3), height: 2, width: 3, channels: 3 });
    const parts = chunks(png);
    expect(parts.map((p) => p.type)).toEqual(['IHDR', 'IDAT', 'IEND']);
    for (const p of parts) {
      const typed = new Uint8Array([...new TextEncoder().encode(p.type), ...p.data]);
      expect(p.crc).toBe(crc32(typed));
    }
    const ihdr = new DataView(parts[0].data.buffer, parts[0].data.byteOffset);
    expect([ihdr.getUint32(0), ihdr.getUint32(4), parts[0].data[8], parts[0].data[9]]).toEqual([3, 2, 8, 2]);
  });

  it('stores each value as round(255 v), clamped, behind a filter byte 0 per row', () => {
    const data = Float32Array.from([0, 0.5, 1, 1.7, -0.2, 0.25]);
    const png = encodePng({ data, height: 2, width: 3, channels: 1 });
    const raw = inflateSync(chunks(png)[1].data);
    expect(Array.from(raw)).toEqual([0, 0, 128, 255, 0, 255, 0, 64]);
  });

  it('rejects channel counts it would have to put into alpha, and non-finite values, with the reason', () => {
    for (const channels of [2, 4, 5]) {
      expect(() => encodePng({ data: new Float32Array(channels), height: 1, width: 1, channels })).toThrow(
        `draws 1 channel (grey) or 3 (RGB), the image has ${channels}; draw it with displayImage first (no channel becomes alpha)`,
      );
    }
    expect(() => encodePng({ data: Float32Array.from([0, NaN]), height: 1, width: 2, channels: 1 })).toThrow('value NaN at row 0, index 1');
  });

  it.each(['cpu', 'wasm'] as const)('gives byte-identical PNGs for the same render and seed on %s', async (backend) => {
    await useBackend(backend);
    const planted = plantedModel(PLANTED);
    const render = async (seed: number) => {
      const result = await renderFeatures({ model: planted.model, inputSize: 16, channels: 3, inputRange: [-1, 1], units: [1], steps: 6, seed });
      return Buffer.from(encodePng(result.images[0]));
    };
    const [a, b, c] = [await render(3), await render(3), await render(4)];
    planted.dispose();
    expect(a.equals(b)).toBe(true);
    expect(a.equals(c)).toBe(false);
  });
});
