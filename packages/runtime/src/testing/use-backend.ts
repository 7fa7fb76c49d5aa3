import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '../backend';

/** Test support: switches to one of the two in-process backends without logging. */
export async function useBackend(name: 'cpu' | 'wasm'): Promise<void> {
  if (tf.getBackend() !== name) await initBackend([name], { log: () => {}, env: {} });
}
