import { open, type FileHandle } from 'node:fs/promises';
import { fromLittleEndian, storedWeightSource } from './stored-weight-source';
import { HEADER_BYTES, readHeader, readIndex } from './weights-layout';
import type { WeightSource } from './weight-source';

/** Fills `into` from `file` at `position`; throws naming the file when it ends first. */
async function readFully(file: FileHandle, into: Uint8Array, position: number, path: string): Promise<void> {
  for (let done = 0; done < into.byteLength; ) {
    // One read call takes at most 2 GiB; a gigabyte at a time.
    const { bytesRead } = await file.read(into, done, Math.min(into.byteLength - done, 2 ** 30), position + done);
    if (bytesRead === 0) throw new Error(`${path} ended at byte ${position + done} while reading weights`);
    done += bytesRead;
  }
}

/**
 * A WeightSource over a weights blob file (as `serializeWeights` writes it, e.g. an imported model's blob file in
 * the store), reading its data section straight into one aligned Float32Array: the file's size in memory, once.
 * @throws Error naming `owner` when the header, version, index or length is wrong, or the file cannot be read.
 */
export async function readWeightsFile(path: string, owner = `weights file ${path}`): Promise<WeightSource> {
  let file: FileHandle;
  try {
    file = await open(path, 'r');
  } catch (error) {
    throw new Error(`${owner}: cannot open ${path} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`, { cause: error });
  }
  try {
    const { size } = await file.stat();
    const header = new Uint8Array(Math.min(HEADER_BYTES, size));
    await readFully(file, header, 0, path);
    const indexLength = readHeader(header, size, owner);
    const json = new Uint8Array(indexLength);
    await readFully(file, json, HEADER_BYTES, path);
    const { index, dataStart } = readIndex(json, size, owner);
    const values = new Float32Array(index.floats);
    await readFully(file, new Uint8Array(values.buffer), dataStart, path);
    return storedWeightSource(fromLittleEndian(values), index, owner);
  } finally {
    await file.close();
  }
}
