import { Suspense } from 'react';
import { apiUrlFromEnv, createBranchscopeClient } from '@branchscope/client';
import { ErrorPanel } from '@branchscope/ui';
import { EmbedCaption } from '../../../components/embed-caption';
import { WeightColumns } from '../../../components/weight-columns';
import { WeightsNotice } from '../../../components/weights-notice';
import { loadView, searchParam } from '../../../lib/load-view';
import { loadWeights } from '../../../lib/view-queries';

export const dynamic = 'force-dynamic';

interface PageProps {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

/** `/alexnet/embed/weights?model=<id>`: the first layer's filters by branch, with colour indices; nothing else. */
export default async function EmbedWeights({ searchParams }: PageProps) {
  const client = createBranchscopeClient(apiUrlFromEnv());
  const loaded = await loadView(client, searchParam((await searchParams).model));
  if (!loaded.ok) return <ErrorPanel title={loaded.title} {...loaded.problem} />;
  const { view } = loaded;
  const split = view.layout === 'unbranched' ? 'in one column (no branches)' : 'by branch';
  return (
    <>
      <WeightsNotice model={view.model} choices={loaded.choices} compact />
      <Suspense fallback={<p className="loading">Loading the {view.from} filters…</p>}>
        <WeightColumns view={view} weights={loadWeights(client, view)} imageSize={36} />
      </Suspense>
      <EmbedCaption modelId={view.model.id}>
        {view.from} filters of <code>{view.model.id}</code> {split}
      </EmbedCaption>
    </>
  );
}
