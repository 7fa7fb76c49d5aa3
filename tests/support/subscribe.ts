import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import type { GraphqlError } from './graphql';

export interface SubscriptionOutcome<T> {
  /** Every `data` the server sent, in order. */
  values: T[];
  /** The errors that ended the subscription, if it ended with an error. */
  errors?: GraphqlError[];
}

/**
 * Subscribes with graphql-ws (the protocol browsers and scripts use) to `query` at the API's GraphQL URL, turned
 * into ws://, and resolves with everything it received once the server completes the subscription.
 * `connectionParams` go with the connection (`{ authorization: 'Bearer <token>' }`).
 */
export function collectSubscription<T>(
  httpUrl: string,
  query: string,
  variables: Record<string, unknown>,
  timeoutMs = 60_000,
  connectionParams?: Record<string, unknown>,
): Promise<SubscriptionOutcome<T>> {
  const client = createClient({ url: httpUrl.replace(/^http/, 'ws'), webSocketImpl: WebSocket, retryAttempts: 0, lazy: true, ...(connectionParams ? { connectionParams } : {}) });
  const values: T[] = [];
  return new Promise<SubscriptionOutcome<T>>((resolve, reject) => {
    const timer = setTimeout(() => {
      stop();
      reject(new Error(`the subscription did not complete within ${timeoutMs} ms; received ${JSON.stringify(values)}`));
    }, timeoutMs);
    const end = (outcome: SubscriptionOutcome<T> | Error) => {
      clearTimeout(timer);
      void client.dispose();
      if (outcome instanceof Error) reject(outcome);
      else resolve(outcome);
    };
    const stop = client.subscribe<T>(
      { query, variables },
      {
        next: (result) => {
          if (result.errors?.length) end({ values, errors: result.errors as GraphqlError[] });
          else if (result.data) values.push(result.data);
        },
        error: (error) => {
          if (Array.isArray(error)) end({ values, errors: error as GraphqlError[] });
          else end(error instanceof Error ? error : new Error(`subscription socket closed: ${closeText(error)}`));
        },
        complete: () => end({ values }),
      },
    );
  });
}

/** A close event's code and reason (neither is an own enumerable property, so JSON shows `{}`). */
function closeText(event: unknown): string {
  const { code, reason } = (event ?? {}) as { code?: unknown; reason?: unknown };
  return code === undefined ? JSON.stringify(event) : `code ${String(code)}${reason ? ` (${String(reason)})` : ''}`;
}
