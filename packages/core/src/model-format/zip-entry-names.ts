const u16 = (b: Uint8Array, at: number): number => b[at]! | (b[at + 1]! << 8);
const u32 = (b: Uint8Array, at: number): number => (b[at]! | (b[at + 1]! << 8) | (b[at + 2]! << 16) | (b[at + 3]! << 24)) >>> 0;
const u64 = (b: Uint8Array, at: number): number => u32(b, at) + u32(b, at + 4) * 2 ** 32;

const LOCAL_HEADER = 0x04034b50;
const CENTRAL_HEADER = 0x02014b50;
const END_OF_CENTRAL = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_END = 0x06064b50;
const MAX_NAMES = 100_000;
const utf8 = new TextDecoder();

/** True when the bytes start like a zip archive (a local file header, or the end record of an empty one). */
export const isZip = (bytes: Uint8Array): boolean => bytes.length >= 4 && (u32(bytes, 0) === LOCAL_HEADER || u32(bytes, 0) === END_OF_CENTRAL);

/** Where the central directory starts, from the end record (zip64 too), or undefined when it cannot be found. */
function centralDirectoryOffset(bytes: Uint8Array): number | undefined {
  // The end record is 22 bytes plus a comment of at most 65535 bytes.
  for (let at = bytes.length - 22; at >= Math.max(0, bytes.length - 22 - 0xffff); at--) {
    if (u32(bytes, at) !== END_OF_CENTRAL) continue;
    const offset = u32(bytes, at + 16);
    if (offset !== 0xffffffff) return offset;
    const locator = at - 20;
    if (locator < 0 || u32(bytes, locator) !== ZIP64_LOCATOR) return undefined;
    const end64 = u64(bytes, locator + 8);
    return end64 + 56 <= bytes.length && u32(bytes, end64) === ZIP64_END ? u64(bytes, end64 + 48) : undefined;
  }
  return undefined;
}

function centralNames(bytes: Uint8Array, offset: number): string[] | undefined {
  const names: string[] = [];
  let at = offset;
  while (at + 46 <= bytes.length && u32(bytes, at) === CENTRAL_HEADER && names.length < MAX_NAMES) {
    const nameLength = u16(bytes, at + 28);
    names.push(utf8.decode(bytes.subarray(at + 46, at + 46 + nameLength)));
    at += 46 + nameLength + u16(bytes, at + 30) + u16(bytes, at + 32);
  }
  return names.length > 0 ? names : undefined;
}

/** Entry names from the local headers, front to back; stops at an entry whose size is only given after its data. */
function localNames(bytes: Uint8Array): string[] {
  const names: string[] = [];
  let at = 0;
  while (at + 30 <= bytes.length && u32(bytes, at) === LOCAL_HEADER && names.length < MAX_NAMES) {
    const nameLength = u16(bytes, at + 26);
    names.push(utf8.decode(bytes.subarray(at + 30, at + 30 + nameLength)));
    const sizeFollows = (u16(bytes, at + 6) & 0x8) !== 0;
    const size = u32(bytes, at + 18);
    if (sizeFollows && size === 0) break;
    at += 30 + nameLength + u16(bytes, at + 28) + size;
  }
  return names;
}

/**
 * The entry names of a zip archive: from its central directory when the bytes hold it (the whole file), else from
 * the local headers in the bytes given. Empty when the bytes are not a zip archive.
 */
export function zipEntryNames(bytes: Uint8Array): string[] {
  if (!isZip(bytes)) return [];
  const offset = centralDirectoryOffset(bytes);
  return (offset !== undefined ? centralNames(bytes, offset) : undefined) ?? localNames(bytes);
}
