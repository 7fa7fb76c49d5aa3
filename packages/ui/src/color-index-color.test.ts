import { describe, expect, it } from 'vitest';
import { colorIndexColor } from './color-index-color';

describe('colorIndexColor', () => {
  it('is grey at 0 and clamps values below it', () => {
    expect(colorIndexColor(0)).toBe('rgb(163, 163, 163)');
    expect(colorIndexColor(-1)).toBe(colorIndexColor(0));
  });

  it('is saturated at 1 and clamps values above it', () => {
    expect(colorIndexColor(1)).toBe('rgb(232, 89, 12)');
    expect(colorIndexColor(2)).toBe(colorIndexColor(1));
  });
});
