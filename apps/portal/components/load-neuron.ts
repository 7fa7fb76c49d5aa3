import { NeuronQuery, describeQueryError, query } from '@branchscope/client';
import type { Client, NeuronDetail, QueryErrorDescription } from '@branchscope/client';

/** A neuron route's segments as Next.js hands them over: URL-encoded model and layer, the unit as written. */
export interface NeuronParams {
  model: string;
  layer: string;
  unit: string;
}

interface NeuronRoute {
  modelId: string;
  layer: string;
  /** "<layer> unit <unit> of <model>", for titles and error panels. */
  title: string;
}

/** The neuron of a route, asked of the API with its feature visualization rendered on first ask; or why not. */
export type LoadedNeuron =
  | (NeuronRoute & { ok: true; unit: number; neuron: NeuronDetail })
  | (NeuronRoute & { ok: false; error: QueryErrorDescription });

/** What the neuron page and its embed both show: the unit named by the route, validated, from the API. */
export async function loadNeuron(client: Client, params: NeuronParams): Promise<LoadedNeuron> {
  const modelId = decodeURIComponent(params.model);
  const layer = decodeURIComponent(params.layer);
  const route: NeuronRoute = { modelId, layer, title: `${layer} unit ${params.unit} of ${modelId}` };
  if (!/^\d+$/.test(params.unit)) {
    return { ...route, ok: false, error: { code: 'BAD_USER_INPUT', message: `'${params.unit}' is not a unit index (a whole number from 0)` } };
  }
  const unit = Number(params.unit);
  try {
    const { neuron } = await query(client, NeuronQuery, { modelId, layer, unit, render: true });
    return { ...route, ok: true, unit, neuron };
  } catch (error) {
    return { ...route, ok: false, error: describeQueryError(error) };
  }
}
