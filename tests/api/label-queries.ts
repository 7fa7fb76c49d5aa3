import type { EnrichmentRow, Label, LabelSet as ClientLabelSet } from '@branchscope/client';
import { postGraphql, queryData, type GraphqlResponse } from '../support/graphql';

// The shapes are the client's generated fragment types (SET_FIELDS selects a label set without createdAt).
export type { EnrichmentRow, Label };
export type LabelSet = Omit<ClientLabelSet, 'createdAt'>;

const SET_FIELDS = 'id modelId name source author params labelCount labels { layer unit category author at }';

export const LABEL_UNIT = `
  mutation Label($labelSetId: ID!, $layer: String!, $unit: Int!, $category: String!, $author: String!) {
    labelUnit(labelSetId: $labelSetId, layer: $layer, unit: $unit, category: $category, author: $author) { layer unit category author at }
  }`;

/** createLabelSet, returning the new set. */
export async function createLabelSet(url: string, modelId: string, name: string, author: string): Promise<LabelSet> {
  const query = `mutation($modelId: ID!, $name: String!, $author: String!) { createLabelSet(modelId: $modelId, name: $name, author: $author) { ${SET_FIELDS} } }`;
  return (await queryData<{ createLabelSet: LabelSet }>(url, query, { modelId, name, author })).createLabelSet;
}

/** labelUnit, with the raw answer so tests can read errors. */
export function labelUnit(url: string, args: { labelSetId: string; layer: string; unit: number; category: string; author: string }): Promise<GraphqlResponse<{ labelUnit: Label }>> {
  return postGraphql(url, LABEL_UNIT, args);
}

/** One label set with its labels, or null. */
export async function labelSet(url: string, id: string): Promise<LabelSet | null> {
  return (await queryData<{ labelSet: LabelSet | null }>(url, `query($id: ID!) { labelSet(id: $id) { ${SET_FIELDS} } }`, { id })).labelSet;
}

/** The label sets of a model. */
export async function labelSets(url: string, modelId: string): Promise<LabelSet[]> {
  return (await queryData<{ labelSets: LabelSet[] }>(url, `query($modelId: ID!) { labelSets(modelId: $modelId) { ${SET_FIELDS} } }`, { modelId })).labelSets;
}

export type EnrichmentPopulation = 'ALL_UNITS' | 'LABELLED';

/** The enrichment query; `$population` left out means the schema's default. */
export const ENRICHMENT = `
  query Enrichment($modelId: ID!, $labelSetId: ID!, $layer: String!, $population: EnrichmentPopulation) {
    enrichment(modelId: $modelId, labelSetId: $labelSetId, layer: $layer, population: $population) {
      branch category inBranch categorySize branchSize layerUnits branchLabelled layerLabelled expected p logP q
    }
  }`;

/** enrichment rows of one layer, over `population` (the schema's default when left out). */
export async function enrichment(url: string, modelId: string, labelSetId: string, layer: string, population?: EnrichmentPopulation): Promise<EnrichmentRow[]> {
  return (await queryData<{ enrichment: EnrichmentRow[] }>(url, ENRICHMENT, { modelId, labelSetId, layer, population })).enrichment;
}

/**
 * P(X >= observed) for X ~ Hypergeometric(population, successes, draws), exactly with BigInt binomials: an
 * independent check of the server's numbers for small tables.
 */
export function exactTail(population: number, successes: number, draws: number, observed: number): number {
  const choose = (n: number, k: number): bigint => {
    if (k < 0 || k > n) return 0n;
    let result = 1n;
    for (let i = 0; i < k; i++) result = (result * BigInt(n - i)) / BigInt(i + 1);
    return result;
  };
  let numerator = 0n;
  for (let x = observed; x <= Math.min(successes, draws); x++) numerator += choose(successes, x) * choose(population - successes, draws - x);
  const scale = 10n ** 30n;
  return Number((numerator * scale) / choose(population, draws)) / 1e30;
}
