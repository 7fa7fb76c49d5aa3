import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '@branchscope/runtime';

/** Test support: activates an in-process backend quietly (wasm for the large models, cpu elsewhere). */
export async function useBackend(name: 'cpu' | 'wasm'): Promise<void> {
  if (tf.getBackend() !== name) await initBackend([name], { log: () => {}, env: {} });
}
