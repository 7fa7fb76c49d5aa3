import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { gql } from '@urql/core';

export interface ChanceProbabilityQueryResult {
  chanceProbability: number;
}

export interface ChanceProbabilityQueryVariables {
  population: number;
  successes: number;
  draws: number;
  observed: number;
}

/** P(X >= observed) for X hypergeometric: `draws` units from `population`, `successes` of them marked. */
export const ChanceProbabilityQuery: TypedDocumentNode<
  ChanceProbabilityQueryResult,
  ChanceProbabilityQueryVariables
> = gql`
  query ChanceProbability($population: Int!, $successes: Int!, $draws: Int!, $observed: Int!) {
    chanceProbability(population: $population, successes: $successes, draws: $draws, observed: $observed)
  }
`;
