import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { validateGraph } from '@branchscope/core';
import { buildExecutable } from '@branchscope/runtime';
import { maxAbsDiff, seededArray } from '@branchscope/runtime/testing';
import { useBackend } from '@branchscope/runtime/testing';
import { importTfjsFolder } from './import-tfjs-folder';
import { seedLayersModel } from './keras-fixtures.test-support';
import { saveLayersModel, writeModelJson, writeShards } from './save-to-folder.test-support';

let root: string;

beforeAll(async () => {
  await useBackend('cpu');
  root = await mkdtemp(path.join(tmpdir(), 'tfjs-variants-'));
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

/** Keras JSON of image [5, 5, 4] -> Conv2D 'grouped' (6 filters, 3x3 same, groups 2), as Keras >= 2.4 writes it. */
async function writeGroupedConvModel(dir: string, kernel: Float32Array, bias: Float32Array): Promise<void> {
  const bytes = new Uint8Array(kernel.byteLength + bias.byteLength);
  bytes.set(new Uint8Array(kernel.buffer), 0);
  bytes.set(new Uint8Array(bias.buffer), kernel.byteLength);
  const specs = [
    { name: 'grouped/kernel', shape: [3, 3, 2, 6], dtype: 'float32' as const },
    { name: 'grouped/bias', shape: [6], dtype: 'float32' as const },
  ];
  const group = await writeShards(dir, specs, bytes, 1 << 20);
  const conv = { name: 'grouped', filters: 6, kernel_size: [3, 3], strides: [1, 1], padding: 'same', data_format: 'channels_last', dilation_rate: [1, 1], groups: 2, activation: 'linear', use_bias: true };
  const layers = [
    { name: 'image', class_name: 'InputLayer', config: { name: 'image', batch_input_shape: [null, 5, 5, 4], dtype: 'float32' }, inbound_nodes: [] },
    { name: 'grouped', class_name: 'Conv2D', config: conv, inbound_nodes: [[['image', 0, 0, {}]]] },
  ];
  const modelTopology = { class_name: 'Functional', config: { name: 'grouped_model', layers, input_layers: [['image', 0, 0]], output_layers: [['grouped', 0, 0]] } };
  await writeModelJson(dir, { format: 'layers-model', modelTopology, weightsManifest: [group] });
}

describe('importTfjsFolder on other Keras layers', () => {
  it('imports a grouped Conv2D (groups 2) that matches two per-group TF convolutions within 1e-5', async () => {
    const dir = path.join(root, 'grouped');
    const kernel = seededArray(3 * 3 * 2 * 6, 'grouped-kernel');
    const bias = seededArray(6, 'grouped-bias');
    await writeGroupedConvModel(dir, kernel, bias);
    const { graph, weights } = await importTfjsFolder(dir);
    expect(graph.nodes[1]!.conv!.group).toBe(2);

    const x = tf.tensor4d(seededArray(5 * 5 * 4, 'grouped-input'), [1, 5, 5, 4]);
    const expected = tf.tidy(() => {
      const k = tf.tensor4d(kernel, [3, 3, 2, 6]);
      const [x0, x1] = tf.split(x, 2, 3) as tf.Tensor4D[];
      const [k0, k1] = tf.split(k, 2, 3) as tf.Tensor4D[];
      return tf.add(tf.concat([tf.conv2d(x0!, k0!, 1, 'same'), tf.conv2d(x1!, k1!, 1, 'same')], 3), bias);
    });
    const exe = buildExecutable(graph, weights);
    const actual = exe.predict(x).grouped!;
    expect(maxAbsDiff(actual.dataSync(), expected.dataSync())).toBeLessThan(1e-5);
    tf.dispose([x, expected, actual]);
    exe.dispose();
  });

  it('imports a Sequential model with a strided depthwise conv, matching tfjs-layers within 1e-4', async () => {
    const model = tfl.sequential({
      name: 'seq',
      layers: [
        tfl.layers.depthwiseConv2d({ name: 'dw', inputShape: [9, 9, 3], kernelSize: 3, depthMultiplier: 2, strides: 2, padding: 'same', activation: 'relu' }),
        tfl.layers.averagePooling2d({ name: 'avg', poolSize: 2, strides: 1 }),
        tfl.layers.flatten({ name: 'flat' }),
        tfl.layers.dense({ name: 'fc', units: 4, activation: 'softmax' }),
      ],
    });
    seedLayersModel(model, 3);
    const dir = path.join(root, 'sequential');
    await saveLayersModel(model, dir, 1 << 20);
    const { graph, weights } = await importTfjsFolder(dir);
    expect(validateGraph(graph).get('dw')).toEqual([6, 5, 5]);

    const x = tf.tensor4d(seededArray(2 * 9 * 9 * 3, 'seq-input', 0, 1), [2, 9, 9, 3]);
    const expected = model.predict(x) as tf.Tensor;
    const exe = buildExecutable(graph, weights);
    const actual = exe.predict(x)[graph.output]!;
    expect(maxAbsDiff(actual.dataSync(), expected.dataSync())).toBeLessThan(1e-4);
    tf.dispose([x, expected, actual]);
    exe.dispose();
    model.dispose();
  });
});
