import type { Client } from '@urql/core';
import { NeuronsDocument, type NeuronsQueryResult } from './generated/graphql';
import { query } from './query';
import type { NeuronCell } from './types';

/** The largest page the API's `neurons` connection gives. */
export const NEURON_PAGE_SIZE = 500;

/** Every unit of a layer with its feature-image status and labels, read page by page through the `neurons` connection. */
export async function layerNeurons(client: Client, modelId: string, layer: string): Promise<NeuronCell[]> {
  const cells: NeuronCell[] = [];
  let after: string | null = null;
  do {
    const { neurons }: NeuronsQueryResult = await query(client, NeuronsDocument, { modelId, layer, first: NEURON_PAGE_SIZE, after });
    cells.push(...neurons.edges.map((edge) => edge.node));
    after = neurons.pageInfo.hasNextPage ? (neurons.pageInfo.endCursor ?? null) : null;
  } while (after !== null);
  return cells;
}
