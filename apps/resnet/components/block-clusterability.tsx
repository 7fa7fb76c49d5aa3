import { describeQueryError } from '@branchscope/client';
import type { ClusterabilityQueryResult } from '@branchscope/client';
import { ErrorPanel } from '@branchscope/ui';
import type { ClusterScope } from '../lib/block-scope';
import { JobWait } from './job-wait';

export interface BlockClusterabilityProps {
  block: string;
  scope: ClusterScope;
  /** The `clusterability` answer; absent when `scope` says there is nothing to cluster. */
  answer?: { ok: true; value: ClusterabilityQueryResult['clusterability'] } | { ok: false; error: unknown };
}

/**
 * Whether the block's own units fall into clusters: the n-cut of a k-way spectral clustering of the |W| graph between
 * its conv layers against seeded shuffles of each layer matrix (Filan et al.), with the shuffle p; or, plainly, why the
 * block has nothing to cluster.
 */
export function BlockClusterability({ block, scope, answer }: BlockClusterabilityProps) {
  if (!scope.ok) {
    return (
      <p className="caption" data-clusterability="not-applicable">
        No n-cut: {scope.reason}.
      </p>
    );
  }
  if (!answer) return null;
  if (!answer.ok) return <ErrorPanel title={`the clusterability of ${block}`} {...describeQueryError(answer.error)} />;
  const { result, job } = answer.value;
  if (!result) return job ? <JobWait job={job} what={`the clusterability of ${block}`} /> : null;
  const clusterable = result.p <= 0.05;
  return (
    <div data-clusterability="computed" data-p={result.p} data-n-cut={result.observedNCut}>
      <table className="blocks cluster-stats" aria-label={`n-cut clusterability of ${block}`}>
        <tbody>
          <tr>
            <th scope="row">Layers (units)</th>
            <td>{result.layers.map((l, i) => `${l} (${result.layerSizes[i]})`).join(' → ')}</td>
          </tr>
          <tr>
            <th scope="row">k</th>
            <td className="num">{result.k}</td>
          </tr>
          <tr>
            <th scope="row">n-cut of the real weights</th>
            <td className="num">{result.observedNCut.toFixed(4)}</td>
          </tr>
          <tr>
            <th scope="row">Shuffled n-cuts (mean ± sd)</th>
            <td className="num">
              {result.mean.toFixed(4)} ± {result.sd.toFixed(4)} over {result.shuffles} shuffles, seed {result.seed}
            </td>
          </tr>
          <tr>
            <th scope="row">z</th>
            <td className="num">{result.zScore === null ? '—' : result.zScore.toFixed(2)}</td>
          </tr>
          <tr>
            <th scope="row">Shuffle p</th>
            <td className="num" data-shuffle-p={result.p}>
              {result.p.toPrecision(3)}
            </td>
          </tr>
        </tbody>
      </table>
      <p className="caption">
        {clusterable
          ? `More clusterable than its shuffles: at most ${Math.round(result.p * (result.shuffles + 1)) - 1} of ${result.shuffles} shuffled networks cut as cleanly.`
          : `Not more clusterable than its shuffles (p = ${result.p.toPrecision(3)}).`}{' '}
        p counts shuffles cutting at least as cleanly, plus one, over shuffles plus one: with {result.shuffles} shuffles the smallest p is{' '}
        {(1 / (result.shuffles + 1)).toPrecision(3)}.
      </p>
      {result.warnings.map((w) => (
        <p key={w} className="caption" data-warning>
          ⚠ {w}
        </p>
      ))}
    </div>
  );
}
