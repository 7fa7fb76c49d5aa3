import { describe, expect, it } from 'vitest';
import { decodeGimpPattern, encodeGimpPattern } from './gimp-pattern';

describe('decodeGimpPattern', () => {
  it('reads back the name, size and pixels of an encoded pattern', () => {
    const data = Uint8Array.from({ length: 2 * 3 * 3 }, (_, i) => i * 10);
    const p = decodeGimpPattern(encodeGimpPattern({ name: 'Wood', width: 2, height: 3, channels: 3, data }), 'wood.pat');
    expect(p).toMatchObject({ name: 'Wood', width: 2, height: 3, channels: 3 });
    expect(Array.from(p.data)).toEqual(Array.from(data));
  });

  it('names the file when the magic number is wrong', () => {
    const bytes = encodeGimpPattern({ name: 'x', width: 1, height: 1, channels: 1, data: Uint8Array.of(5) });
    bytes[20] = 0;
    expect(() => decodeGimpPattern(bytes, 'broken.pat')).toThrow(/'broken\.pat': no GPAT magic number/);
  });

  it('names the file when the pixels are cut short', () => {
    const bytes = encodeGimpPattern({ name: 'x', width: 4, height: 4, channels: 3, data: new Uint8Array(48) });
    expect(() => decodeGimpPattern(bytes.subarray(0, bytes.length - 1), 'short.pat')).toThrow(/'short\.pat': .* need/);
  });
});
