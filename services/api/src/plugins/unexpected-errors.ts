import type { ApolloServerPlugin } from '@apollo/server';
import { unwrapResolverError } from '@apollo/server/errors';
import type { LogFields, Logger } from '@branchscope/jobs';
import type { ErrorRequestHandler } from 'express';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { ApiError } from '../domain/api-error';
import { requestIdOf } from './request-id';

/** The code every unexpected error answers with. */
export const INTERNAL_ERROR_CODE = 'INTERNAL_SERVER_ERROR';

/** What a client is told of an unexpected error: nothing of its cause, which is in the log under the request id. */
export const INTERNAL_ERROR_MESSAGE = 'internal server error: its cause is in the server log under this requestId';

/**
 * Whether `error` is a bug or an outage rather than a deliberate answer: not an `ApiError` (NOT_FOUND,
 * BAD_USER_INPUT, JOB_FAILED), and with no code of its own (Apollo fills in INTERNAL_SERVER_ERROR) or that code.
 * A GraphQL error of the language itself (parse, validation, variables: no original error and, over WebSocket,
 * no code) is deliberate.
 */
export function isUnexpectedError(error: unknown, code: unknown): boolean {
  if (unwrapResolverError(error) instanceof ApiError) return false;
  if (code !== undefined && code !== INTERNAL_ERROR_CODE) return false;
  if (code === undefined && error instanceof GraphQLError && error.originalError === undefined) return false;
  return true;
}

/** The stack of what was thrown (its message first), or the thrown value as text. */
function stackOf(error: unknown): string {
  const original = unwrapResolverError(error);
  if (original instanceof Error) return original.stack ?? `${original.name}: ${original.message}`;
  return `thrown value: ${String(original)}`;
}

/** One `error` line for an unexpected error: the request id, `fields` (operation, path, ...) and the stack. */
export function logUnexpectedError(logger: Logger, requestId: string, error: unknown, fields: LogFields = {}): void {
  logger.error('unexpected error', { request_id: requestId, ...fields, stack: stackOf(error) });
}

/** `formatted` with `requestId` in its extensions when it is an unexpected error's answer. */
export function withRequestId(formatted: GraphQLFormattedError, requestId: string): GraphQLFormattedError {
  if (formatted.extensions?.code !== INTERNAL_ERROR_CODE) return formatted;
  return { ...formatted, extensions: { ...formatted.extensions, requestId } };
}

/**
 * For GraphQL over HTTP: logs every unexpected error of a request with the request id, the operation, the path
 * and the stack, and adds `extensions.requestId` to its answer (whose message `formatError` has already masked).
 */
export function unexpectedErrors(logger: Logger): ApolloServerPlugin<{ requestId: string }> {
  return {
    async requestDidStart() {
      return {
        async didEncounterErrors({ errors, contextValue, operationName, request }) {
          for (const error of errors) {
            if (!isUnexpectedError(error, error.extensions?.code)) continue;
            logUnexpectedError(logger, contextValue.requestId, error, {
              op: operationName ?? request.operationName ?? undefined,
              path: error.path?.join('.'),
            });
          }
        },
        async willSendResponse({ response, contextValue }) {
          const body = response.body;
          const result = body.kind === 'single' ? body.singleResult : body.initialResult;
          if (result.errors) result.errors = result.errors.map((error) => withRequestId(error, contextValue.requestId));
        },
      };
    },
  };
}

/**
 * Express's last error handler, for routes outside GraphQL (`/artifacts`, `/health`, `/metrics`): a client error
 * (4xx, e.g. a path that does not decode) is answered with its status and message; anything else is logged with
 * the request id and stack and answered 500 `{ error, requestId }`, never with the stack.
 */
export function unexpectedHttpErrors(logger: Logger): ErrorRequestHandler {
  return (error: unknown, req, res, next) => {
    const requestId = requestIdOf(res);
    const status = Number((error as { status?: unknown; statusCode?: unknown }).status ?? (error as { statusCode?: unknown }).statusCode);
    if (status >= 400 && status < 500) {
      const expose = (error as { expose?: unknown }).expose === true;
      if (!res.headersSent) res.status(status).json({ error: expose ? (error as Error).message : 'bad request', requestId });
      return;
    }
    logUnexpectedError(logger, requestId, error, { method: req.method, path: req.path });
    // Too late for an answer: Express ends the connection.
    if (res.headersSent) return next(error);
    res.status(500).json({ error: INTERNAL_ERROR_MESSAGE, requestId });
  };
}
