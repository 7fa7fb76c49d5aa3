import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildExecutable } from '../executor/build-executable';
import { tinyGraph } from '../executor/tiny-graph';
import { seededWeights } from '../weights/seeded-weights';
import { featureModelFromExecutable } from './executable-feature-model';
import { channel, channels } from './objectives';
import { renderFeatures, type RenderOptions } from './render';
import { useBackend } from './test-backend';

const graph = tinyGraph();
const options = (layout: 'NHWC' | 'NCHW'): Omit<RenderOptions, 'objective' | 'units'> => ({
  model: featureModelFromExecutable(buildExecutable(graph, seededWeights(graph, 1), { layout })),
  inputSize: 9,
  channels: 3,
  inputRange: graph.inputRange,
  steps: 12,
  seed: 2,
  // A 9 px input would be mostly padding after the recipe's transforms; this test is about the adapter.
  transforms: false,
});

describe('featureModelFromExecutable', () => {
  beforeAll(() => useBackend('wasm'));
  afterAll(() => useBackend('cpu'));

  it('renders conv units of an executable graph the same way in either layout (within 1e-4)', async () => {
    const nhwc = await renderFeatures({ ...options('NHWC'), objective: channels('c2', [0, 3]), batch: 2 });
    const nchw = await renderFeatures({ ...options('NCHW'), objective: channels('c2', [0, 3]), batch: 2 });
    const worst = Math.max(...nhwc.images[1].data.map((v, i) => Math.abs(v - nchw.images[1].data[i])));
    expect(worst).toBeLessThan(1e-4);
    expect(nhwc.trace[11]).toBeGreaterThan(nhwc.trace[0]);
  });

  it('raises a dense unit, read as a 1 x 1 map', async () => {
    const result = await renderFeatures({ ...options('NHWC'), objective: channel('fc', 4) });
    expect(result.trace[11]).toBeGreaterThan(result.trace[0]);
  });
});
