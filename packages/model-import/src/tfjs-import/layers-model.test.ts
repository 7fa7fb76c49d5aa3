import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { findBranches, validateGraph } from '@branchscope/core';
import { buildExecutable } from '@branchscope/runtime';
import { maxAbsDiff, seededArray } from '@branchscope/runtime/testing';
import { useBackend } from '@branchscope/runtime/testing';
import { importTfjsFolder, type TfjsImport } from './import-tfjs-folder';
import { INCEPTION_BLOCKS, kerasInception, kerasResnet, seedLayersModel } from './keras-fixtures.test-support';
import { saveLayersModel } from './save-to-folder.test-support';

const TOLERANCE = 1e-4;
let root: string;
const fixtures: Record<'inception' | 'resnet', { model: tfl.LayersModel; dir: string; imported: TfjsImport }> = {} as never;

beforeAll(async () => {
  await useBackend('cpu');
  root = await mkdtemp(path.join(tmpdir(), 'tfjs-import-'));
  for (const [key, make] of [['inception', kerasInception], ['resnet', kerasResnet]] as const) {
    const model = make();
    seedLayersModel(model, 7);
    const dir = path.join(root, key);
    // Small shards so every model spans several files.
    await saveLayersModel(model, dir, 4096);
    fixtures[key] = { model, dir, imported: await importTfjsFolder(dir) };
  }
});

afterAll(async () => {
  for (const f of Object.values(fixtures)) f.model.dispose();
  await rm(root, { recursive: true, force: true });
});

const input = (): tf.Tensor4D => tf.tensor4d(seededArray(2 * 16 * 16 * 3, 'tfjs-input', 0, 1), [2, 16, 16, 3]);

/** Largest difference between the imported graph's node `node` and the Keras layer `layer` on the same input. */
function outputGap(key: keyof typeof fixtures, node: string, layer: string): number {
  const { model, imported } = fixtures[key];
  const sub = tfl.model({ inputs: model.inputs, outputs: model.getLayer(layer).output as tfl.SymbolicTensor });
  const exe = buildExecutable(imported.graph, imported.weights);
  const x = input();
  const expected = sub.predict(x) as tf.Tensor;
  const actual = exe.predict(x, [node])[node]!;
  const gap = maxAbsDiff(actual.dataSync(), expected.dataSync());
  tf.dispose([x, expected, actual]);
  exe.dispose();
  return gap;
}

describe('importTfjsFolder on a Keras-style Inception', () => {
  it('reads a layers model whose weights span several shard files', async () => {
    const shards = (await readdir(fixtures.inception.dir)).filter((f) => /^group1-shard\d+of\d+\.bin$/.test(f));
    expect(shards.length).toBeGreaterThanOrEqual(2);
    expect(fixtures.inception.imported.format).toBe('layers-model');
  });

  it('produces a graph that passes validateGraph with NCHW input [3, 16, 16]', () => {
    const { graph } = fixtures.inception.imported;
    expect(graph.inputShape).toEqual([3, 16, 16]);
    expect(validateGraph(graph).get(graph.output)).toEqual([10, 1, 1]);
  });

  it('finds both concat blocks with each branch’s unit range in the joined output', () => {
    const blocks = findBranches(fixtures.inception.imported.graph).filter((b) => b.kind === 'concat');
    expect(blocks.map((b) => b.name)).toEqual(['mixed3a', 'mixed3b']);
    blocks.forEach((block, i) => {
      const [c1, , c3, , c5, pp] = INCEPTION_BLOCKS[i]![1];
      const ends = [c1, c1 + c3, c1 + c3 + c5, c1 + c3 + c5 + pp];
      expect(block.branches.map((b) => b.name.split('/')[1])).toEqual(['1x1', '3x3', '5x5', 'pool']);
      expect(block.branches.map((b) => [b.units.start, b.units.end])).toEqual(ends.map((end, j) => [j === 0 ? 0 : ends[j - 1]!, end]));
      expect(block.branches[1]!.layers).toEqual([`${block.name}_3x3_bottleneck`, `${block.name}_3x3_bottleneck_relu`, `${block.name}_3x3`, `${block.name}_3x3_relu`]);
    });
  });

  it('computes the same class probabilities as the tfjs-layers model, within 1e-4', () => {
    expect(outputGap('inception', 'prob', 'prob')).toBeLessThan(TOLERANCE);
  });

  it('computes the same logits after Flatten of a 2x2 map, reordered to NCHW, within 1e-4', () => {
    expect(outputGap('inception', 'logits', 'logits')).toBeLessThan(TOLERANCE);
  });
});

describe('importTfjsFolder on a Keras-style ResNet', () => {
  it('produces a graph that passes validateGraph', () => {
    const { graph } = fixtures.resnet.imported;
    expect(validateGraph(graph).get(graph.output)).toEqual([10, 1, 1]);
  });

  it('folds both ZeroPadding2D layers into the pads of the conv and the max pool after them', () => {
    const nodes = new Map(fixtures.resnet.imported.graph.nodes.map((n) => [n.name, n]));
    expect(nodes.has('conv1_pad') || nodes.has('pool1_pad')).toBe(false);
    expect(nodes.get('conv1_conv')!.conv!.pads).toEqual([1, 1, 1, 1]);
    expect(nodes.get('pool1_pool')!.pool!.pads).toEqual([1, 1, 1, 1]);
  });

  it('finds the three residual blocks, the second with its projection shortcut outside the branch', () => {
    const blocks = findBranches(fixtures.resnet.imported.graph).filter((b) => b.kind === 'residual');
    expect(blocks.map((b) => b.output)).toEqual(['block1_add', 'block2_add', 'block3_add']);
    expect(blocks.map((b) => b.branches[0]!.units)).toEqual([
      { layer: 'block1_1_conv', start: 0, end: 8 },
      { layer: 'block2_1_conv', start: 0, end: 16 },
      { layer: 'block3_1_conv', start: 0, end: 16 },
    ]);
    expect(blocks[1]!.branches[0]!.layers).not.toContain('block2_0_conv');
  });

  it('computes the same logits as the tfjs-layers model, within 1e-4', () => {
    expect(outputGap('resnet', 'logits', 'logits')).toBeLessThan(TOLERANCE);
  });

  it('leaves no tensor behind after an import', async () => {
    const before = tf.memory().numTensors;
    await importTfjsFolder(fixtures.resnet.dir);
    expect(tf.memory().numTensors).toBe(before);
  });
});
