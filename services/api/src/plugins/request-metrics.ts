import type { ApolloServerPlugin } from '@apollo/server';
import { Histogram, type Registry } from 'prom-client';

/** Seconds: from a cached read (milliseconds) to a request that waits for its job (up to 5 minutes). */
const BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300];

/** Distinct operation names kept as labels; later ones count as `other`, so clients cannot grow the series without end. */
export const MAX_OPERATION_LABELS = 200;

/**
 * `branchscope_graphql_request_duration_seconds{operation, status}`: a histogram of GraphQL requests over HTTP by
 * operation name (`anonymous` for an unnamed operation, `unknown` when none was resolved: a parse or validation
 * failure) and status (`ok`, or the first error's code: `NOT_FOUND`, `INTERNAL_SERVER_ERROR`, ...).
 */
export function requestMetrics(registry: Registry): ApolloServerPlugin {
  const histogram = new Histogram({
    name: 'branchscope_graphql_request_duration_seconds',
    help: 'GraphQL requests over HTTP: seconds from arrival to answer, by operation name and status (ok or the first error code)',
    labelNames: ['operation', 'status'] as const,
    buckets: BUCKETS,
    registers: [registry],
  });
  const seen = new Set<string>();
  const label = (name: string): string => {
    if (seen.has(name)) return name;
    if (seen.size >= MAX_OPERATION_LABELS) return 'other';
    seen.add(name);
    return name;
  };
  return {
    async requestDidStart() {
      const started = performance.now();
      return {
        async willSendResponse(context) {
          const body = context.response.body;
          const errors = (body.kind === 'single' ? body.singleResult.errors : body.initialResult.errors) ?? [];
          const operation = context.operation ? label(context.operationName ?? 'anonymous') : 'unknown';
          const status = errors.length > 0 ? String(errors[0]!.extensions?.code ?? 'ERROR') : 'ok';
          histogram.observe({ operation, status }, (performance.now() - started) / 1000);
        },
      };
    },
  };
}
