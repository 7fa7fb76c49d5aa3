/** Test support: PyTorch autograd's gradients for the same inputs, through scripts/torch-input-gradient.py. */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Graph } from '@branchscope/core';
import { EXPORT_TORCHVISION_SCRIPT } from '@branchscope/model-import/testing';
import type { WeightSource } from '@branchscope/runtime';

const PYTHON = '/usr/bin/python3';
const SCRIPT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../scripts/torch-input-gradient.py');

const raw = (data: Float32Array): Uint8Array => new Uint8Array(data.buffer, data.byteOffset, data.byteLength);

/** dLoss/dinput in PyTorch for a torchvision model of export-torchvision.py, loss = sum(output · seed). */
export function torchInputGradient(name: string, batch: number, input: Float32Array, seed: Float32Array): Float32Array {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'torch-grad-'));
  try {
    const [inFile, seedFile, outFile] = ['input.f32', 'seed.f32', 'grad.f32'].map((f) => path.join(dir, f));
    writeFileSync(inFile!, raw(input));
    writeFileSync(seedFile!, raw(seed));
    execFileSync(PYTHON, [SCRIPT, 'input', name, String(batch), inFile!, seedFile!, outFile!], { stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, EXPORT_TORCHVISION_SCRIPT } });
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
  /** The loss: mean softmax cross-entropy of `logits` against `labels`, or, with `seeds`, sum of activation · seed. */
  labels?: { data: Float32Array; dims: number[] };
  logits?: string;
  seeds?: Record<string, { data: Float32Array; dims: number[] }>;
  masks: Record<string, { data: Float32Array; dims: number[] }>;
  training: boolean;
}

/**
 * One step in PyTorch autograd: the graph interpreted op by op in torch (scripts/torch-input-gradient.py), loss the
 * mean softmax cross-entropy of `logits` or the seeded sum; returns `loss`, `grad:input` and `grad:<param>`.
 */
export function torchTrainingStep(spec: TorchStepSpec): Record<string, Float32Array> {
  return torchTrainingSteps([spec])[0]!;
}

/** {@link torchTrainingStep} for several specs in one Python process (torch imports once). */
export function torchTrainingSteps(specs: TorchStepSpec[]): Array<Record<string, Float32Array>> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'torch-step-'));
  const t = (x: { data: Float32Array; dims: number[] }) => ({ data: Array.from(x.data), dims: x.dims });
  const stats = (a: Float32Array) => ({ data: Array.from(a), dims: [a.length] });
  try {
    const args: string[] = [];
    specs.forEach((spec, i) => {
      const nodes = spec.graph.nodes.map((n) => {
        if (n.op !== 'batchnorm') return n;
        const bn = spec.weights.batchnorm(n.name);
        return { ...n, epsilon: bn.epsilon, bn: { scale: stats(bn.scale), bias: stats(bn.bias), mean: stats(bn.mean), variance: stats(bn.variance) } };
      });
      const body = {
        nodes,
        logits: spec.logits,
        training: spec.training,
        params: Object.fromEntries(spec.params.map((p) => [p.name, t({ data: p.initial, dims: p.dims })])),
        input: t(spec.input),
        labels: spec.labels ? t(spec.labels) : undefined,
        seeds: spec.seeds ? Object.fromEntries(Object.entries(spec.seeds).map(([k, v]) => [k, t(v)])) : undefined,
        masks: Object.fromEntries(Object.entries(spec.masks).map(([k, v]) => [k, t(v)])),
      };
      const specFile = path.join(dir, `spec${i}.json`);
      writeFileSync(specFile, JSON.stringify(body));
      args.push(specFile, path.join(dir, `out${i}.json`));
    });
    execFileSync(PYTHON, [SCRIPT, 'weights', ...args], { stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, EXPORT_TORCHVISION_SCRIPT } });
    return specs.map((_, i) => {
      const out = JSON.parse(readFileSync(path.join(dir, `out${i}.json`), 'utf8')) as Record<string, number[]>;
      return Object.fromEntries(Object.entries(out).map(([k, v]) => [k, Float32Array.from(v)]));
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
