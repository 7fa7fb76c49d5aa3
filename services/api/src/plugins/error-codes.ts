import { unwrapResolverError } from '@apollo/server/errors';
import type { GraphQLFormattedError } from 'graphql';
import { ApiError } from '../domain/api-error';

/**
 * Apollo's `formatError`: copies a domain error's code (NOT_FOUND, BAD_USER_INPUT, JOB_FAILED) into
 * `extensions.code`, and drops stack traces from every answer.
 */
export function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const original = unwrapResolverError(error);
  const { stacktrace: _stack, ...extensions } = formatted.extensions ?? {};
  if (original instanceof ApiError) {
    return { ...formatted, message: original.message, extensions: { ...extensions, code: original.code } };
  }
  return { ...formatted, extensions };
}
