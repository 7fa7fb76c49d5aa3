import { describeQueryError } from '@branchscope/client';
import type { WeightImage } from '@branchscope/client';
import { BranchColumns, ColorIndexHistogram, ErrorPanel, WeightGrid, largestBinCount, neuronHref } from '@branchscope/ui';
import { median, unitRangeText, unitsIn } from '../lib/branch-units';
import type { AlexNetView } from '../lib/resolve-alexnet-model';
import type { Settled } from '../lib/settle';
import { JobWait } from './job-wait';

export interface WeightColumnsProps {
  view: AlexNetView;
  weights: Promise<Settled<WeightImage[]>>;
  /** Largest displayed filter size in CSS pixels. */
  imageSize?: number;
}

/**
 * The first layer's filters by column (the branch that reads or holds them; one column when unbranched), side by
 * side, each with its median colour index and a colour-index histogram on a shared count axis.
 */
export async function WeightColumns({ view, weights, imageSize = 50 }: WeightColumnsProps) {
  const settled = await weights;
  if (settled.ok === 'pending') return <JobWait job={settled.job} what={`the ${view.from} filter images`} />;
  if (!settled.ok) {
    return <ErrorPanel title={`the ${view.from} filters of '${view.model.id}'`} {...describeQueryError(settled.error)} />;
  }
  const perColumn = view.columns.map((column) => ({ column, images: unitsIn(settled.value, column.units) }));
  const maxCount = largestBinCount(perColumn.map(({ images }) => images.map((i) => i.colorIndex)));
  const first = settled.value[0];
  // One column spans the page: more filters per row.
  const perRow = view.columns.length === 1 ? 16 : 8;
  return (
    <div className="weight-columns">
      <BranchColumns
        label={`${view.from} filters by branch`}
        branches={perColumn.map(({ column, images }) => {
          const middle = median(images.map((i) => i.colorIndex));
          return {
            index: column.index,
            title: column.title,
            summary: (
              <>
                {column.relation} · {view.from} {unitRangeText(column.units.start, column.units.end)} ·{' '}
                <span data-median-color-index={middle ?? ''}>
                  median colour index <strong>{middle === null ? '–' : middle.toFixed(2)}</strong>
                </span>
              </>
            ),
            children: (
              <div className="branch-body" data-filters={images.length}>
                <WeightGrid
                  hrefFor={(unit) => neuronHref(view.model.id, view.from, unit)}
                  label={`${view.from} filters of ${column.title.toLowerCase()}`}
                  columns={Math.min(perRow, Math.max(1, images.length))}
                  imageSize={imageSize}
                  items={images.map((image) => ({
                    unit: image.unit,
                    src: image.url,
                    colorIndex: image.colorIndex,
                    label: `${view.from} unit ${image.unit}: colour index ${image.colorIndex.toFixed(2)}, ${image.frequency.toFixed(3)} cycles/px at ${image.orientation.toFixed(0)}°`,
                  }))}
                />
                <ColorIndexHistogram values={images.map((i) => i.colorIndex)} width={300} height={64} maxCount={maxCount} />
              </div>
            ),
          };
        })}
      />
      {first ? (
        <p className="provenance">
          {settled.value.length} filters of {first.height} × {first.width} × {first.channels}, each scaled symmetrically
          around mid-grey; colour index, frequency and orientation measured on the weights of <code>{view.model.id}</code>.
        </p>
      ) : null}
    </div>
  );
}
