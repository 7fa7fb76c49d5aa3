import { ErrorPanel, searchParam } from '@branchscope/ui';
import { BlocksFigure } from '../../../components/blocks-figure';
import { WeightsNotice } from '../../../components/weights-notice';
import { describeViewError } from '../../../lib/describe-view-error';
import { loadResnetView } from '../../../lib/load-resnet-view';
import type { ResnetView } from '../../../lib/load-resnet-view';
import { residualBlocks } from '../../../lib/residual-blocks';
import { DEFAULT_MODEL_ID } from '../../../lib/view-scope';

export const dynamic = 'force-dynamic';

interface EmbedProps {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

/** `/resnet/embed/blocks?model=resnet50-v1`: one model's residual stream diagram for an `<iframe>`, no site chrome. */
export default async function EmbedBlocks({ searchParams }: EmbedProps) {
  const modelId = searchParam(await searchParams, 'model') ?? DEFAULT_MODEL_ID;
  let view: ResnetView;
  try {
    view = await loadResnetView(modelId);
  } catch (error) {
    return <ErrorPanel title={`the residual blocks of ${modelId}`} {...describeViewError(error)} />;
  }
  const rows = residualBlocks(view.model);
  return (
    <>
      <WeightsNotice model={view.model} resnets={view.resnets} compact />
      <p className="embed-title">
        <strong>{view.model.name}</strong>: {rows.length} residual blocks beside the residual stream
      </p>
      <BlocksFigure modelId={view.model.id} rows={rows} />
    </>
  );
}
