const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const b of bytes) crc = CRC_TABLE[(crc ^ b) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

/** A valid zip archive of `entries`, stored uncompressed, as PyTorch and Keras write theirs. */
export function zipArchive(entries: ReadonlyArray<{ name: string; data: Uint8Array | string }>): Uint8Array {
  const local: number[] = [];
  const central: number[] = [];
  const le = (value: number, size: number): number[] => Array.from({ length: size }, (_, i) => Math.floor(value / 256 ** i) % 256);
  for (const entry of entries) {
    const name = new TextEncoder().encode(entry.name);
    const data = typeof entry.data === 'string' ? new TextEncoder().encode(entry.data) : entry.data;
    const crc = crc32(data);
    const offset = local.length;
    // version, flags, method 0 (stored), time, date, crc, sizes, name length, extra length
    const common = [...le(20, 2), ...le(0, 2), ...le(0, 2), ...le(0, 2), ...le(0x21, 2), ...le(crc, 4), ...le(data.length, 4), ...le(data.length, 4), ...le(name.length, 2), ...le(0, 2)];
    local.push(...le(0x04034b50, 4), ...common, ...name, ...data);
    central.push(...le(0x02014b50, 4), ...le(20, 2), ...common, ...le(0, 2), ...le(0, 2), ...le(0, 2), ...le(0, 4), ...le(offset, 4), ...name);
  }
  const end = [...le(0x06054b50, 4), ...le(0, 4), ...le(entries.length, 2), ...le(entries.length, 2), ...le(central.length, 4), ...le(local.length, 4), ...le(0, 2)];
  return Uint8Array.from([...local, ...central, ...end]);
}
