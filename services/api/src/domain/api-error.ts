/**
 * Errors the domain raises for its callers, each with a transport-neutral code. The GraphQL layer copies the
 * code into `extensions.code`; a script calling the domain directly can switch on it.
 */
export type ApiErrorCode = 'NOT_FOUND' | 'BAD_USER_INPUT' | 'JOB_FAILED' | 'FORBIDDEN';

export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly code: ApiErrorCode,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

export const notFound = (message: string): ApiError => new ApiError('NOT_FOUND', message);
export const badInput = (message: string, cause?: unknown): ApiError => new ApiError('BAD_USER_INPUT', message, { cause });
