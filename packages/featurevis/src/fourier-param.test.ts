import { afterAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { COLOR_CORRELATION, COLOR_MAX_NORM } from './constants';
import { fourierParam, spectrumScale } from './fourier-param';
import { halfWidth } from './irfft2d';
import { useBackend } from '@branchscope/runtime/testing';

const logit = (p: number) => Math.log(p / (1 - p));

describe('fourierParam', () => {
  afterAll(() => useBackend('cpu'));

  it('holds a spectrum of shape [2, batch, channels, h, w/2+1] drawn from Normal(0, 0.01)', async () => {
    await useBackend('cpu');
    const param = fourierParam({ batch: 2, height: 32, width: 24, channels: 3, seed: 1 });
    expect(param.spectrum.shape).toEqual([2, 2, 3, 32, halfWidth(24)]);
    const values = Array.from(param.spectrum.dataSync());
    const mean = values.reduce((a, b) => a + b, 0) / values.length;
    const sd = Math.sqrt(values.reduce((a, b) => a + (b - mean) ** 2, 0) / values.length);
    param.dispose();
    expect(Math.abs(mean)).toBeLessThan(0.001);
    expect(sd).toBeCloseTo(0.01, 3);
  });

  it('scales each frequency by sqrt(w h) / max(f, 1 / max(w, h))', () => {
    const scale = spectrumScale(8, 16);
    const root = Math.sqrt(8 * 16);
    expect(scale[0]).toBeCloseTo(root * 16, 3); // DC: f floored at 1/16
    expect(scale[2]).toBeCloseTo(root / (2 / 16), 3); // fx = 2/16, fy = 0
    expect(scale[halfWidth(16) * 1]).toBeCloseTo(root / (1 / 8), 3); // fy = 1/8, fx = 0
  });

  it('gives the same spectrum and pixels for the same seed on the cpu and wasm backends', async () => {
    const render = async (backend: 'cpu' | 'wasm') => {
      await useBackend(backend);
      const param = fourierParam({ batch: 1, height: 12, width: 10, channels: 3, seed: 42 });
      const pixels = param.pixels();
      const out = { spectrum: param.spectrum.dataSync().slice(), pixels: pixels.dataSync().slice() };
      pixels.dispose();
      param.dispose();
      return out;
    };
    const cpu = await render('cpu');
    const wasm = await render('wasm');
    expect(Array.from(wasm.spectrum)).toEqual(Array.from(cpu.spectrum));
    const worst = Math.max(...cpu.pixels.map((v, i) => Math.abs(v - wasm.pixels[i])));
    expect(worst).toBeLessThan(1e-5);
  });

  it('releases every tensor it made once disposed', async () => {
    await useBackend('cpu');
    const before = tf.memory().numTensors;
    const param = fourierParam({ batch: 2, height: 6, width: 6, channels: 3, seed: 1 });
    tf.dispose(param.pixels());
    expect(tf.memory().numTensors).toBeGreaterThan(before);
    param.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('draws a different spectrum for a different seed', async () => {
    await useBackend('cpu');
    const a = fourierParam({ batch: 1, height: 4, width: 4, channels: 1, seed: 1 });
    const b = fourierParam({ batch: 1, height: 4, width: 4, channels: 1, seed: 2 });
    expect(Array.from(a.spectrum.dataSync())).not.toEqual(Array.from(b.spectrum.dataSync()));
    a.dispose();
    b.dispose();
  });

  it('draws each image from its own seed with imageSeeds, whatever its place in the batch', async () => {
    await useBackend('cpu');
    const alone = fourierParam({ batch: 1, height: 8, width: 8, channels: 3, seed: 0, imageSeeds: [5] });
    const batched = fourierParam({ batch: 2, height: 8, width: 8, channels: 3, seed: 0, imageSeeds: [9, 5] });
    const [a, b] = tf.tidy(() => [alone.pixels().dataSync(), tf.slice(batched.pixels(), [1], [1]).dataSync()]);
    alone.dispose();
    batched.dispose();
    expect(Array.from(b)).toEqual(Array.from(a));
  });

  it('decorrelates colour with C / 0.46195 when the image has 3 channels', async () => {
    await useBackend('cpu');
    const param = fourierParam({ batch: 1, height: 4, width: 4, channels: 3, seed: 3 });
    // Only the DC term of the first decorrelated channel: that channel is flat, the others are zero.
    const spectrum = tf.buffer(param.spectrum.shape);
    spectrum.set(0.001, 0, 0, 0, 0, 0);
    param.spectrum.assign(spectrum.toTensor());
    const pixels = param.pixels();
    const [r, g, b] = Array.from(pixels.dataSync().slice(0, 3)).map(logit);
    pixels.dispose();
    param.dispose();
    const flat = (0.001 * Math.sqrt(16) * 4) / 16 / 4; // scale at DC, inverse DFT's 1/(h w), then / 4
    expect(r).toBeCloseTo((flat * COLOR_CORRELATION[0][0]) / COLOR_MAX_NORM, 5);
    expect(g).toBeCloseTo((flat * COLOR_CORRELATION[1][0]) / COLOR_MAX_NORM, 5);
    expect(b).toBeCloseTo((flat * COLOR_CORRELATION[2][0]) / COLOR_MAX_NORM, 5);
  });

  it('leaves 1 and 5 channels undecorrelated, one image channel per spectrum channel', async () => {
    await useBackend('cpu');
    for (const channels of [1, 5]) {
      const param = fourierParam({ batch: 1, height: 4, width: 4, channels, seed: 3 });
      const spectrum = tf.buffer(param.spectrum.shape);
      spectrum.set(0.001, 0, 0, channels - 1, 0, 0);
      param.spectrum.assign(spectrum.toTensor());
      const pixels = param.pixels();
      expect(pixels.shape).toEqual([1, 4, 4, channels]);
      const first = Array.from(pixels.dataSync().slice(0, channels)).map(logit);
      pixels.dispose();
      param.dispose();
      const expected = Array.from({ length: channels }, (_, c) => (c === channels - 1 ? 0.001 / 4 : 0));
      first.forEach((v, c) => expect(v).toBeCloseTo(expected[c], 6));
    }
  });

  it.each(['cpu', 'wasm'] as const)('passes gradients from the pixels back to the spectrum on %s', async (backend) => {
    await useBackend(backend);
    const param = fourierParam({ batch: 2, height: 8, width: 8, channels: 3, seed: 5 });
    const norm = tf.tidy(() => {
      const { grads } = tf.variableGrads(() => tf.sum(tf.square(param.pixels())) as tf.Scalar, [param.spectrum]);
      return tf.norm(grads[param.spectrum.name]).dataSync()[0];
    });
    param.dispose();
    expect(norm).toBeGreaterThan(1e-3);
  });

  it.each([[3, 12, 10], [1, 9, 7]])('gives dLoss/dspectrum without rerunning the pixels, as TF.js’s gradient does (%i channels, %i x %i)', (channels, height, width) => {
    const param = fourierParam({ batch: 2, height, width, channels, seed: 5, sd: 0.5 });
    const dPixels = tf.randomNormal([2, height, width, channels], 0, 1, 'float32', 6) as tf.Tensor4D;
    const expected = tf.tidy(() => tf.variableGrads(() => tf.sum(tf.mul(param.pixels(), dPixels)) as tf.Scalar, [param.spectrum]).grads[param.spectrum.name]!.dataSync());
    const pixels = param.pixels();
    const actual = tf.tidy(() => param.spectrumGradient(pixels, dPixels).dataSync());
    const scale = Math.max(...expected.map(Math.abs));
    expect(actual.length).toBe(expected.length);
    expect(Math.max(...actual.map((v, i) => Math.abs(v - expected[i]!))) / scale).toBeLessThan(1e-5);
    tf.dispose([pixels, dPixels]);
    param.dispose();
  });
});
