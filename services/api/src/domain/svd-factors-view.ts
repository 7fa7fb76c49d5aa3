import { branchOfUnit, type BranchedBlock } from '@branchscope/core';
import type { StoredMatrix, SvdFactorsInput, SvdFactorsValue } from '@branchscope/jobs';
import type { ResultRecord } from '@branchscope/store';
import type { SvdFactors, UnitFactors } from '../generated/resolver-types';

export type UnitFactorsView = UnitFactors;
/** The schema's `SvdFactors`. */
export type SvdFactorsView = SvdFactors;

/** Row `i`'s first `k` entries. */
const rowHead = (m: StoredMatrix, i: number, k: number): number[] => m.data.slice(i * m.cols, i * m.cols + Math.min(k, m.cols));

/**
 * Maps a stored result to the API's view, with `components` factor columns per unit. A `from` unit's branch is
 * the branch of `to`'s block it feeds (only blocks that `to` belongs to count, so units feeding every branch get
 * none); a `to` unit's branch is the branch it belongs to.
 */
export function svdFactorsView(
  input: SvdFactorsInput,
  result: ResultRecord<SvdFactorsValue>,
  blocks: readonly BranchedBlock[],
  components: number,
): SvdFactorsView {
  const value = result.value;
  const fedBlocks = blocks.filter((block) => block.branches.some((branch) => branch.layers.includes(input.to)));
  const units = (m: StoredMatrix, layer: string, within: readonly BranchedBlock[]): UnitFactorsView[] =>
    Array.from({ length: m.rows }, (_, unit) => ({
      unit,
      factors: rowHead(m, unit, components),
      branch: branchOfUnit(within, layer, unit)?.branch ?? null,
    }));
  return {
    modelId: input.modelId,
    from: input.from,
    to: input.to,
    centered: value.centered,
    rows: value.rows,
    cols: value.cols,
    singularValues: value.singularValues,
    explainedVariance: value.explainedVariance,
    fromUnits: units(value.left, input.from, fedBlocks),
    toUnits: units(value.right, input.to, blocks),
    jobId: result.jobId ?? '',
    computedAt: result.createdAt,
  };
}
