import { describeQueryError } from '@branchscope/client';
import type { QueryErrorDescription } from '@branchscope/client';
import { ViewInputError } from './view-input-error';

/** Error panel text for whatever loading a view threw: a bad URL names what exists, an API error says what to try. */
export function describeViewError(error: unknown): QueryErrorDescription {
  if (error instanceof ViewInputError) {
    return { message: error.message, code: error.code, hint: 'Pick a model from the page.' };
  }
  return describeQueryError(error);
}
