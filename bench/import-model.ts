/**
 * Times the whole `import-model` job (streamed read and hash, decode, convert, branch finding, weights streamed to a
 * blob file, one SQLite transaction) through the in-process queue and worker, on generated files with the ONNX zoo's topologies:
 * bvlcalexnet (~233 MB), googlenet (~27 MB) and resnet152-v1 (~230 MB), seeded weights. Then the first
 * `svd-factors` job on each imported model, which reads its weights back from the store. One run each.
 *
 *   npx tsx bench/import-model.ts
 */
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { alexnetGraph, googlenetGraph } from '@branchscope/core';
import { createInProcessQueue, digestModelSource, importModelInput, IMPORT_MODEL_JOB, SVD_FACTORS_JOB, type ImportModelValue } from '@branchscope/jobs';
import { blobDir, getResult, openStore } from '@branchscope/store';
import { startInProcessWorker } from '@branchscope/worker';
import { caffe2Twin, resnetTwin, type ZooTwin } from '@branchscope/model-import/testing';

const files: Array<[string, () => ZooTwin, [string, string]]> = [
  ['bvlcalexnet (opset 9, 224x224)', () => caffe2Twin(alexnetGraph(), { size: 224, seed: 1, opset: 9 }), ['conv1', 'conv2']],
  ['googlenet (opset 12, 224x224)', () => caffe2Twin(googlenetGraph(), { size: 224, seed: 1, opset: 12 }), ['conv1/7x7_s2', 'conv2/3x3_reduce']],
  ['resnet152-v1 (opset 7, 224x224)', () => resnetTwin({ depth: 152, version: 1, size: 224, seed: 1 }), ['resnetv17_conv0_fwd', 'resnetv17_stage1_conv0_fwd']],
];

/** Bytes of the files under `dir` (weights over the inline limit live in the store's blob folder). */
const folderBytes = (dir: string): number =>
  existsSync(dir) ? readdirSync(dir, { recursive: true, withFileTypes: true }).filter((d) => d.isFile()).reduce((n, d) => n + statSync(path.join(d.parentPath, d.name)).size, 0) : 0;

// Root scripts run as CommonJS under tsx, which has no top-level await.
async function main(): Promise<void> {
  const dir = mkdtempSync(path.join(tmpdir(), 'bench-import-'));
  const store = openStore(path.join(dir, 'bench.db'));
  const queue = createInProcessQueue({ store });
  const { backend } = await startInProcessWorker({ queue, store, backends: ['cpu'], log: () => {} });
  const seconds = (job: { startedAt: string | null; finishedAt: string | null }): string =>
    ((Date.parse(job.finishedAt!) - Date.parse(job.startedAt!)) / 1000).toFixed(2);
  try {
    for (const [name, make, [from, to]] of files) {
      const file = path.join(dir, `${name.split(' ')[0]}.onnx`);
      writeFileSync(file, make().bytes);
      const t0 = performance.now();
      const input = importModelInput({ name, format: 'onnx' }, await digestModelSource('onnx', file));
      const hashMs = performance.now() - t0;
      const job = await queue.waitFor((await queue.enqueue(IMPORT_MODEL_JOB, input, { dedupeKey: input.importKey })).id);
      if (job.status !== 'SUCCEEDED') throw new Error(`${name}: ${job.error}`);
      const value = (await getResult<ImportModelValue>(store, input.importKey))!.value;
      const svd = await queue.waitFor((await queue.enqueue(SVD_FACTORS_JOB, { modelId: input.modelId, from, to, centered: false })).id);
      if (svd.status !== 'SUCCEEDED') throw new Error(`${name} svd: ${svd.error}`);
      const { parse, convert, serialize } = value.timingsMs;
      // The stored value cannot hold the time of its own write: the rest of the job is mostly the transaction.
      const rest = Date.parse(job.finishedAt!) - Date.parse(job.startedAt!) - parse - convert - serialize;
      console.log(
        `${name.padEnd(32)} ${(input.bytes / 2 ** 20).toFixed(1).padStart(6)} MiB  API hash ${hashMs.toFixed(0).padStart(4)} ms  ` +
          `job ${seconds(job).padStart(6)} s (parse ${parse} ms, convert ${convert} ms, check+serialize ${serialize} ms, store and rest ${rest} ms)  ` +
          `${value.layers} nodes, blocks ${JSON.stringify(value.branchedBlocks)}  first svd ${seconds(svd)} s  ` +
          `db ${(statSync(path.join(dir, 'bench.db')).size / 2 ** 20).toFixed(0)} MiB + blob files ${(folderBytes(blobDir(store)) / 2 ** 20).toFixed(0)} MiB`,
      );
    }
    console.log(`backend ${backend}`);
  } finally {
    await queue.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

void main();
