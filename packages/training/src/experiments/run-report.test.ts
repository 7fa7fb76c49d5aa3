import { smallAlexnetGraph, type ConvWeights } from '@branchscope/core';
import { describe, expect, it } from 'vitest';
import { seededWeights } from '@branchscope/runtime';
import type { WeightSource } from '@branchscope/runtime';
import { runReport } from './run-report';

/** conv1 with grey vertical gratings in units 0-15 and red-minus-green blobs in 16-31; other layers seeded. */
function plantedConv1(base: WeightSource): WeightSource {
  const data = new Float32Array(32 * 3 * 25);
  for (let o = 0; o < 32; o++) {
    for (let c = 0; c < 3; c++) {
      for (let y = 0; y < 5; y++) {
        for (let x = 0; x < 5; x++) {
          const r2 = (x - 2) ** 2 + (y - 2) ** 2;
          const v = o < 16 ? Math.cos(Math.PI * (x - 2) * (0.8 + 0.02 * o)) : (c === 0 ? 1 : c === 1 ? -1 : 0) * Math.exp(-r2 / 4);
          data[((o * 3 + c) * 5 + y) * 5 + x] = v;
        }
      }
    }
  }
  const conv1: ConvWeights = { shape: [32, 3, 5, 5], group: 1, data };
  return { ...base, conv: (layer) => (layer === 'conv1' ? conv1 : base.conv(layer)) };
}

describe('runReport', () => {
  it('reports a colour split for planted grey and colour branches of the 2-branch model', () => {
    const graph = smallAlexnetGraph({ branches: 2 });
    const report = runReport(graph, plantedConv1(seededWeights(graph, 1)));
    expect(report.kind).toBe('branched');
    if (report.kind !== 'branched') return;
    expect(report.branches.colorVerdict).toBe('split');
    expect(report.branches.branches[0]!.medianColorIndex).toBeLessThan(0.05);
  });

  it('reports no colour split for the seeded (untrained) 2-branch model', () => {
    const graph = smallAlexnetGraph({ branches: 2 });
    const report = runReport(graph, seededWeights(graph, 1));
    expect(report.kind === 'branched' && report.branches.colorVerdict).toBe('none');
  });

  it('correlates the |W| factors of an unbranched control with colour and frequency', () => {
    const graph = smallAlexnetGraph({ branches: 1 });
    const report = runReport(graph, plantedConv1(seededWeights(graph, 1)));
    expect(report.kind).toBe('control');
    if (report.kind !== 'control') return;
    expect(report.next).toBe('conv2');
    expect(report.factors.rows).toHaveLength(4);
    expect(report.factors.rows[0]!.oneSigned).toBe(true);
  });
});
