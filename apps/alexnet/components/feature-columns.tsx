import { describeQueryError } from '@branchscope/client';
import type { FeatureImage } from '@branchscope/client';
import { BranchColumns, ErrorPanel, WeightGrid, neuronHref } from '@branchscope/ui';
import { median } from '../lib/branch-units';
import type { AlexNetView } from '../lib/resolve-alexnet-model';
import type { Settled } from '../lib/settle';
import { FeaturePlaceholders } from './feature-placeholders';
import { JobWait } from './job-wait';

export interface FeatureColumnsProps {
  view: AlexNetView;
  features: Promise<Settled<FeatureImage[]>>;
}

/** The next layer's rendered units, side by side by branch (one column when it is not grouped), with median colour index. */
export async function FeatureColumns({ view, features }: FeatureColumnsProps) {
  const settled = await features;
  if (settled.ok === 'pending') {
    return (
      <>
        <JobWait job={settled.job} what={`the ${view.to} feature images`} />
        <FeaturePlaceholders view={view} />
      </>
    );
  }
  if (!settled.ok) {
    return <ErrorPanel title={`the ${view.to} feature images of '${view.model.id}'`} {...describeQueryError(settled.error)} />;
  }
  const images = settled.value;
  const first = images[0];
  return (
    <div className="feature-columns" data-feature-state="ready">
      <BranchColumns
        label={`${view.to} feature images by branch`}
        branches={view.featureColumns.map((column) => {
          const mine = images.filter((i) => column.units.includes(i.unit)).sort((a, b) => a.unit - b.unit);
          const middle = median(mine.map((i) => i.descriptor.colorIndex));
          return {
            index: column.index,
            title: column.title,
            summary: (
              <>
                {view.to} units {mine.map((i) => i.unit).join(', ')} ·{' '}
                <span data-median-color-index={middle ?? ''}>
                  median colour index <strong>{middle === null ? '–' : middle.toFixed(2)}</strong>
                </span>
              </>
            ),
            children: (
              <WeightGrid
                hrefFor={(unit) => neuronHref(view.model.id, view.to, unit)}
                label={`${view.to} feature images of ${column.title.toLowerCase()}`}
                columns={4}
                imageSize={112}
                pixelated={false}
                items={mine.map((image) => ({
                  unit: image.unit,
                  src: image.url,
                  colorIndex: image.descriptor.colorIndex,
                  label: `${view.to} unit ${image.unit}: colour index ${image.descriptor.colorIndex.toFixed(2)}; objective ${image.trace.first.toFixed(2)} → ${image.trace.last.toFixed(2)}`,
                }))}
              />
            ),
          };
        })}
      />
      {first ? (
        <p className="provenance">
          {first.steps} steps at {first.size} × {first.size} px, seed {first.seed}, rendered on the {first.backend} backend
          {first.jobId ? (
            <>
              {' '}
              by job <code>{first.jobId}</code>
            </>
          ) : null}
          ; colour index measured on each image.
        </p>
      ) : null}
    </div>
  );
}
