import { describeQueryError } from '@branchscope/client';
import type { SvdFactors, WeightImage } from '@branchscope/client';
import { ErrorPanel, UnitScatter, colorIndexColor } from '@branchscope/ui';
import { columnNames, conv1FactorPoints } from '../lib/conv1-factor-points';
import { factorColorCorrelations } from '../lib/factor-color-correlation';
import type { AlexNetView } from '../lib/resolve-alexnet-model';
import type { ScatterMode } from '../lib/scatter-mode';
import type { Settled } from '../lib/settle';
import { FactorCaption } from './factor-caption';
import { JobWait } from './job-wait';

export interface ScatterFigureProps {
  view: AlexNetView;
  svd: Promise<Settled<SvdFactors>>;
  /**
   * The first layer's filters: an unbranched layer's points (every point with mode `color`) are shaded by their colour
   * index, and with mode `images` drawn as the filters; the caption prints each vector's correlation with colour index.
   */
  weights?: Promise<Settled<WeightImage[]>>;
  /** Default `branch`. */
  mode?: ScatterMode;
  width?: number;
  height?: number;
}

/**
 * The first layer's units placed by the first two left singular vectors of |W(from → to)|, coloured by branch, or,
 * for an unbranched layer, shaded by colour index.
 */
export async function ScatterFigure({ view, svd, weights, mode = 'branch', width = 640, height = 480 }: ScatterFigureProps) {
  const settled = await svd;
  if (settled.ok === 'pending') return <JobWait job={settled.job} what={`the factors of |W(${view.from} → ${view.to})|`} />;
  if (!settled.ok) {
    return <ErrorPanel title={`the factors of |W(${view.from} → ${view.to})| of '${view.model.id}'`} {...describeQueryError(settled.error)} />;
  }
  const factors = settled.value;
  const filters = weights ? await weights : undefined;
  const colorIndexOf = filters?.ok === true ? new Map(filters.value.map((image) => [image.unit, image.colorIndex])) : undefined;
  const imageOf = mode === 'images' && filters?.ok === true ? new Map(filters.value.map((image) => [image.unit, image.url])) : undefined;
  const shaded = colorIndexOf !== undefined && (view.layout === 'unbranched' || mode === 'color');
  const [first = 0, second = 0] = factors.explainedVariance;
  return (
    <figure className="figure">
      <UnitScatter
        points={conv1FactorPoints(factors, {
          columns: view.columns,
          colorIndexOf: shaded ? colorIndexOf : undefined,
          fillOf: colorIndexColor,
          colorBy: mode === 'color' ? 'color' : 'branch',
          imageOf,
        })}
        imageSize={width < 560 ? 14 : 18}
        width={width}
        height={height}
        xLabel="singular vector 0"
        yLabel="singular vector 1"
        groupNames={columnNames(view.columns)}
        title={`${factors.fromUnits.length} ${factors.from} units, |W(${factors.from} → ${factors.to})|`}
      />
      <figcaption>
        <dl className="variance">
          <dt>Singular vector 0</dt>
          <dd data-explained-variance="0">{percent(first)} of the variance</dd>
          <dt>Singular vector 1</dt>
          <dd data-explained-variance="1">{percent(second)} of the variance</dd>
        </dl>
        {shaded ? (
          <p className="provenance">
            {imageOf ? 'Frames' : 'Points'} shaded by their filter&apos;s colour index: grey 0, orange 1.
          </p>
        ) : imageOf ? (
          <p className="provenance">Each unit drawn as its filter, framed in its branch&apos;s colour.</p>
        ) : null}
        {colorIndexOf ? <FactorCaption from={factors.from} to={factors.to} correlations={factorColorCorrelations(factors, colorIndexOf)} /> : null}
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
