import { describe, expect, it } from 'vitest';
import { descriptorView } from './feature-images';

describe('descriptorView', () => {
  it('reads colorIndex, and the colourIndex of images stored before the rename', () => {
    expect(descriptorView({ colorIndex: 0.25, frequency: 0.1, orientation: 45 })).toEqual({ colorIndex: 0.25, frequency: 0.1, orientation: 45 });
    const legacy = { colourIndex: 0.75, frequency: 0.2, orientation: 90 } as unknown as Parameters<typeof descriptorView>[0];
    expect(descriptorView(legacy)).toEqual({ colorIndex: 0.75, frequency: 0.2, orientation: 90 });
  });
});
