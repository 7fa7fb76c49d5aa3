import { EmbedCode, ErrorPanel, searchParam } from '@branchscope/ui';
import Link from 'next/link';
import { BlockSections } from '../../../../components/block-sections';
import { describeViewError } from '../../../../lib/describe-view-error';
import { loadResnetView } from '../../../../lib/load-resnet-view';
import { residualBlocks } from '../../../../lib/residual-blocks';
import { DEFAULT_MODEL_ID } from '../../../../lib/view-scope';

// Feature images and clusterability are worker jobs: render on request, answer at once, follow the jobs live.
export const dynamic = 'force-dynamic';

interface BlockPageProps {
  params: Promise<{ block: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

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
  const labelSetId = searchParam(search, 'labelSet');
  const embed = `/resnet/embed/blocks/${encodeURIComponent(row.name)}?model=${encodeURIComponent(modelId)}${labelSetId ? `&labelSet=${encodeURIComponent(labelSetId)}` : ''}`;
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
      <BlockSections model={view.model} row={row} labelSetId={labelSetId} />
      <EmbedCode path={embed} title={`block ${row.name} of ${modelId}`} height={Math.min(1600, 520 + Math.ceil(row.units / 16) * 60)} />
    </>
  );
}
