/**
 * One measurement of bench/import-zoo.ts, run in a child process of its own so that its peak memory is its own:
 *
 *   node --import tsx bench/import-zoo/measure.ts import|ort FILE
 *
 * `import`: the whole path of `importModel` by path (the API's hash, then the `import-model` job: streamed read,
 * conversion, branch finding, weights streamed to a blob file, one SQLite transaction) into a fresh store.
 * `ort`: onnxruntime-node's `InferenceSession.create(FILE)`. Prints one JSON line: milliseconds, peak RSS (the
 * high-water mark, `process.resourceUsage().maxRSS`) and RSS before the measured work, in MiB; or the error.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInProcessQueue, digestModelSource, importModelInput, IMPORT_MODEL_JOB, storeJobData } from '@branchscope/jobs';
import { openStore } from '@branchscope/store';
import { importModelHandler } from '@branchscope/worker';

export interface Measurement {
  ms: number;
  peakMiB: number;
  beforeMiB: number;
  error?: string;
}

const mib = (bytes: number): number => Math.round(bytes / 2 ** 20);

async function importOnce(file: string): Promise<void> {
  const dir = mkdtempSync(path.join(tmpdir(), 'bench-import-zoo-'));
  const store = openStore(path.join(dir, 'bench.db'));
  const queue = createInProcessQueue({ store });
  queue.process(IMPORT_MODEL_JOB, importModelHandler({ data: storeJobData(store) }));
  try {
    const input = importModelInput({ name: path.basename(file), format: 'onnx' }, await digestModelSource('onnx', file));
    const job = await queue.waitFor((await queue.enqueue(IMPORT_MODEL_JOB, input, { dedupeKey: input.importKey })).id);
    if (job.status !== 'SUCCEEDED') throw new Error(job.error ?? job.status);
  } finally {
    await queue.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function ortOnce(file: string): Promise<void> {
  const ort = await import('onnxruntime-node');
  const session = await ort.InferenceSession.create(file);
  await session.release();
}

async function main(): Promise<void> {
  const [mode, file] = process.argv.slice(2);
  if ((mode !== 'import' && mode !== 'ort') || !file) throw new Error('usage: measure.ts import|ort FILE');
  // Load the code first, so both sides measure the work, not the modules.
  if (mode === 'ort') await import('onnxruntime-node');
  const beforeMiB = mib(process.memoryUsage().rss);
  const t0 = performance.now();
  let error: string | undefined;
  try {
    await (mode === 'import' ? importOnce(file) : ortOnce(file));
  } catch (e) {
    error = (e as Error).message.split('\n')[0];
  }
  const ms = Math.round(performance.now() - t0);
  const out: Measurement = { ms, peakMiB: Math.round(process.resourceUsage().maxRSS / 1024), beforeMiB, ...(error ? { error } : {}) };
  console.log(JSON.stringify(out));
}

void main();
