import { ModelQuery, apiUrlFromEnv, createBranchscopeClient, query } from '@branchscope/client';
import { searchParam } from '@branchscope/ui';
import { redirect } from 'next/navigation';
import { layerPath } from '../../lib/model-href';
import { DEFAULT_MODEL_ID, LAYERS } from '../../lib/view-scope';

export const dynamic = 'force-dynamic';

interface EntryProps {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

/**
 * `/inception?model=<id>`: redirects to the model's first layer, `mixed3a` for InceptionV1 (the article's first),
 * the first Concat output for any other model, keeping the query string. An unknown model lands on `mixed3a`, whose
 * page names the problem.
 */
export default async function Entry({ searchParams }: EntryProps) {
  const params = await searchParams;
  const modelId = searchParam(params, 'model') ?? DEFAULT_MODEL_ID;
  let layer: string = LAYERS[0];
  if (modelId !== DEFAULT_MODEL_ID) {
    const { model } = await query(createBranchscopeClient(apiUrlFromEnv()), ModelQuery, { id: modelId }).catch(() => ({ model: null }));
    layer = model?.branchedBlocks.find((block) => block.kind === 'CONCAT')?.output ?? layer;
  }
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    for (const item of Array.isArray(value) ? value : value === undefined ? [] : [value]) search.append(name, item);
  }
  const rest = search.toString();
  redirect(`${layerPath(layer)}${rest === '' ? '' : `?${rest}`}`);
}
