import { logBinomialDensity } from './log-binomial-density';

/**
 * Hypergeometric probabilities, exact in log space: the density comes from binomial saddle-point terms
 * (relative error near machine precision), the tail from a ratio series summed from its largest term.
 * The log results stay finite and accurate where the probabilities themselves underflow (below 1e-308).
 */

function requireCount(name: string, value: number, max?: number, maxName?: string): void {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new RangeError(`${name} must be a non-negative integer, got ${value}`);
  }
  if (max !== undefined && value > max) {
    throw new RangeError(`${name} must be at most ${maxName} (${max}), got ${value}`);
  }
}

function validate(population: number, successes: number, draws: number, observed: number): void {
  requireCount('population', population);
  requireCount('successes', successes, population, 'population');
  requireCount('draws', draws, population, 'population');
  requireCount('observed', observed);
}

/** log P(X = x) for X counting red balls among n drawn without replacement from red + black. */
function logDensity(x: number, red: number, black: number, n: number): number {
  const total = red + black;
  const p = n / total;
  const q = (total - n) / total;
  return logBinomialDensity(x, red, p, q) + logBinomialDensity(n - x, black, p, q) - logBinomialDensity(n, total, p, q);
}

/** log of P(X <= x) / P(X = x), for x at or below the mean so that the terms shrink as x falls. */
function logLowerTailOverDensity(x: number, red: number, black: number, n: number): number {
  let sum = 0;
  let term = 1;
  while (x > 0 && term >= Number.EPSILON * sum) {
    term *= (x * (black - n + x)) / ((n + 1 - x) * (red + 1 - x));
    sum += term;
    x--;
  }
  return Math.log1p(sum);
}

/** log(1 - e^a) for a <= 0, precise on both ends. */
function log1mExp(a: number): number {
  return a > -Math.LN2 ? Math.log(-Math.expm1(a)) : Math.log1p(-Math.exp(a));
}

/** log P(X <= x), or log P(X > x) when `upper`, following R's phyper. */
function logCumulative(x: number, red: number, black: number, n: number, upper: boolean): number {
  // Sum whichever tail lies beyond x from the mean, so the series runs over decreasing terms.
  if (x * (red + black) > n * red) {
    [red, black] = [black, red];
    x = n - x - 1;
    upper = !upper;
  }
  if (x < 0 || x < n - black) return upper ? 0 : -Infinity;
  if (x >= red || x >= n) return upper ? -Infinity : 0;
  const logLower = logDensity(x, red, black, n) + logLowerTailOverDensity(x, red, black, n);
  return upper ? log1mExp(logLower) : logLower;
}

/**
 * Natural log of P(X >= observed) for X ~ Hypergeometric(population, successes, draws): the chance that at least
 * `observed` of `draws` units taken at random from `population` fall among `successes` marked ones.
 * Accurate far below the double range (e.g. -800 for a probability of 1e-348).
 * @throws RangeError naming the argument when a count is not a non-negative integer or exceeds the population.
 */
export function logHypergeometricTail(population: number, successes: number, draws: number, observed: number): number {
  validate(population, successes, draws, observed);
  if (observed === 0) return 0;
  return logCumulative(observed - 1, successes, population - successes, draws, true);
}

/**
 * P(X >= observed) for X ~ Hypergeometric(population, successes, draws). Underflows to 0 below ~1e-308; use
 * {@link logHypergeometricTail} there.
 * @throws RangeError naming the argument when a count is not a non-negative integer or exceeds the population.
 */
export function hypergeometricTail(population: number, successes: number, draws: number, observed: number): number {
  return Math.exp(logHypergeometricTail(population, successes, draws, observed));
}
