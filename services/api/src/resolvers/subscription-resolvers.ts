import { jobProgressEvents } from '../domain/job-progress';
import type { JobView } from '../domain/jobs';
import type { SubscriptionResolvers } from '../generated/resolver-types';

/** Subscription fields: each streams domain views as they are pushed. */
export const subscriptionResolvers: SubscriptionResolvers = {
  jobProgress: {
    subscribe: (_, { id }, { deps }) => jobProgressEvents(deps, id),
    resolve: (job: JobView) => job,
  },
};
