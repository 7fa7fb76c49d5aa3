/** Test support: PyTorch autograd's gradients for the same inputs, through scripts/torch-input-gradient.py. */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Graph } from '@branchscope/core';
import type { WeightSource } from '../../weights/weight-source';

const PYTHON = '/usr/bin/python3';
const SCRIPT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../scripts/torch-input-gradient.py');

const raw = (data: Float32Array): Uint8Array => new Uint8Array(data.buffer, data.byteOffset, data.byteLength);

/** dLoss/dinput in PyTorch for a torchvision model of export-torchvision.py, loss = sum(output · seed). */
export function torchInputGradient(name: string, batch: number, input: Float32Array, seed: Float32Array): Float32Array {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'torch-grad-'));
  try {
    const [inFile, seedFile, outFile] = ['input.f32', 'seed.f32', 'grad.f32'].map((f) => path.join(dir, f));
    writeFileSync(inFile!, raw(input));
    writeFileSync(seedFile!, raw(seed));
    execFileSync(PYTHON, [SCRIPT, 'input', name, String(batch), inFile!, seedFile!, outFile!], { stdio: ['ignore', 'ignore', 'inherit'] });
    const bytes = readFileSync(outFile!);
    return new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** What a training step is given, for {@link torchTrainingStep}: the graph, parameters by name, one batch. */
export interface TorchStepSpec {
  graph: Graph;
  weights: WeightSource;
  params: Array<{ name: string; dims: number[]; initial: Float32Array }>;
  input: { data: Float32Array; dims: number[] };
  labels: { data: Float32Array; dims: number[] };
  masks: Record<string, { data: Float32Array; dims: number[] }>;
  training: boolean;
  logits: string;
}

/**
 * One training step in PyTorch autograd: the graph interpreted op by op in torch (scripts/torch-input-gradient.py),
 * mean softmax cross-entropy of `logits`; returns `loss`, `grad:input` and `grad:<param>`.
 */
export function torchTrainingStep(spec: TorchStepSpec): Record<string, Float32Array> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'torch-step-'));
  const t = (x: { data: Float32Array; dims: number[] }) => ({ data: Array.from(x.data), dims: x.dims });
  try {
    const nodes = spec.graph.nodes.map((n) => (n.op === 'batchnorm' ? { ...n, epsilon: spec.weights.batchnorm(n.name).epsilon } : n));
    const body = {
      nodes,
      logits: spec.logits,
      training: spec.training,
      params: Object.fromEntries(spec.params.map((p) => [p.name, t({ data: p.initial, dims: p.dims })])),
      input: t(spec.input),
      labels: t(spec.labels),
      masks: Object.fromEntries(Object.entries(spec.masks).map(([k, v]) => [k, t(v)])),
    };
    const [specFile, outFile] = ['spec.json', 'out.json'].map((f) => path.join(dir, f));
    writeFileSync(specFile!, JSON.stringify(body));
    execFileSync(PYTHON, [SCRIPT, 'weights', specFile!, outFile!], { stdio: ['ignore', 'ignore', 'inherit'] });
    const out = JSON.parse(readFileSync(outFile!, 'utf8')) as Record<string, number[]>;
    return Object.fromEntries(Object.entries(out).map(([k, v]) => [k, Float32Array.from(v)]));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
