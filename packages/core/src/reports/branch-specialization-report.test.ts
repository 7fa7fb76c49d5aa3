import { describe, expect, it } from 'vitest';
import { branchSpecializationReport } from './branch-specialization-report';
import { plantedDescriptors } from './planted-filters.test-support';

const halves = [
  { name: 'branch 0', range: [0, 16] as [number, number] },
  { name: 'branch 1', range: [16, 32] as [number, number] },
];
const greyThenColor = [...Array(16).fill('grey'), ...Array(16).fill('color')] as ('grey' | 'color')[];
const alternating = Array.from({ length: 32 }, (_, i) => (i % 2 === 0 ? 'grey' : 'color')) as ('grey' | 'color')[];

describe('branchSpecializationReport', () => {
  it('says split when one branch holds grey gratings and the other colour blobs', () => {
    const report = branchSpecializationReport({ layer: 'conv1', descriptors: plantedDescriptors('conv1', greyThenColor), branches: halves });
    expect(report.colorVerdict).toBe('split');
    expect(report.pairs[0]!.colorP).toBeLessThan(1e-6);
    expect(report.pairs[0]!.colorGap).toBeLessThan(-0.5);
    expect(report.summary.join('\n')).toMatch(/Colour: split\./);
  });

  it('finds the grey branch higher in frequency than the colour branch', () => {
    const report = branchSpecializationReport({ layer: 'conv1', descriptors: plantedDescriptors('conv1', greyThenColor), branches: halves });
    expect(report.branches[0]!.medianFrequency - report.branches[1]!.medianFrequency).toBeGreaterThan(0.1);
    expect(report.frequencyVerdict).toBe('split');
  });

  it('says no split when both branches mix grey and colour filters alike', () => {
    const report = branchSpecializationReport({ layer: 'conv1', descriptors: plantedDescriptors('conv1', alternating), branches: halves });
    expect(report.colorVerdict).toBe('none');
    expect(report.pairs[0]!.colorP).toBeGreaterThan(0.5);
    expect(report.summary.join('\n')).toMatch(/Colour: no split\./);
  });

  it('enriches colour in the colour branch with a hypergeometric p of 1 / C(32, 16)', () => {
    const report = branchSpecializationReport({ layer: 'conv1', descriptors: plantedDescriptors('conv1', greyThenColor), branches: halves });
    const row = report.enrichment.find((r) => r.branch === 'branch 1' && r.category === 'color')!;
    expect(row.inBranch).toBe(16);
    expect(row.categorySize).toBe(16);
    expect(row.p).toBeCloseTo(1 / 601080390, 15);
  });

  it('rejects a layer with one branch and a unit described twice, naming the layer', () => {
    const descriptors = plantedDescriptors('conv1', greyThenColor);
    expect(() => branchSpecializationReport({ layer: 'conv1', descriptors, branches: [halves[0]!] })).toThrow(/conv1: needs at least 2 branches/);
    const twice = [...descriptors.slice(0, 31), { ...descriptors[0]! }];
    expect(() => branchSpecializationReport({ layer: 'conv1', descriptors: twice, branches: halves })).toThrow(/conv1: unit 0 is described twice/);
  });
});

describe('branchSpecializationReport with four branches', () => {
  it('adjusts each pair\'s p for the six pairs before judging a split', () => {
    const kinds = [...Array(16).fill('grey'), ...Array(16).fill('color')] as ('grey' | 'color')[];
    const quarters = [0, 1, 2, 3].map((i) => ({ name: `b${i}`, range: [8 * i, 8 * i + 8] as [number, number] }));
    const report = branchSpecializationReport({ layer: 'conv1', descriptors: plantedDescriptors('conv1', kinds), branches: quarters });
    expect(report.pairs).toHaveLength(6);
    const greyVsColor = report.pairs.find((p) => p.a === 'b0' && p.b === 'b2')!;
    expect(greyVsColor.colorPAdjusted).toBeCloseTo(Math.min(1, 6 * greyVsColor.colorP), 12);
    expect(report.colorVerdict).toBe('split');
    expect(report.pairs.find((p) => p.a === 'b0' && p.b === 'b1')!.colorVerdict).toBe('none');
  });
});
