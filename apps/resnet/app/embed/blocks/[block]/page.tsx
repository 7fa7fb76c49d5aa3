import { ErrorPanel, searchParam } from '@branchscope/ui';
import { BlockSections } from '../../../../components/block-sections';
import { WeightsNotice } from '../../../../components/weights-notice';
import { describeViewError } from '../../../../lib/describe-view-error';
import { loadResnetView } from '../../../../lib/load-resnet-view';
import { residualBlocks } from '../../../../lib/residual-blocks';
import { DEFAULT_MODEL_ID } from '../../../../lib/view-scope';

export const dynamic = 'force-dynamic';

interface EmbedBlockProps {
  params: Promise<{ block: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

/**
 * `/resnet/embed/blocks/<block>?model=<id>[&labelSet=<id>]`: one block's units and specialization for an `<iframe>`,
 * as its page shows them but read-only: no site chrome, no links.
 */
export default async function EmbedBlock({ params, searchParams }: EmbedBlockProps) {
  const block = decodeURIComponent((await params).block);
  const search = await searchParams;
  const modelId = searchParam(search, 'model') ?? DEFAULT_MODEL_ID;
  let view;
  try {
    view = await loadResnetView(modelId);
  } catch (error) {
    return <ErrorPanel title={`block ${block} of ${modelId}`} {...describeViewError(error)} />;
  }
  const rows = residualBlocks(view.model);
  const row = rows.find((r) => r.name === block);
  if (!row) {
    return (
      <ErrorPanel
        title={`block ${block} of ${modelId}`}
        code="NOT_FOUND"
        message={`'${modelId}' has no residual block '${block}'; its blocks: ${rows.map((r) => r.name).join(', ')}`}
      />
    );
  }
  return (
    <>
      <WeightsNotice model={view.model} resnets={view.resnets} compact />
      <p className="embed-title" data-block={row.name} data-units={row.units}>
        <strong>{view.model.name}</strong>: residual block <code>{row.name}</code>, {row.units} units inside ({row.unitsLayer})
      </p>
      <BlockSections model={view.model} row={row} labelSetId={searchParam(search, 'labelSet')} embed />
    </>
  );
}
