import { Suspense } from 'react';
import { apiUrlFromEnv, createBranchscopeClient } from '@branchscope/client';
import { ErrorPanel } from '@branchscope/ui';
import { EmbedCaption } from '../../../components/embed-caption';
import { ScatterFigure } from '../../../components/scatter-figure';
import { WeightsNotice } from '../../../components/weights-notice';
import { loadView, searchParam } from '../../../lib/load-view';
import { loadSvd, loadWeights } from '../../../lib/view-queries';

export const dynamic = 'force-dynamic';

interface PageProps {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

/** `/alexnet/embed/scatter?model=<id>`: the first layer's units by the singular vectors of |W|; nothing else. */
export default async function EmbedScatter({ searchParams }: PageProps) {
  const client = createBranchscopeClient(apiUrlFromEnv());
  const loaded = await loadView(client, searchParam((await searchParams).model));
  if (!loaded.ok) return <ErrorPanel title={loaded.title} {...loaded.problem} />;
  const { view } = loaded;
  const coloring = view.layout === 'unbranched' ? 'shaded by colour index' : 'coloured by branch';
  return (
    <>
      <WeightsNotice model={view.model} choices={loaded.choices} compact />
      <Suspense fallback={<p className="loading">Computing the factors of |W({view.from} → {view.to})|…</p>}>
        <ScatterFigure view={view} svd={loadSvd(client, view)} weights={view.layout === 'unbranched' ? loadWeights(client, view) : undefined} />
      </Suspense>
      <EmbedCaption modelId={view.model.id}>
        {view.from} units of <code>{view.model.id}</code> by the singular vectors of |W({view.from} → {view.to})|,{' '}
        {coloring}
      </EmbedCaption>
    </>
  );
}
