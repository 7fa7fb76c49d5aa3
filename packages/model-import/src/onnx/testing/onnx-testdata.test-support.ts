import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { DEFAULT_ONNX_LIMITS } from '../onnx-limits';
import type { OnnxTensor } from '../onnx-model';
import { decodeMessage, ModelProtoType, TensorProtoType } from '../onnx-proto';
import { ONNX_OPS } from '../ops/registry';
import type { GraphProtoMessage, ModelProtoMessage, NodeProtoMessage } from '../proto-messages';
import { readTensorProto, type TensorProtoMessage } from '../tensor-proto';

/** Where Debian's libonnx-testdata puts ONNX's backend test cases. */
export const ONNX_TESTDATA_ROOT = '/usr/share/libonnx-testdata/data';
/** The suites of per-operator cases: ONNX's node tests and the PyTorch-exported operator tests. */
export const ONNX_TEST_SUITES = ['node', 'pytorch-converted', 'pytorch-operator', 'simple'] as const;

export interface ConformanceCase {
  suite: string;
  name: string;
  dir: string;
  opTypes: string[];
}

/** Fails loudly (never skips) when the Debian package is missing. */
export function requireTestdata(): void {
  if (!existsSync(path.join(ONNX_TESTDATA_ROOT, 'node'))) {
    throw new Error(
      `ONNX conformance data is missing: ${ONNX_TESTDATA_ROOT}/node does not exist. Install Debian's libonnx-testdata ` +
        '(apt-get install -y libonnx-testdata), which `node scripts/ensure-system-deps.mjs` does when run as root.',
    );
  }
}

/** The nodes and, at any depth, those of their graph attributes (If's branches). */
function allNodes(nodes: NodeProtoMessage[]): NodeProtoMessage[] {
  return nodes.flatMap((n) => [n, ...(n.attribute ?? []).flatMap((a) => (a.g ? allNodes((a.g as GraphProtoMessage).node ?? []) : []))]);
}

/** Every test case whose model uses only supported operators (in its If branches too), read from the model files themselves. */
export function supportedCases(): ConformanceCase[] {
  const cases: ConformanceCase[] = [];
  for (const suite of ONNX_TEST_SUITES) {
    const root = path.join(ONNX_TESTDATA_ROOT, suite);
    for (const name of readdirSync(root).sort()) {
      const file = path.join(root, name, 'model.onnx');
      if (!existsSync(file)) continue;
      const model = decodeMessage<ModelProtoMessage>(ModelProtoType, readFileSync(file), file);
      const nodes = model.graph?.node ?? [];
      const opTypes = [...new Set(nodes.map((n) => n.op_type ?? ''))];
      if (nodes.length > 0 && allNodes(nodes).every((n) => !n.domain && ONNX_OPS.has(n.op_type ?? ''))) cases.push({ suite, name, dir: path.join(root, name), opTypes });
    }
  }
  return cases;
}

function readPb(file: string): OnnxTensor {
  return readTensorProto(decodeMessage<TensorProtoMessage>(TensorProtoType, readFileSync(file), file), file, DEFAULT_ONNX_LIMITS);
}

export interface DataSet {
  inputs: OnnxTensor[];
  outputs: OnnxTensor[];
}

/** The case's test_data_set_* folders: inputs and expected outputs in order. */
export function dataSets(dir: string): DataSet[] {
  return readdirSync(dir)
    .filter((d) => d.startsWith('test_data_set_'))
    .sort()
    .map((d) => {
      const files = readdirSync(path.join(dir, d));
      const pick = (prefix: string): OnnxTensor[] =>
        files
          .filter((f) => f.startsWith(prefix) && f.endsWith('.pb'))
          .sort((a, b) => parseInt(a.slice(prefix.length), 10) - parseInt(b.slice(prefix.length), 10))
          .map((f) => readPb(path.join(dir, d, f)));
      return { inputs: pick('input_'), outputs: pick('output_') };
    });
}

export const toTensor = (t: OnnxTensor): tf.Tensor => tf.tensor(t.data, t.dims, t.dtype);

/** Largest |actual - expected| / max(1, |expected|) over all elements; Infinity when shapes differ, NaNs must match. */
export function worstError(actual: ArrayLike<number>, expected: ArrayLike<number>): number {
  if (actual.length !== expected.length) return Infinity;
  let worst = 0;
  for (let i = 0; i < expected.length; i++) {
    const a = actual[i]!;
    const e = expected[i]!;
    if (Number.isNaN(e) || Number.isNaN(a)) {
      if (!(Number.isNaN(e) && Number.isNaN(a))) return Infinity;
      continue;
    }
    if (a === e) continue;
    worst = Math.max(worst, Math.abs(a - e) / Math.max(1, Math.abs(e)));
  }
  return worst;
}
