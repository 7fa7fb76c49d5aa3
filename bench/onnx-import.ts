/**
 * Times ONNX import (decode, checks, shape inference, graph conversion) plus branch finding on generated files
 * with the model zoo's topologies and names: googlenet (~28 MB) and resnet152-v1 (~240 MB), seeded weights.
 * Prints the median of 5 runs of each, after one warm-up.
 *
 *   npx tsx bench/onnx-import.ts
 */
import { findBranches, googlenetGraph } from '@branchscope/core';
import { importOnnx } from '@branchscope/model-import';
import { caffe2Twin, resnetTwin, type ZooTwin } from '@branchscope/model-import/testing';

const RUNS = 5;
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const files: Array<[string, () => ZooTwin]> = [
  ['googlenet (opset 12, 224x224)', () => caffe2Twin(googlenetGraph(), { size: 224, seed: 1, opset: 12 })],
  ['resnet152-v1 (opset 7, 224x224)', () => resnetTwin({ depth: 152, version: 1, size: 224, seed: 1 })],
];

for (const [name, make] of files) {
  const { bytes } = make();
  const importMs: number[] = [];
  const branchMs: number[] = [];
  let summary = '';
  for (let run = 0; run <= RUNS; run++) {
    const t0 = performance.now();
    const { graph } = importOnnx(bytes);
    const t1 = performance.now();
    const blocks = findBranches(graph);
    const t2 = performance.now();
    if (run === 0) {
      summary = `${graph.nodes.length} graph nodes, ${blocks.length} branched blocks`;
      continue;
    }
    importMs.push(t1 - t0);
    branchMs.push(t2 - t1);
  }
  const mb = (bytes.byteLength / 2 ** 20).toFixed(1);
  console.log(
    `${name.padEnd(34)} ${mb.padStart(6)} MiB  import ${median(importMs).toFixed(0).padStart(5)} ms  ` +
      `branch finding ${median(branchMs).toFixed(1).padStart(6)} ms  (median of ${RUNS}; ${summary})`,
  );
}
