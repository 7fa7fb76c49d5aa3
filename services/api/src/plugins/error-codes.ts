import { unwrapResolverError } from '@apollo/server/errors';
import type { GraphQLFormattedError } from 'graphql';
import { ApiError } from '../domain/api-error';
import { INTERNAL_ERROR_CODE, INTERNAL_ERROR_MESSAGE, isUnexpectedError } from './unexpected-errors';

/**
 * Apollo's `formatError` (and the subscriptions'): copies a domain error's code (NOT_FOUND, BAD_USER_INPUT,
 * JOB_FAILED) into `extensions.code`, masks an unexpected error (`isUnexpectedError`) to INTERNAL_SERVER_ERROR
 * with a generic message (the cause is logged under the request id, which `unexpectedErrors` adds), and drops
 * stack traces from every answer.
 */
export function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const original = unwrapResolverError(error);
  const { stacktrace: _stack, ...extensions } = formatted.extensions ?? {};
  if (original instanceof ApiError) {
    return { ...formatted, message: original.message, extensions: { ...extensions, code: original.code } };
  }
  if (isUnexpectedError(error, extensions.code)) {
    const { locations, path } = formatted;
    return { message: INTERNAL_ERROR_MESSAGE, ...(locations ? { locations } : {}), ...(path ? { path } : {}), extensions: { code: INTERNAL_ERROR_CODE } };
  }
  return { ...formatted, extensions };
}
