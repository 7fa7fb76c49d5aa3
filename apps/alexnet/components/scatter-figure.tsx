import { describeQueryError } from '@branchscope/client';
import type { SvdFactors } from '@branchscope/client';
import { ErrorPanel, UnitScatter } from '@branchscope/ui';
import { branchNames, conv1FactorPoints } from '../lib/conv1-factor-points';
import type { AlexNetView } from '../lib/resolve-alexnet-model';
import type { Settled } from '../lib/settle';

export interface ScatterFigureProps {
  view: AlexNetView;
  svd: Promise<Settled<SvdFactors>>;
  width?: number;
  height?: number;
}

/** The first layer's units placed by the first two left singular vectors of |W(from → to)|, coloured by branch. */
export async function ScatterFigure({ view, svd, width = 640, height = 480 }: ScatterFigureProps) {
  const settled = await svd;
  if (!settled.ok) {
    return <ErrorPanel title={`the factors of |W(${view.from} → ${view.to})| of '${view.model.id}'`} {...describeQueryError(settled.error)} />;
  }
  const factors = settled.value;
  const [first = 0, second = 0] = factors.explainedVariance;
  return (
    <figure className="figure">
      <UnitScatter
        points={conv1FactorPoints(factors)}
        width={width}
        height={height}
        xLabel="singular vector 0"
        yLabel="singular vector 1"
        groupNames={branchNames(factors)}
        title={`${factors.fromUnits.length} ${factors.from} units, |W(${factors.from} → ${factors.to})|`}
      />
      <figcaption>
        <dl className="variance">
          <dt>Singular vector 0</dt>
          <dd data-explained-variance="0">{percent(first)} of the variance</dd>
          <dt>Singular vector 1</dt>
          <dd data-explained-variance="1">{percent(second)} of the variance</dd>
        </dl>
        <p className="provenance">
          Model <code>{factors.modelId}</code>; uncentred SVD of the {factors.rows} × {factors.cols} matrix |W|, computed by
          job <code>{factors.jobId}</code> at {factors.computedAt}.
        </p>
      </figcaption>
    </figure>
  );
}

function percent(fraction: number): string {
  return `${(fraction * 100).toFixed(1)}%`;
}
