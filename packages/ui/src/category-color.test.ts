import { describe, expect, it } from 'vitest';
import { UNLABELLED_COLOR, categoryColor, readableInk } from './category-color';

describe('categoryColor', () => {
  it('gives ten categories ten different colours', () => {
    expect(new Set(Array.from({ length: 10 }, (_, i) => categoryColor(i))).size).toBe(10);
  });

  it('repeats the palette after ten categories', () => {
    expect(categoryColor(12)).toBe(categoryColor(2));
  });

  it('fills unlabelled units with the unlabelled colour', () => {
    expect(categoryColor(undefined)).toBe(UNLABELLED_COLOR);
  });
});

describe('readableInk', () => {
  it('writes white on a dark fill and dark ink on a light one', () => {
    expect(readableInk('#1f2328')).toBe('#ffffff');
    expect(readableInk(UNLABELLED_COLOR)).toBe('#1f2328');
  });

  it('rejects a string that is no colour, naming it', () => {
    expect(() => readableInk('teal-ish')).toThrow("readableInk: 'teal-ish' is not a CSS colour");
  });
});
