import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { smallAlexnetGraph, smallInceptionGraph, smallResnetGraph, splitFirstLayerGraph, type Graph } from '@branchscope/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gratingsDataset, useBackend } from './test-support';
import { train } from './train';

const EPOCHS = 4;
const CHANCE = Math.log(4);
const dataset = gratingsDataset({ count: 32, size: 36, cropSize: 32, seed: 'smoke' });
let root: string;

beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'nn-smoke-'));
  await useBackend('wasm');
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

/** Mean training loss of each epoch: 4 epochs of 4 batches of 8, Adam at 1e-3. */
async function epochLosses(graph: Graph): Promise<number[]> {
  const losses: number[][] = Array.from({ length: EPOCHS }, () => []);
  await train({
    graph,
    dataset,
    seed: 1,
    epochs: EPOCHS,
    batchSize: 8,
    learningRate: 1e-3,
    optimizer: 'adam',
    checkpointDir: path.join(root, graph.name.replace(/\W+/g, '-')),
    onProgress: (p) => losses[p.epoch - 1].push(p.loss),
  });
  return losses.map((l) => l.reduce((a, b) => a + b, 0) / l.length);
}

const variants: Array<[string, Graph]> = [
  ['2-branch small AlexNet', smallAlexnetGraph({ branches: 2, classes: 4 })],
  ['unbranched small AlexNet', smallAlexnetGraph({ branches: 1, classes: 4 })],
  ['4-branch first layer', splitFirstLayerGraph({ branches: 4, classes: 4 })],
  ['single first layer', splitFirstLayerGraph({ branches: 1, classes: 4 })],
  ['Inception-style with 5x5 branches', smallInceptionGraph({ branched: true, classes: 4 })],
  ['Inception-style control', smallInceptionGraph({ branched: false, classes: 4 })],
  ['residual small ResNet', smallResnetGraph({ residual: true, classes: 4 })],
  ['plain small ResNet', smallResnetGraph({ residual: false, classes: 4 })],
];

describe('training the small variants on coloured and grey gratings', () => {
  for (const [label, graph] of variants) {
    it(`lowers the ${label}'s loss from the first epoch to the fourth, below chance`, async () => {
      const losses = await epochLosses(graph);
      console.info(`[smoke] ${label}: ${losses.map((l) => l.toFixed(2)).join(' -> ')}`);
      expect(losses[EPOCHS - 1]).toBeLessThan(losses[0]);
      expect(losses[EPOCHS - 1]).toBeLessThan(CHANCE);
    }, 60_000);
  }
});
