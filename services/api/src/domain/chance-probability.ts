import { hypergeometricTail } from '@branchscope/core';
import { badInput } from './api-error';
import type { QueryChanceProbabilityArgs } from '../generated/resolver-types';

/** The schema's `chanceProbability` arguments. */
export type ChanceArgs = QueryChanceProbabilityArgs;

/**
 * P(X >= observed) for X hypergeometric. Invalid counts become a BAD_USER_INPUT error naming the argument
 * (core's message, e.g. "draws must be at most population (256), got 300").
 */
export function chanceProbability(args: ChanceArgs): number {
  try {
    return hypergeometricTail(args.population, args.successes, args.draws, args.observed);
  } catch (error) {
    if (error instanceof RangeError) throw badInput(`chanceProbability: ${error.message}`, error);
    throw error;
  }
}
