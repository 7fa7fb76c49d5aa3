/** A decoded GIMP pattern: row-major bytes, `channels` per pixel (1 grey, 2 grey+alpha, 3 RGB, 4 RGBA). */
export interface GimpPattern {
  name: string;
  width: number;
  height: number;
  channels: number;
  data: Uint8Array;
}

const MAGIC = 0x47504154; // "GPAT"

/**
 * Decodes a GIMP pattern file (`.pat`, version 1): a big-endian header (header size, version, width, height,
 * bytes per pixel, "GPAT", a NUL-terminated name) followed by the raw pixels. `file` names it in errors.
 * @throws Error naming the file and what is wrong with it (short, wrong magic, bad size).
 */
export function decodeGimpPattern(bytes: Uint8Array, file: string): GimpPattern {
  const fail = (why: string): never => {
    throw new Error(`cannot read GIMP pattern '${file}': ${why}`);
  };
  if (bytes.length < 24) fail(`${bytes.length} bytes is shorter than the 24-byte header`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const headerSize = view.getUint32(0);
  const version = view.getUint32(4);
  const width = view.getUint32(8);
  const height = view.getUint32(12);
  const channels = view.getUint32(16);
  if (view.getUint32(20) !== MAGIC) fail('no GPAT magic number');
  if (version !== 1) fail(`version ${version} is not supported (only 1)`);
  if (channels < 1 || channels > 4) fail(`${channels} bytes per pixel (expected 1 to 4)`);
  if (width < 1 || height < 1 || width > 8192 || height > 8192) fail(`size ${width} x ${height} is out of range`);
  if (headerSize < 24 || headerSize > bytes.length) fail(`header size ${headerSize} does not fit the file`);
  const need = headerSize + width * height * channels;
  if (bytes.length < need) fail(`${bytes.length} bytes, but ${width} x ${height} x ${channels} pixels need ${need}`);
  const nameBytes = bytes.subarray(24, headerSize);
  const end = nameBytes.indexOf(0);
  const name = new TextDecoder().decode(end >= 0 ? nameBytes.subarray(0, end) : nameBytes);
  return { name, width, height, channels, data: bytes.slice(headerSize, need) };
}

/** Encodes a pattern as a `.pat` file: the inverse of {@link decodeGimpPattern}, for tests and fixtures. */
export function encodeGimpPattern(p: GimpPattern): Uint8Array {
  const name = new TextEncoder().encode(`${p.name}\0`);
  const headerSize = 24 + name.length;
  const out = new Uint8Array(headerSize + p.data.length);
  const view = new DataView(out.buffer);
  [headerSize, 1, p.width, p.height, p.channels, MAGIC].forEach((v, i) => view.setUint32(4 * i, v));
  out.set(name, 24);
  out.set(p.data, headerSize);
  return out;
}
