import { randomLcg, randomUniform } from 'd3';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { ColorIndexHistogram, largestBinCount } from './color-index-histogram';
import type { ColorIndexHistogramProps } from './color-index-histogram';

function render(props: Partial<ColorIndexHistogramProps> & Pick<ColorIndexHistogramProps, 'values'>): string {
  return renderToStaticMarkup(createElement(ColorIndexHistogram, { width: 200, height: 60, ...props }));
}

function counts(markup: string): number[] {
  return [...markup.matchAll(/data-count="(\d+)"/g)].map((m) => Number(m[1]));
}

function heights(markup: string): number[] {
  return [...markup.matchAll(/<rect [^>]*height="([^"]+)"/g)].map((m) => Number(m[1]));
}

describe('ColorIndexHistogram', () => {
  it('counts every value in one of ten bins by default', () => {
    const uniform = randomUniform.source(randomLcg(7))(0, 1);
    const markup = render({ values: Array.from({ length: 48 }, () => uniform()) });
    const binCounts = counts(markup);
    expect(binCounts).toHaveLength(10);
    expect(binCounts.reduce((a, b) => a + b, 0)).toBe(48);
  });

  it('puts values in the bin their colour index falls into', () => {
    expect(counts(render({ values: [0.05, 0.05, 0.95], bins: 2 }))).toEqual([2, 1]);
  });

  it('counts values outside [0, 1] in the end bins', () => {
    expect(counts(render({ values: [-0.01, 1.02], bins: 4 }))).toEqual([1, 0, 0, 1]);
  });

  it('marks the median of the values', () => {
    const markup = render({ values: [0.1, 0.2, 0.9] });
    expect(Number(/data-median="([^"]+)"/.exec(markup)?.[1])).toBeCloseTo(0.2, 12);
    expect(markup).toContain('median 0.20');
  });

  it('draws bars shorter under a shared maxCount than on their own scale', () => {
    const own = Math.max(...heights(render({ values: [0.5, 0.5] })));
    const shared = Math.max(...heights(render({ values: [0.5, 0.5], maxCount: 4 })));
    expect(shared).toBeCloseTo(own / 2, 6);
  });

  it('draws no median for no values', () => {
    expect(render({ values: [] })).not.toContain('data-median');
  });

  it('rejects a value that is not a number, naming its position', () => {
    expect(() => render({ values: [0.2, Number.NaN] })).toThrow('ColorIndexHistogram: value 1 is not a finite number (NaN)');
  });
});

describe('largestBinCount', () => {
  it('is the fullest bin over every set, binned as the histogram bins', () => {
    expect(largestBinCount([[0.05, 0.06, 0.5], [0.91, 0.92, 0.93, 0.2]])).toBe(3);
  });

  it('matches the tallest bar the histogram draws', () => {
    const values = [0.1, 0.12, 0.5, 0.55, 0.58, 1];
    expect(largestBinCount([values])).toBe(Math.max(...counts(render({ values }))));
  });
});
