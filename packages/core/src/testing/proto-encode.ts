/** A protobuf field for {@link protoMessage}: a varint, a string, or a nested message / raw bytes. */
export type ProtoValue = number | string | Uint8Array;

function varint(value: number): number[] {
  const out: number[] = [];
  let v = value;
  while (v >= 0x80) {
    out.push((v % 0x80) | 0x80);
    v = Math.floor(v / 0x80);
  }
  out.push(v);
  return out;
}

/** Encodes fields in the given order, without a schema: numbers as varints, strings and bytes length-delimited. */
export function protoMessage(fields: ReadonlyArray<readonly [number, ProtoValue]>): Uint8Array {
  const out: number[] = [];
  for (const [field, value] of fields) {
    if (typeof value === 'number') {
      out.push(...varint(field * 8), ...varint(value));
    } else {
      const payload = typeof value === 'string' ? new TextEncoder().encode(value) : value;
      out.push(...varint(field * 8 + 2), ...varint(payload.length), ...payload);
    }
  }
  return Uint8Array.from(out);
}
