import { ClusterabilityQuery, EnrichmentQuery, FeatureImagesQuery, LabelSetsQuery, apiUrlFromEnv, createBranchscopeClient, query } from '@branchscope/client';
import { ErrorPanel } from '@branchscope/ui';
import Link from 'next/link';
import { BlockClusterability } from '../../../../components/block-clusterability';
import { BlockEnrichment } from '../../../../components/block-enrichment';
import { BlockUnitGrid } from '../../../../components/block-unit-grid';
import { BLOCK_FEATURE_PARAMS, BLOCK_SHUFFLE_SEED, BLOCK_SHUFFLES, blockGridUnits, clusterScope } from '../../../../lib/block-scope';
import { describeViewError } from '../../../../lib/describe-view-error';
import { loadResnetView } from '../../../../lib/load-resnet-view';
import { residualBlocks } from '../../../../lib/residual-blocks';
import { searchParam } from '../../../../lib/search-param';
import { DEFAULT_MODEL_ID } from '../../../../lib/view-scope';

// Feature images and clusterability are worker jobs: render on request, answer at once, follow the jobs live.
export const dynamic = 'force-dynamic';

interface BlockPageProps {
  params: Promise<{ block: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

type Outcome<T> = { ok: true; value: T } | { ok: false; error: unknown };
const outcome = <T,>(promise: Promise<T>): Promise<Outcome<T>> =>
  promise.then(
    (value) => ({ ok: true as const, value }),
    (error: unknown) => ({ ok: false as const, error }),
  );

/** One residual block with its units: a grid of their feature images, its n-cut clusterability and its enrichment. */
export default async function BlockPage({ params, searchParams }: BlockPageProps) {
  const block = decodeURIComponent((await params).block);
  const search = await searchParams;
  const modelId = searchParam(search, 'model') ?? DEFAULT_MODEL_ID;
  const back = <Link href={`/?model=${encodeURIComponent(modelId)}`}>← all blocks of {modelId}</Link>;
  let view;
  try {
    view = await loadResnetView(modelId);
  } catch (error) {
    return (
      <>
        <h1>ResNet block {block}</h1>
        <ErrorPanel title={`block ${block} of ${modelId}`} {...describeViewError(error)} />
      </>
    );
  }
  const rows = residualBlocks(view.model);
  const row = rows.find((r) => r.name === block);
  if (!row) {
    return (
      <>
        <p>{back}</p>
        <h1>ResNet block {block}</h1>
        <ErrorPanel
          title={`block ${block} of ${modelId}`}
          code="NOT_FOUND"
          message={`'${modelId}' has no residual block '${block}'; its blocks: ${rows.map((r) => r.name).join(', ')}`}
        />
      </>
    );
  }
  const client = createBranchscopeClient(apiUrlFromEnv());
  const units = blockGridUnits(row);
  const scope = clusterScope(view.model, row);
  const blockLayer = view.model.branchedBlocks.find((b) => b.name === row.name)?.output ?? row.unitsLayer;
  const [images, clusters, labelSets] = await Promise.all([
    outcome(query(client, FeatureImagesQuery, { modelId, layer: row.unitsLayer, units, ...BLOCK_FEATURE_PARAMS }).then((r) => r.featureImages)),
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
  const wanted = searchParam(search, 'labelSet');
  const chosen = sets.find((s) => s.id === wanted) ?? sets[0] ?? null;
  const enrichment = chosen ? await outcome(query(client, EnrichmentQuery, { modelId, labelSetId: chosen.id, layer: blockLayer }).then((r) => r.enrichment)) : undefined;
  const hrefFor = (labelSetId: string) => `/resnet/blocks/${encodeURIComponent(row.name)}?model=${encodeURIComponent(modelId)}&labelSet=${encodeURIComponent(labelSetId)}`;
  return (
    <>
      <p>{back}</p>
      <h1>
        ResNet block <code>{row.name}</code>
      </h1>
      <p className="caption" data-block={row.name} data-units={row.units}>
        <code>{modelId}</code> · {row.stage} · {row.units} units inside ({row.unitsLayer}) · stream width {row.streamUnits ?? '—'} ·{' '}
        {row.projection ? `projection shortcut (${row.projection})` : 'identity shortcut'}
      </p>
      <section aria-labelledby="units">
        <h2 id="units">Units</h2>
        <BlockUnitGrid modelId={modelId} row={row} units={units} answer={images} />
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
