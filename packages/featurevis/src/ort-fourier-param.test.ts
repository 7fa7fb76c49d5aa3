import { afterAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { loadOrt } from '@branchscope/ort-engine';
import { useBackend } from '@branchscope/runtime/testing';
import { fourierParam } from './fourier-param';
import { ortFourierParam } from './ort-fourier-param';

const ortMissing = await loadOrt().then(
  () => undefined,
  (error: Error) => `onnxruntime-node does not load here: ${error.message}`,
);
const relative = (a: Float32Array, b: Float32Array) => {
  let worst = 0;
  let scale = 0;
  for (let i = 0; i < a.length; i++) (worst = Math.max(worst, Math.abs(a[i]! - b[i]!))), (scale = Math.max(scale, Math.abs(b[i]!)));
  return worst / scale;
};

describe.skipIf(ortMissing !== undefined)('the Fourier parameterization on onnxruntime', () => {
  afterAll(() => useBackend('cpu'));

  // Odd and even widths (the Nyquist column), 3 channels (colour) and 1 (none), a batch of 2.
  for (const [height, width, channels] of [[12, 10, 3], [9, 11, 3], [8, 8, 1]] as const) {
    it(`gives fourierParam's pixels and spectrum gradient within 1e-5 relative, ${height} x ${width} x ${channels}`, async () => {
      await useBackend('cpu');
      const shape = { batch: 2, height, width, channels };
      const param = fourierParam({ ...shape, seed: 7, sd: 0.3 });
      const engine = await ortFourierParam(shape, { threads: 2 });
      try {
        const pixels = param.pixels();
        const reference = pixels.dataSync() as Float32Array;
        const spectrum = param.spectrum.dataSync() as Float32Array;
        const computed = await engine.pixels(spectrum);
        expect(computed.length).toBe(reference.length);
        expect(relative(computed, reference)).toBeLessThan(1e-5);
        const dPixels = tf.tensor4d(Float32Array.from(reference, (_, i) => Math.sin(i * 0.7)), pixels.shape);
        const gradient = param.spectrumGradient(pixels, dPixels);
        const ours = await engine.spectrumGradient(reference, dPixels.dataSync() as Float32Array);
        expect(ours.length).toBe(gradient.size);
        expect(relative(ours, gradient.dataSync() as Float32Array)).toBeLessThan(1e-5);
        tf.dispose([pixels, dPixels, gradient]);
      } finally {
        param.dispose();
        await engine.release();
      }
    });
  }
});
