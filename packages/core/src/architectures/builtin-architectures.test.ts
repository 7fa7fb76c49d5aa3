import { describe, expect, it } from 'vitest';
import { findBranches } from '../graph/find-branches';
import { validateGraph } from '../graph/validate-graph';
import { builtinArchitectures } from './builtin-architectures';

describe('builtinArchitectures', () => {
  const catalogue = builtinArchitectures();

  it('lists the required ids exactly once each', () => {
    const ids = catalogue.map((a) => a.id as string);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ['alexnet', 'inceptionv1', 'googlenet', 'resnet50-v1', 'resnet50-v2', 'resnet152-v1', 'resnet152-v2', 'small-alexnet-2b', 'small-alexnet-1b']) {
      expect(ids).toContain(id);
    }
  });

  it('builds every architecture into a well-formed graph', () => {
    for (const arch of catalogue) expect(() => validateGraph(arch.build()), arch.id).not.toThrow();
  });

  it('pairs each branched small variant with a listed control that has none of its block kinds', () => {
    const branchedSmall = catalogue.filter((a) => a.small && a.control);
    expect(branchedSmall.length).toBe(4);
    for (const arch of branchedSmall) {
      const control = catalogue.find((a) => a.id === arch.control);
      expect(control?.small, arch.id).toBe(true);
      const kinds = new Set(findBranches(arch.build()).map((b) => b.kind));
      expect(kinds.size, arch.id).toBeGreaterThan(0);
      expect(findBranches(control!.build()).filter((b) => kinds.has(b.kind)), arch.id).toEqual([]);
    }
  });
});
