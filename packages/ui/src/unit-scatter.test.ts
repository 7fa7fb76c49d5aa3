import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { UnitScatter } from './unit-scatter';
import type { ScatterPoint, UnitScatterProps } from './unit-scatter';

function render(points: ScatterPoint[], extra: Partial<UnitScatterProps> = {}): string {
  return renderToStaticMarkup(
    createElement(UnitScatter, { points, width: 480, height: 360, xLabel: 'x', yLabel: 'y', ...extra }),
  );
}

/** 2n points on a circle, the first n in group 0 and the rest in group 1. */
function twoGroups(n: number): ScatterPoint[] {
  return Array.from({ length: 2 * n }, (_, i) => ({
    id: i,
    x: Math.cos(i),
    y: Math.sin(i),
    group: i < n ? 0 : 1,
  }));
}

function attributeValues(markup: string, attribute: string): string[] {
  return [...markup.matchAll(new RegExp(`${attribute}="([^"]*)"`, 'g'))].map((m) => m[1] ?? '');
}

describe('UnitScatter', () => {
  it('draws one circle per point with its unit id', () => {
    const markup = render(twoGroups(48));
    expect(attributeValues(markup, 'data-unit')).toEqual(Array.from({ length: 96 }, (_, i) => String(i)));
  });

  it('tags each circle with its group', () => {
    const groups = attributeValues(render(twoGroups(3)), 'data-group');
    expect(groups).toEqual(['0', '0', '0', '1', '1', '1']);
  });

  it('colours the groups differently', () => {
    const markup = render(twoGroups(2));
    const fills = [...markup.matchAll(/<circle data-unit="\d+"[^>]*fill="([^"]+)"/g)].map((m) => m[1]);
    expect(new Set(fills).size).toBe(2);
  });

  it('fills a point with its own fill when it has one', () => {
    const markup = render([
      { id: 0, x: 0, y: 0, fill: '#a3a3a3' },
      { id: 1, x: 1, y: 1, fill: '#e8590c' },
    ]);
    expect(markup).toMatch(/data-unit="0"[^>]*fill="#a3a3a3"/);
    expect(markup).toMatch(/data-unit="1"[^>]*fill="#e8590c"/);
  });

  it('names each group in the legend with its point count', () => {
    const markup = render(twoGroups(48), { groupNames: ['branch A', 'branch B'] });
    expect(markup).toContain('branch A (48)');
    expect(markup).toContain('branch B (48)');
  });

  it('keeps every point inside the plot area', () => {
    const markup = render(twoGroups(10));
    const centres = [...markup.matchAll(/<circle data-unit="\d+"[^>]* cx="([^"]+)" cy="([^"]+)"/g)];
    expect(centres).toHaveLength(20);
    for (const [, cx, cy] of centres) {
      expect(Number(cx)).toBeGreaterThan(0);
      expect(Number(cx)).toBeLessThan(480);
      expect(Number(cy)).toBeGreaterThan(0);
      expect(Number(cy)).toBeLessThan(360);
    }
  });

  it('rejects a non-finite coordinate naming the point', () => {
    expect(() => render([{ id: 'u7', x: Number.NaN, y: 0 }])).toThrow(/point u7 has a non-finite coordinate/);
  });
});

describe('UnitScatter points drawn as images', () => {
  it('draws a point with an image as that image framed in its group colour, the others as dots', () => {
    const markup = render(
      [
        { id: 0, x: 0, y: 0, group: 1, image: '/artifacts/f0.png' },
        { id: 1, x: 1, y: 1, group: 0 },
      ],
      { imageSize: 20 },
    );
    expect(markup).toMatch(/<g class="bs-point-image" data-unit="0" data-group="1"[^>]*><image href="\/artifacts\/f0.png"[^>]*width="20" height="20"/);
    expect(markup.match(/<circle data-unit/g)).toHaveLength(1);
  });
});
