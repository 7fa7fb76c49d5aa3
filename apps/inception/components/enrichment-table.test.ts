import type { EnrichmentRow } from '@branchscope/client';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { EnrichmentTable } from './enrichment-table';

/** Two rows of mixed3a with the published set, which labels all 32 units of the 5x5 branch and none of the 1x1. */
function mixed3aRows(population: 'ALL_UNITS' | 'LABELLED'): EnrichmentRow[] {
  const all = population === 'ALL_UNITS';
  const base = { category: 'BW vs Color', categorySize: 9, layerUnits: 256, layerLabelled: 32 };
  return [
    { ...base, branch: 'mixed3a/1x1', inBranch: 0, branchSize: 64, branchLabelled: 0, expected: all ? 2.25 : 0, p: 1, logP: 0, q: 1 },
    {
      ...base,
      branch: 'mixed3a/5x5',
      inBranch: 9,
      branchSize: 32,
      branchLabelled: 32,
      expected: all ? 1.125 : 9,
      p: all ? 2.4847210327344675e-9 : 1,
      logP: all ? -19.813105444168524 : 0,
      q: all ? 4.969442065468935e-9 : 1,
    },
  ];
}

const render = (population: 'ALL_UNITS' | 'LABELLED') =>
  renderToStaticMarkup(createElement(EnrichmentTable, { layer: 'mixed3a', rows: mixed3aRows(population), categories: ['BW vs Color'], population }));

/** The cells of the row for `branch`, as text. */
function cells(markup: string, branch: string): string[] {
  const row = new RegExp(`<tr[^>]*data-branch="${branch}"[^>]*>(.*?)</tr>`).exec(markup)?.[1];
  if (row === undefined) throw new Error(`no row for ${branch}`);
  return [...row.matchAll(/<td[^>]*>(.*?)<\/td>/g)].map((m) => m[1]!.replace(/<[^>]+>/g, ''));
}

describe('EnrichmentTable', () => {
  it('says "not labelled" for the 1x1 branch of mixed3a with the published set, not 0 / 9', () => {
    const markup = render('ALL_UNITS');
    const [, , inBranch, labelled, , expected, p] = cells(markup, 'mixed3a/1x1');
    expect(inBranch).toBe('not labelled');
    expect(labelled).toBe('0 of 64');
    expect([expected, p]).toEqual(['–', '–']);
    expect(markup).toMatch(/<tr[^>]*data-branch="mixed3a\/1x1"[^>]*data-branch-labelled="0"[^>]*class="unlabelled"/);
    expect(markup).not.toContain('0 / 9');
  });

  it('shows the labelled 5x5 with its count, its labelled units and the article chance, first', () => {
    const markup = render('ALL_UNITS');
    expect(cells(markup, 'mixed3a/5x5').slice(2, 7)).toEqual(['9 / 9', '32 of 32', '32 of 256', '1.13', '2.4847e-9']);
    expect(markup.indexOf('mixed3a/5x5')).toBeLessThan(markup.indexOf('mixed3a/1x1'));
  });

  it('explains under the table how many units are labelled and that the chance drew from all 256', () => {
    const markup = render('ALL_UNITS');
    expect(markup).toContain('data-population="ALL_UNITS"');
    expect(markup).toContain("32 of mixed3a&#x27;s 256 units are labelled in this set.");
    expect(markup).toContain('at random from all 256 units of the layer');
    expect(markup).toContain('&quot;not labelled&quot;: nobody labelled a unit of that branch');
  });

  it('says when the chance drew from the 32 labelled units only, and that the article drew from all units', () => {
    const markup = render('LABELLED');
    expect(markup).toContain('data-population="LABELLED"');
    expect(markup).toContain('at random from the layer&#x27;s 32 labelled units');
    expect(markup).toContain('the article draws from all units');
    expect(cells(markup, 'mixed3a/5x5')[6]).toBe('1');
    expect(cells(markup, 'mixed3a/1x1')[2]).toBe('not labelled');
  });
});
