import { describeQueryError } from '@branchscope/client';
import type { FeatureImagesQueryResult } from '@branchscope/client';
import { ErrorPanel, UnitImageGrid, neuronHref } from '@branchscope/ui';
import { BLOCK_FEATURE_PARAMS } from '../lib/block-scope';
import type { ResidualBlockRow } from '../lib/residual-blocks';
import { LiveJob } from './live-job';

export interface BlockUnitGridProps {
  modelId: string;
  row: ResidualBlockRow;
  units: number[];
  /** The `featureImages` answer for `units` of the block's unit layer, or the error asking for it. */
  answer: { ok: true; value: FeatureImagesQueryResult['featureImages'] } | { ok: false; error: unknown };
}

/**
 * The block's units drawn as their feature visualizations: every stored image, a pending tile for each unit the worker
 * has not stored yet, and the render job followed live (the page refreshes as it stores images, so the tiles fill in).
 * Each unit links to its neuron page.
 */
export function BlockUnitGrid({ modelId, row, units, answer }: BlockUnitGridProps) {
  if (!answer.ok) return <ErrorPanel title={`the feature images of ${row.unitsLayer}`} {...describeQueryError(answer.error)} />;
  const images = answer.value.result ?? answer.value.stored;
  const byUnit = new Map(images.map((image) => [image.unit, image]));
  const job = answer.value.job;
  return (
    <div className="block-unit-grid" data-block={row.name} data-image-state={job ? 'pending' : 'stored'}>
      {job ? <LiveJob job={job} what={`the feature images of ${row.unitsLayer}`} refreshEveryMs={1500} /> : null}
      <UnitImageGrid
        label={`Feature images of ${row.unitsLayer}, units ${units[0]} to ${units.at(-1)}`}
        columns={8}
        imageSize={72}
        items={units.map((unit) => {
          const image = byUnit.get(unit);
          return {
            unit,
            src: image?.url ?? null,
            href: neuronHref(modelId, row.unitsLayer, unit),
            label: image
              ? `${row.unitsLayer} unit ${unit}: colour index ${image.descriptor.colorIndex.toFixed(2)}; objective ${image.trace.first.toFixed(2)} → ${image.trace.last.toFixed(2)}`
              : `${row.unitsLayer} unit ${unit}`,
          };
        })}
      />
      <p className="provenance">
        Units {units[0]}–{units.at(-1)} of the {row.units} of <code>{row.unitsLayer}</code> (the branch&apos;s unit range), each the image that
        most excites it: {BLOCK_FEATURE_PARAMS.steps} steps at {BLOCK_FEATURE_PARAMS.size} × {BLOCK_FEATURE_PARAMS.size} px, seed{' '}
        {BLOCK_FEATURE_PARAMS.seed}
        {images[0] ? `, rendered on the ${images[0].backend} backend` : ''}; {images.length} of {units.length} stored.
      </p>
    </div>
  );
}
