import type { ApiContext } from '../context';
import { jobProgressEvents } from '../domain/job-progress';
import type { JobView } from '../domain/jobs';

/** Subscription fields: each streams domain views as they are pushed. */
export const subscriptionResolvers = {
  jobProgress: {
    subscribe: (_: unknown, { id }: { id: string }, { deps }: ApiContext) => jobProgressEvents(deps, id),
    resolve: (job: JobView) => job,
  },
};
