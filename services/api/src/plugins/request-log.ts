import type { ApolloServerPlugin, GraphQLRequestContextWillSendResponse } from '@apollo/server';
import type { Logger } from '@branchscope/jobs';
import { Kind, type GraphQLFormattedError } from 'graphql';

/** Longest error message quoted in a request line. */
const MAX_MESSAGE = 200;

/** The root fields an operation asks for (`svdFactors,models`), so anonymous queries are still recognisable. */
function rootFields(context: GraphQLRequestContextWillSendResponse<{ requestId: string }>): string | undefined {
  const fields = context.operation?.selectionSet.selections.flatMap((selection) => (selection.kind === Kind.FIELD ? [selection.name.value] : []));
  if (!fields || fields.length === 0) return undefined;
  return fields.length > 4 ? `${fields.slice(0, 4).join(',')},+${fields.length - 4}` : fields.join(',');
}

function errorsOf(context: GraphQLRequestContextWillSendResponse<{ requestId: string }>): readonly GraphQLFormattedError[] {
  const body = context.response.body;
  return (body.kind === 'single' ? body.singleResult.errors : body.initialResult.errors) ?? [];
}

/**
 * One log line per GraphQL request over HTTP once its answer is ready: request id, HTTP method, operation name and
 * type, root fields, duration, and `status=ok` or the errors' codes (`BAD_USER_INPUT`, `NOT_FOUND`, ...) with the
 * first message. Internal errors are logged at `error` (their stacks are on `unexpectedErrors`' lines, under the
 * same request id), everything else at `info`.
 */
export function requestLog(logger: Logger): ApolloServerPlugin<{ requestId: string }> {
  return {
    async requestDidStart() {
      const started = performance.now();
      return {
        async willSendResponse(context) {
          const errors = errorsOf(context);
          const codes = [...new Set(errors.map((error) => String(error.extensions?.code ?? 'ERROR')))];
          const message = errors[0]?.message;
          const fields = {
            request_id: context.contextValue.requestId,
            method: context.request.http?.method,
            op: context.operationName ?? context.request.operationName ?? undefined,
            type: context.operation?.operation,
            fields: rootFields(context),
            ms: Math.round(performance.now() - started),
            status: codes.length > 0 ? codes.join(',') : 'ok',
            http: context.response.http.status,
            error: message && message.length > MAX_MESSAGE ? `${message.slice(0, MAX_MESSAGE)}...` : message,
          };
          if (codes.includes('INTERNAL_SERVER_ERROR')) logger.error('graphql request', fields);
          else logger.info('graphql request', fields);
        },
      };
    },
  };
}
