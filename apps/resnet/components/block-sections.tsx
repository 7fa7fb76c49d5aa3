import { ClusterabilityQuery, EnrichmentQuery, FeatureImagesQuery, LabelSetsQuery, apiUrlFromEnv, createBranchscopeClient, query } from '@branchscope/client';
import type { ModelDetail } from '@branchscope/client';
import { ErrorPanel } from '@branchscope/ui';
import { mergeImageAnswers } from '../lib/block-images';
import { BLOCK_FEATURE_PARAMS, BLOCK_SHUFFLE_SEED, BLOCK_SHUFFLES, blockGridUnits, clusterScope, unitChunks } from '../lib/block-scope';
import { describeViewError } from '../lib/describe-view-error';
import type { ResidualBlockRow } from '../lib/residual-blocks';
import { BlockClusterability } from './block-clusterability';
import { BlockEnrichment } from './block-enrichment';
import { BlockUnitGrid } from './block-unit-grid';

export interface BlockSectionsProps {
  model: ModelDetail;
  row: ResidualBlockRow;
  /** The label set asked for (`?labelSet=`); the model's first set when absent or unknown. */
  labelSetId: string | null;
  /**
   * Read-only for an `<iframe>`: no links (units, other label sets). Absent: the block page, whose units link to their
   * neuron pages and whose label sets to the page with that set.
   */
  embed?: boolean;
}

type Outcome<T> = { ok: true; value: T } | { ok: false; error: unknown };
const outcome = <T,>(promise: Promise<T>): Promise<Outcome<T>> =>
  promise.then(
    (value) => ({ ok: true as const, value }),
    (error: unknown) => ({ ok: false as const, error }),
  );

/**
 * A residual block's units and specialization, as the API answers them now: every unit's feature image (in requests the
 * API accepts, one render job each for units not stored yet), its n-cut clusterability and the chosen label set's
 * enrichment at its Add. Shared by the block page and its embed.
 */
export async function BlockSections({ model, row, labelSetId, embed = false }: BlockSectionsProps) {
  const modelId = model.id;
  const client = createBranchscopeClient(apiUrlFromEnv());
  const units = blockGridUnits(row);
  const scope = clusterScope(model, row);
  const blockLayer = model.branchedBlocks.find((b) => b.name === row.name)?.output ?? row.unitsLayer;
  const [images, clusters, labelSets] = await Promise.all([
    outcome(
      Promise.all(
        unitChunks(units).map((chunk) =>
          query(client, FeatureImagesQuery, { modelId, layer: row.unitsLayer, units: chunk, ...BLOCK_FEATURE_PARAMS }).then((r) => r.featureImages),
        ),
      ).then(mergeImageAnswers),
    ),
    scope.ok
      ? outcome(
          query(client, ClusterabilityQuery, { modelId, layers: scope.layers, k: scope.k, shuffles: BLOCK_SHUFFLES, seed: BLOCK_SHUFFLE_SEED }).then(
            (r) => r.clusterability,
          ),
        )
      : Promise.resolve(undefined),
    outcome(query(client, LabelSetsQuery, { modelId }).then((r) => r.labelSets)),
  ]);
  const sets = labelSets.ok ? labelSets.value : [];
  const chosen = sets.find((s) => s.id === labelSetId) ?? sets[0] ?? null;
  const enrichment = chosen ? await outcome(query(client, EnrichmentQuery, { modelId, labelSetId: chosen.id, layer: blockLayer }).then((r) => r.enrichment)) : undefined;
  const hrefFor = embed
    ? undefined
    : (id: string) => `/resnet/blocks/${encodeURIComponent(row.name)}?model=${encodeURIComponent(modelId)}&labelSet=${encodeURIComponent(id)}`;
  return (
    <>
      <section aria-labelledby="units">
        <h2 id="units">
          Units{' '}
          <span className="caption" data-unit-count={units.length}>
            ({units.length} units in {row.unitsLayer})
          </span>
        </h2>
        <BlockUnitGrid modelId={modelId} row={row} units={units} answer={images} linkUnits={!embed} />
      </section>
      <section aria-labelledby="specialization">
        <h2 id="specialization">Specialization</h2>
        <h3>Clusterability (n-cut against shuffles)</h3>
        <BlockClusterability block={row.name} scope={scope} answer={clusters} />
        <h3>Enrichment by category</h3>
        {labelSets.ok ? (
          <BlockEnrichment block={row.name} layer={blockLayer} labelSets={sets} chosen={chosen} rows={enrichment} hrefFor={hrefFor} />
        ) : (
          <ErrorPanel title={`the label sets of ${modelId}`} {...describeViewError(labelSets.error)} />
        )}
      </section>
    </>
  );
}
