import { describeQueryError } from '@branchscope/client';
import { ErrorPanel, UnitImageGrid, neuronHref } from '@branchscope/ui';
import type { BlockImages } from '../lib/block-images';
import { BLOCK_FEATURE_PARAMS } from '../lib/block-scope';
import type { ResidualBlockRow } from '../lib/residual-blocks';
import { JobWait } from './job-wait';

export interface BlockUnitGridProps {
  modelId: string;
  row: ResidualBlockRow;
  /** Every unit of the block's unit layer, in order. */
  units: number[];
  /** The block's feature images gathered from its `featureImages` requests, or the error asking for them. */
  answer: { ok: true; value: BlockImages } | { ok: false; error: unknown };
  /** Link each unit to its neuron page (default); false in an embed, which links nowhere. */
  linkUnits?: boolean;
}

/**
 * Every unit of the block drawn as its feature visualization: each stored image (loaded lazily, so a 512-unit block
 * loads the rows in view), a pending tile for each unit the worker has not stored yet, and the first of the render
 * jobs followed live (the page refreshes as they store images, so the tiles fill in). Each unit links to its neuron
 * page unless `linkUnits` is false.
 */
export function BlockUnitGrid({ modelId, row, units, answer, linkUnits = true }: BlockUnitGridProps) {
  if (!answer.ok) return <ErrorPanel title={`the feature images of ${row.unitsLayer}`} {...describeQueryError(answer.error)} />;
  const images = answer.value.stored;
  const byUnit = new Map(images.map((image) => [image.unit, image]));
  const [job] = answer.value.jobs;
  return (
    <div className="block-unit-grid" data-block={row.name} data-units={units.length} data-image-state={job ? 'pending' : 'stored'}>
      {job ? <JobWait key={job.id} job={job} what={`the feature images of ${row.unitsLayer}`} refreshWhileRunningMs={1500} /> : null}
      <UnitImageGrid
        label={`Feature images of ${row.unitsLayer}, all ${units.length} units`}
        columns={units.length > 64 ? 16 : 8}
        imageSize={72}
        items={units.map((unit) => {
          const image = byUnit.get(unit);
          return {
            unit,
            src: image?.url ?? null,
            href: linkUnits ? neuronHref(modelId, row.unitsLayer, unit) : undefined,
            label: image
              ? `${row.unitsLayer} unit ${unit}: colour index ${image.descriptor.colorIndex.toFixed(2)}; objective ${image.trace.first.toFixed(2)} → ${image.trace.last.toFixed(2)}`
              : `${row.unitsLayer} unit ${unit}`,
          };
        })}
      />
      <p className="provenance">
        All {units.length} units of <code>{row.unitsLayer}</code> (the branch&apos;s unit range), each the image that most excites it:{' '}
        {BLOCK_FEATURE_PARAMS.steps} steps at {BLOCK_FEATURE_PARAMS.size} × {BLOCK_FEATURE_PARAMS.size} px, seed {BLOCK_FEATURE_PARAMS.seed}
        {images[0] ? `, rendered on the ${images[0].backend} backend` : ''}; {images.length} of {units.length} stored
        {answer.value.jobs.length > 1 ? `, ${answer.value.jobs.length} render jobs storing the rest` : ''}.
      </p>
    </div>
  );
}
