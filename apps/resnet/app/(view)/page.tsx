import { weightsSummary } from '@branchscope/client';
import { EmbedCode, ErrorPanel, ModelPicker, pickerModels, searchParam } from '@branchscope/ui';
import { BlocksFigure } from '../../components/blocks-figure';
import { BlocksTable } from '../../components/blocks-table';
import { WeightsNotice } from '../../components/weights-notice';
import { describeViewError } from '../../lib/describe-view-error';
import { loadResnetView } from '../../lib/load-resnet-view';
import type { ResnetView } from '../../lib/load-resnet-view';
import { residualBlocks, stageSummary } from '../../lib/residual-blocks';
import { DEFAULT_MODEL_ID } from '../../lib/view-scope';

// The catalogue lives in the API, which starts after the build: render on every request.
export const dynamic = 'force-dynamic';

interface ResnetPageProps {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

export default async function ResnetPage({ searchParams }: ResnetPageProps) {
  const modelId = searchParam(await searchParams, 'model') ?? DEFAULT_MODEL_ID;
  let view: ResnetView;
  try {
    view = await loadResnetView(modelId);
  } catch (error) {
    return (
      <>
        <h1>ResNet blocks</h1>
        <ErrorPanel title={`the residual blocks of ${modelId}`} {...describeViewError(error)} />
      </>
    );
  }
  const rows = residualBlocks(view.model);
  const stages = stageSummary(rows);
  const embed = `/resnet/embed/blocks?model=${encodeURIComponent(view.model.id)}`;
  return (
    <>
      <h1>ResNet blocks: {view.model.name}</h1>
      <p className="caption" data-weights-kind={view.model.weights.kind}>
        <code>{view.model.id}</code> · {weightsSummary(view.model.weights)}
      </p>
      <ModelPicker models={pickerModels(view.resnets)} current={view.model.id} action="/resnet" />
      <WeightsNotice model={view.model} resnets={view.resnets} />
      <p className="caption">
        A residual block adds its branch&apos;s output to the stream that bypasses it, so every block is a branch in
        parallel with the identity. The line is the residual stream from input to output; beside it, each block&apos;s
        branch leaves the stream, passes through its units (box length: units inside) and rejoins it at a ⊕.
      </p>
      <p className="stage-summary" data-stages={stages.length}>
        {rows.length} residual blocks in {stages.length} stages
        {stages.length > 0 ? ': ' : '.'}
        {stages.map((s, i) => (
          <span key={s.stage} data-stage={s.stage} data-blocks={s.blocks}>
            {i > 0 ? ', ' : ''}
            {s.stage} × {s.blocks} ({s.widths.join('/')} units)
          </span>
        ))}
      </p>
      <div className="stream-layout">
        <figure className="figure">
          <BlocksFigure modelId={view.model.id} rows={rows} />
        </figure>
        {rows.length > 0 ? (
          <section aria-labelledby="blocks">
            <h2 id="blocks">Blocks</h2>
            <p className="caption">Each block&apos;s page draws its units as feature images, with its n-cut clusterability and enrichment.</p>
            <BlocksTable modelId={view.model.id} rows={rows} />
          </section>
        ) : null}
      </div>
      <p className="provenance">
        Blocks are the Add-joined parallel paths the API finds in the graph; units inside are the size of each
        branch&apos;s unit range.
      </p>
      <EmbedCode path={embed} title={`the residual blocks of ${view.model.id}`} height={Math.max(320, 60 + rows.length * 28)} />
    </>
  );
}
