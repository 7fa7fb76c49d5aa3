import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { gql } from '@urql/core';
import type { Answer, SvdFactors } from './types';

export interface SvdFactorsQueryResult {
  svdFactors: Answer<SvdFactors>;
}

export interface SvdFactorsQueryVariables {
  modelId: string;
  from: string;
  to: string;
  /** SVD of the column-mean-centred |W| (PCA) instead of |W|; the API defaults to false. */
  centered?: boolean;
  /** Factors kept per unit; the API defaults to 8. */
  components?: number;
}

/** Factors of |W| between two consecutive conv layers, or the job computing them (see {@link Answer}). */
export const SvdFactorsQuery: TypedDocumentNode<SvdFactorsQueryResult, SvdFactorsQueryVariables> = gql`
  query SvdFactors($modelId: ID!, $from: String!, $to: String!, $centered: Boolean! = false, $components: Int! = 8) {
    svdFactors(modelId: $modelId, from: $from, to: $to, centered: $centered, components: $components) {
      result {
        modelId
        from
        to
        centered
        rows
        cols
        singularValues
        explainedVariance
        fromUnits {
          unit
          factors
          branch
        }
        toUnits {
          unit
          factors
          branch
        }
        jobId
        computedAt
      }
      job {
        id
        kind
        status
        progress
        error
      }
    }
  }
`;
