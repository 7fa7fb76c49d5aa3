import { describe, expect, it } from 'vitest';
import { alexnetGraph } from '../architectures/alexnet';
import { inceptionV1Graph } from '../architectures/inception-v1';
import { receptiveBox, receptiveField } from './receptive-field';

describe('receptiveField', () => {
  it('gives AlexNet conv1 its 11 px window every 4 px, and conv2 the published 51 px', () => {
    const graph = alexnetGraph();
    const conv1 = receptiveField(graph, 'conv1');
    expect(conv1.size).toEqual([11, 11]);
    expect(conv1.jump).toEqual([4, 4]);
    // conv1 (11, stride 4), pool (3, stride 2), conv2 (5): 11 + 2 * 4 + 4 * 8 = 51.
    expect(receptiveField(graph, 'conv2').size).toEqual([51, 51]);
  });

  it('takes the union of a concat’s branches (InceptionV1 mixed3a: its 5x5 and pool branches see furthest)', () => {
    const graph = inceptionV1Graph();
    const field = receptiveField(graph, 'mixed3a');
    const fiveByFive = receptiveField(graph, 'mixed3a_5x5');
    expect(field.jump).toEqual(fiveByFive.jump);
    expect(field.size[0]).toBeGreaterThanOrEqual(fiveByFive.size[0]);
  });

  it('clips a box to the image and names a layer without positions', () => {
    const field = { jump: [4, 4] as [number, number], size: [11, 11] as [number, number], offset: [-2, -2] as [number, number] };
    expect(receptiveBox(field, 0, 0, 224, 224)).toEqual({ y0: 0, x0: 0, y1: 9, x1: 9 });
    expect(receptiveBox(field, 2, 3, 224, 224)).toEqual({ y0: 6, x0: 10, y1: 17, x1: 21 });
    expect(() => receptiveField(alexnetGraph(), 'nope')).toThrow(/has no layer 'nope'/);
  });
});
