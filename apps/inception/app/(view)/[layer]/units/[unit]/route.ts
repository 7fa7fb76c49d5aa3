import { neuronHref, searchParam } from '@branchscope/ui';
import { layerFromSegment } from '../../../../../lib/model-href';
import { DEFAULT_MODEL_ID } from '../../../../../lib/view-scope';

/**
 * `/inception/<layer>/units/<unit>?model=<id>`, the zone's old unit page: a permanent redirect to the unit's neuron
 * page (`neuronHref`), the one per-unit page every view links to. The `Location` is a path, so it stays on the origin
 * the browser asked (the portal). A unit that is not a whole number is answered 404 naming it.
 */
export async function GET(request: Request, { params }: { params: Promise<{ layer: string; unit: string }> }): Promise<Response> {
  const { layer: segment, unit } = await params;
  if (!/^\d+$/.test(unit)) {
    return new Response(`'${unit}' is not a unit index (a whole number from 0)\n`, { status: 404, headers: { 'content-type': 'text/plain; charset=utf-8' } });
  }
  const query = Object.fromEntries(new URL(request.url).searchParams);
  const modelId = searchParam(query, 'model') ?? DEFAULT_MODEL_ID;
  return new Response(null, { status: 308, headers: { location: neuronHref(modelId, layerFromSegment(segment), Number(unit)) } });
}
