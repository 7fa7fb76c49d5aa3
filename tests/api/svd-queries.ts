import type { SvdFactors as ClientSvdFactors, UnitFactors } from '@branchscope/client';
import { ANSWER_JOB_FIELDS, answerOf } from '../support/follow-answer';
import { listJobs, type Job } from '../support/jobs';

// The client's generated fragment types; SVD_QUERY selects the factors without modelId, from and to.
export type { UnitFactors };
export type SvdFactors = Omit<ClientSvdFactors, 'modelId' | 'from' | 'to'>;

export const SVD_QUERY = `
  query Svd($modelId: ID!, $from: String!, $to: String!, $centered: Boolean!, $components: Int!) {
    svdFactors(modelId: $modelId, from: $from, to: $to, centered: $centered, components: $components) {
      result {
        rows cols centered singularValues explainedVariance jobId computedAt
        fromUnits { unit factors branch }
        toUnits { unit factors branch }
      }
      ${ANSWER_JOB_FIELDS}
    }
  }`;

/** svdFactors of any model, following its job when it answers with one. */
export function svdFactors(url: string, variables: Record<string, unknown>): Promise<SvdFactors> {
  return answerOf<SvdFactors>(url, SVD_QUERY, 'svdFactors', variables);
}

export interface SvdArgs {
  from: string;
  to: string;
  centered: boolean;
  components?: number;
}

/** svdFactors on AlexNet. */
export async function alexnetSvd(url: string, args: SvdArgs): Promise<SvdFactors> {
  return svdFactors(url, { modelId: 'alexnet', components: 8, ...args });
}

/** The svd-factors jobs whose input matches these arguments. */
export async function svdJobsFor(url: string, args: SvdArgs): Promise<Job[]> {
  return (await listJobs(url)).filter((job) => {
    const input = job.input as Partial<SvdArgs> & { modelId?: string };
    return job.kind === 'svd-factors' && input.modelId === 'alexnet' && input.from === args.from && input.to === args.to && input.centered === args.centered;
  });
}
