import type { Hash } from 'node:crypto';
import type { FileHandle } from 'node:fs/promises';

/** Bytes read from the file at a time for the small fields between large ones. */
const CHUNK = 1 << 20;
/** One read call takes at most 2 GiB; a gigabyte at a time. */
const MAX_READ = 2 ** 30;

/** A varint as read: its value (exact below 2^53) and its bytes as they were, to copy unchanged. */
export interface RawVarint {
  value: number;
  raw: Uint8Array;
}

/** The file ends inside a field, or a field runs past the message holding it. */
export class ProtoScanError extends Error {
  override readonly name = 'ProtoScanError';
}

/**
 * Reads a file front to back for a protobuf scan, hashing every byte once, in file order: small fields come from a
 * 1 MiB buffer, large byte fields go straight from the file into memory of their own (`readInto`).
 */
export class ProtoFileReader {
  private buffer = new Uint8Array(CHUNK);
  /** File offset of `buffer[0]`, and how many of its bytes are valid. */
  private bufferStart = 0;
  private bufferLength = 0;
  /** File offset of the next byte to hand out. */
  pos = 0;

  constructor(
    private readonly file: FileHandle,
    readonly size: number,
    private readonly hash: Hash,
  ) {}

  /** Where the file has been read (and hashed) to. */
  private get fileCursor(): number {
    return this.bufferStart + this.bufferLength;
  }

  private async refill(): Promise<void> {
    const start = this.fileCursor;
    const { bytesRead } = await this.file.read(this.buffer, 0, Math.min(CHUNK, this.size - start), start);
    if (bytesRead === 0) throw new ProtoScanError(`the file ends at byte ${start} inside a field`);
    this.hash.update(this.buffer.subarray(0, bytesRead));
    this.bufferStart = start;
    this.bufferLength = bytesRead;
  }

  async byte(): Promise<number> {
    if (this.pos >= this.fileCursor) await this.refill();
    return this.buffer[this.pos++ - this.bufferStart]!;
  }

  async varint(): Promise<RawVarint> {
    const raw: number[] = [];
    let value = 0;
    for (let scale = 1; raw.length < 10; scale *= 128) {
      const b = await this.byte();
      raw.push(b);
      value += (b & 0x7f) * scale;
      if ((b & 0x80) === 0) return { value, raw: Uint8Array.from(raw) };
    }
    throw new ProtoScanError(`a varint at byte ${this.pos - 10} runs over 10 bytes`);
  }

  /** A copy of the next `n` bytes (small fields). */
  async take(n: number): Promise<Uint8Array> {
    const out = new Uint8Array(n);
    for (let done = 0; done < n; ) {
      if (this.pos >= this.fileCursor) await this.refill();
      const available = Math.min(n - done, this.fileCursor - this.pos);
      out.set(this.buffer.subarray(this.pos - this.bufferStart, this.pos - this.bufferStart + available), done);
      done += available;
      this.pos += available;
    }
    return out;
  }

  /** Fills `target` with the next bytes, reading past the buffer straight from the file into it. */
  async readInto(target: Uint8Array): Promise<void> {
    const buffered = Math.min(target.byteLength, this.fileCursor - this.pos);
    target.set(this.buffer.subarray(this.pos - this.bufferStart, this.pos - this.bufferStart + buffered), 0);
    this.pos += buffered;
    for (let done = buffered; done < target.byteLength; ) {
      const { bytesRead } = await this.file.read(target, done, Math.min(target.byteLength - done, MAX_READ), this.pos);
      if (bytesRead === 0) throw new ProtoScanError(`the file ends at byte ${this.pos} inside a field`);
      this.hash.update(target.subarray(done, done + bytesRead));
      done += bytesRead;
      this.pos += bytesRead;
    }
    if (this.pos > this.fileCursor) {
      this.bufferStart = this.pos;
      this.bufferLength = 0;
    }
  }
}
