import { smallAlexnetGraph } from '@branchscope/core';
import { currentBackend, initBackend } from '@branchscope/runtime';
import { smallBranchedModel, smallGatedModel } from '../onnx/testing/small-models.test-support';
import { caffe2Twin } from '../onnx/testing/zoo-twins.test-support';
import { kerasInception, kerasResnet, seedLayersModel } from '../tfjs-import/keras-fixtures.test-support';
import { saveLayersModel } from '../tfjs-import/save-to-folder.test-support';

/**
 * The small AlexNet (grouped conv2, conv4, conv5; BVLC names) as the ONNX zoo's bvlcalexnet is written: a
 * Caffe2 export with unnamed nodes, `<layer>_w_0` initializers and a Reshape flatten, opset 9, 32x32 input,
 * seeded He-normal weights (about 1.6 MB).
 */
export function smallAlexnetOnnx(seed = 1): Uint8Array {
  return caffe2Twin(smallAlexnetGraph({ branches: 2 }), { size: 32, seed, opset: 9 }).bytes;
}

/** A 4-channel 9x9 model with a grouped conv, a Concat block and a residual Add (named nodes, opset 13). */
export function smallBranchedOnnx(): Uint8Array {
  return smallBranchedModel().encode();
}

/**
 * A 3-channel 16x16 net with one MobileNetV3-style block (depthwise conv, squeeze-and-excitation gate, residual Add):
 * one grouped, one gate and one residual block, as torchvision names its nodes (opset 13).
 */
export function smallGatedOnnx(): Uint8Array {
  return smallGatedModel().encode();
}

/**
 * Writes a seeded Keras-style model as a TF.js layers-model folder (model.json + 4 KiB shards) to `dir`:
 * `inception` (two Concat blocks, mixed3a and mixed3b) or `resnet` (three Add blocks). Picks the cpu backend
 * when none is chosen yet.
 */
export async function writeKerasFolder(kind: 'inception' | 'resnet', dir: string, seed = 7): Promise<void> {
  if (currentBackend() === undefined) await initBackend(['cpu'], { log: () => {}, env: {} });
  const model = kind === 'inception' ? kerasInception() : kerasResnet();
  try {
    seedLayersModel(model, seed);
    await saveLayersModel(model, dir, 4096);
  } finally {
    model.dispose();
  }
}
