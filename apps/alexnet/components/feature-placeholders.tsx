import { BranchColumns } from '@branchscope/ui';
import type { AlexNetView } from '../lib/resolve-alexnet-model';
import { FEATURE_PARAMS } from '../lib/view-queries';

/**
 * What the features section shows while the worker renders: one empty tile per unit, in the same columns the images
 * will fill. The live job state is drawn by `JobWait` above it, which refreshes the page once the job has succeeded.
 */
export function FeaturePlaceholders({ view }: { view: AlexNetView }) {
  return (
    <div className="feature-columns" data-feature-state="pending" id="feature-placeholders">
      <BranchColumns
        label={`${view.to} feature images by branch (rendering)`}
        branches={view.featureColumns.map((column) => ({
          index: column.index,
          title: column.title,
          summary: `${view.to} units ${column.units.join(', ')} · rendering…`,
          children: (
            <ul className="placeholder-tiles">
              {column.units.map((unit) => (
                <li key={unit} data-unit={unit} data-feature-state="pending">
                  <span className="tile" aria-hidden="true" />
                  <span className="caption">{unit}</span>
                </li>
              ))}
            </ul>
          ),
        }))}
      />
      <p className="provenance">
        Rendering on the worker: {FEATURE_PARAMS.steps} steps at {FEATURE_PARAMS.size} × {FEATURE_PARAMS.size} px, seed{' '}
        {FEATURE_PARAMS.seed}. The rest of the page is ready; the images appear here when the job finishes.
      </p>
    </div>
  );
}
