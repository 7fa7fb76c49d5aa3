import { afterEach, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { currentBackend, initBackend } from './backend';

const quiet = { log: () => {}, env: {} };

describe('initBackend', () => {
  afterEach(async () => {
    await tf.setBackend('cpu');
  });

  it('initialises the cpu backend and reports it', async () => {
    const messages: string[] = [];
    const name = await initBackend(['cpu'], { env: {}, log: (m) => messages.push(m) });
    expect(name).toBe('cpu');
    expect(currentBackend()).toBe('cpu');
    expect(messages).toEqual(['[runtime] TensorFlow.js backend: cpu']);
  });

  it('initialises the wasm backend in Node and computes with it', async () => {
    expect(await initBackend(['wasm'], quiet)).toBe('wasm');
    expect(tf.getBackend()).toBe('wasm');
    const squares = tf.square(tf.tensor1d([1, 2, 3]));
    expect(Array.from(await squares.data())).toEqual([1, 4, 9]);
    squares.dispose();
  });

  it('falls back past absent node backends to the next preference', async () => {
    expect(await initBackend(['node-gpu', 'node', 'cpu'], quiet)).toBe('cpu');
  });

  it('names the forced backend and why it is unavailable', async () => {
    await expect(initBackend(undefined, { log: () => {}, env: { BRANCHSCOPE_BACKEND: 'node' } })).rejects.toThrow(
      "BRANCHSCOPE_BACKEND=node forces the 'node' backend, but it is unavailable: @tensorflow/tfjs-node is not installed",
    );
  });

  it('lets the env var override the preference list', async () => {
    expect(await initBackend(['cpu'], { log: () => {}, env: { BRANCHSCOPE_BACKEND: 'wasm' } })).toBe('wasm');
  });

  it('rejects an env var that is not a backend name', async () => {
    await expect(initBackend(undefined, { log: () => {}, env: { BRANCHSCOPE_BACKEND: 'webgl' } })).rejects.toThrow(
      "BRANCHSCOPE_BACKEND='webgl' is not a backend",
    );
  });
});
