/** One field of a protobuf message, as the wire format gives it (no schema needed). */
export interface ProtoField {
  field: number;
  /** 0 varint, 1 fixed64, 2 length-delimited, 5 fixed32. */
  wireType: number;
  /** A varint's value (wire type 0); large values lose precision, which a sniffer can live with. */
  value: number;
  /** Where a length-delimited field's payload lies: bytes[start, end). */
  start: number;
  end: number;
}

/** The varint at `pos` and the position after it, or undefined when the bytes end first or it runs over 10 bytes. */
function readVarint(bytes: Uint8Array, pos: number, end: number): [number, number] | undefined {
  let value = 0;
  let scale = 1;
  for (let i = 0; i < 10 && pos < end; i++) {
    const byte = bytes[pos++]!;
    value += (byte & 0x7f) * scale;
    if ((byte & 0x80) === 0) return [value, pos];
    scale *= 128;
  }
  return undefined;
}

/**
 * The fields of the message in `bytes[start, end)`, in order, or undefined when those bytes are not well-formed
 * protobuf (a field number of 0, a group, a length that runs past the end, ...). Stops after `maxFields` fields,
 * returning those read, so a sniffer can look at the start of a long message cheaply.
 */
export function protoFields(bytes: Uint8Array, start = 0, end = bytes.length, maxFields = Number.POSITIVE_INFINITY): ProtoField[] | undefined {
  const fields: ProtoField[] = [];
  let pos = start;
  while (pos < end && fields.length < maxFields) {
    const tag = readVarint(bytes, pos, end);
    if (!tag) return undefined;
    const [key, afterTag] = tag;
    const field = Math.floor(key / 8);
    const wireType = key % 8;
    if (field === 0) return undefined;
    pos = afterTag;
    if (wireType === 0) {
      const varint = readVarint(bytes, pos, end);
      if (!varint) return undefined;
      fields.push({ field, wireType, value: varint[0], start: pos, end: varint[1] });
      pos = varint[1];
    } else if (wireType === 1 || wireType === 5) {
      const size = wireType === 1 ? 8 : 4;
      if (pos + size > end) return undefined;
      fields.push({ field, wireType, value: 0, start: pos, end: pos + size });
      pos += size;
    } else if (wireType === 2) {
      const length = readVarint(bytes, pos, end);
      if (!length || length[1] + length[0] > end) return undefined;
      fields.push({ field, wireType, value: length[0], start: length[1], end: length[1] + length[0] });
      pos = length[1] + length[0];
    } else {
      return undefined;
    }
  }
  return fields;
}
