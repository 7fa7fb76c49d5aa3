import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { loadGraphModel } from '@tensorflow/tfjs-converter';
import { findBranches, validateGraph } from '@branchscope/core';
import { buildExecutable } from '@branchscope/runtime';
import { maxAbsDiff, seededArray } from '@branchscope/runtime/testing';
import { useBackend } from '@branchscope/runtime/testing';
import { tinyGraphModel, writeGraphModel } from './graph-model-fixture.test-support';
import { importTfjsFolder, type TfjsImport } from './import-tfjs-folder';

let dir: string;
let imported: TfjsImport;

beforeAll(async () => {
  await useBackend('cpu');
  dir = await mkdtemp(path.join(tmpdir(), 'tfjs-graph-model-'));
  await writeGraphModel(dir, tinyGraphModel(), 512);
  imported = await importTfjsFolder(dir);
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** tfjs-converter's own reading of the same folder, as the reference. */
async function converterModel(): Promise<Awaited<ReturnType<typeof loadGraphModel>>> {
  const json = JSON.parse(await readFile(path.join(dir, 'model.json'), 'utf8'));
  const group = json.weightsManifest[0];
  const shards = await Promise.all(group.paths.map((p: string) => readFile(path.join(dir, p))));
  const weightData = new Uint8Array(Buffer.concat(shards)).buffer;
  return loadGraphModel({ load: async () => ({ modelTopology: json.modelTopology, weightSpecs: group.weights, weightData, format: json.format, signature: json.signature }) });
}

describe('importTfjsFolder on a graph model', () => {
  it('reports the graph-model format and names the graph after its folder', () => {
    expect(imported.format).toBe('graph-model');
    expect(imported.graph.name).toBe(path.basename(dir));
  });

  it('produces a graph that passes validateGraph, each fused Relu and BiasAdd unfolded into graph nodes', () => {
    const shapes = validateGraph(imported.graph);
    expect(shapes.get(imported.graph.output)).toEqual([5, 1, 1]);
    const ops = imported.graph.nodes.map((n) => `${n.name}:${n.op}`);
    expect(ops).toContain('b/Relu:conv');
    expect(ops).toContain('b/Relu_relu:relu');
    expect(imported.graph.nodes.find((n) => n.name === 'a/Conv2D')!.conv!.bias).toBe(true);
  });

  it('finds the concat block joining the two conv branches with units [0, 4) and [4, 8)', () => {
    const block = findBranches(imported.graph).find((b) => b.kind === 'concat')!;
    expect(block.output).toBe('concat');
    expect(block.branches.map((b) => [b.layers, b.units.start, b.units.end])).toEqual([
      [['a/Conv2D', 'a/Relu'], 0, 4],
      [['b/Relu', 'b/Relu_relu'], 4, 8],
    ]);
  });

  it('turns the depthwise conv into a conv with one group per channel', () => {
    const conv = imported.graph.nodes.find((n) => n.name === 'd/depthwise')!.conv!;
    expect(conv.group).toBe(8);
    expect(imported.weights.conv('d/depthwise').shape).toEqual([8, 1, 3, 3]);
  });

  it('computes the same probabilities as tfjs-converter running the same files, within 1e-4', async () => {
    const reference = await converterModel();
    const exe = buildExecutable(imported.graph, imported.weights);
    const x = tf.tensor4d(seededArray(2 * 8 * 8 * 3, 'graph-model-input'), [2, 8, 8, 3]);
    const expected = reference.predict(x) as tf.Tensor;
    const actual = exe.predict(x)[imported.graph.output]!;
    expect(actual.shape).toEqual([2, 5]);
    expect(maxAbsDiff(actual.dataSync(), expected.dataSync())).toBeLessThan(1e-4);
    tf.dispose([x, expected, actual]);
    exe.dispose();
    reference.dispose();
  });
});
