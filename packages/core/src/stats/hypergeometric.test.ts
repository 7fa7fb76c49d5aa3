import { describe, expect, it } from 'vitest';
import { hypergeometricTail, logHypergeometricTail } from './hypergeometric';

function binomial(n: number, k: number): bigint {
  if (k < 0 || k > n) return 0n;
  let result = 1n;
  for (let i = 1; i <= k; i++) result = (result * BigInt(n - k + i)) / BigInt(i);
  return result;
}

function bitLength(x: bigint): number {
  return x.toString(2).length;
}

/** Natural log of a positive BigInt, to double precision. */
function logBig(x: bigint): number {
  const shift = Math.max(0, bitLength(x) - 60);
  return Math.log(Number(x >> BigInt(shift))) + shift * Math.LN2;
}

/** The exact tail as numerator / denominator. */
function exactTail(population: number, successes: number, draws: number, observed: number): [bigint, bigint] {
  let numerator = 0n;
  for (let x = observed; x <= Math.min(successes, draws); x++) {
    numerator += binomial(successes, x) * binomial(population - successes, draws - x);
  }
  return [numerator, binomial(population, draws)];
}

function exactTailNumber(population: number, successes: number, draws: number, observed: number): number {
  const [numerator, denominator] = exactTail(population, successes, draws, observed);
  if (numerator === 0n) return 0;
  // 80 quotient bits leave the final rounding to Number as the only error.
  const shift = 80 - (bitLength(numerator) - bitLength(denominator));
  const quotient = shift >= 0 ? (numerator << BigInt(shift)) / denominator : numerator / (denominator << BigInt(-shift));
  return Number(quotient) * 2 ** -shift;
}

describe('hypergeometricTail', () => {
  it('gives the article chance for all 9 black-and-white vs colour units in the 32-unit 5x5 branch of mixed3a', () => {
    expect(hypergeometricTail(256, 32, 9, 9).toPrecision(5)).toBe('2.4847e-9');
  });

  it('gives the article chance for all 30 curve units in the 96-unit 5x5 branch of mixed3b', () => {
    expect(hypergeometricTail(480, 96, 30, 30).toPrecision(5)).toBe('1.6794e-23');
  });

  it('agrees with exact rational arithmetic to 1e-12 relative on every small case', () => {
    let worst = 0;
    let cases = 0;
    for (const population of [1, 2, 5, 13, 30, 61]) {
      const steps = [0, 1, 2, 3, Math.floor(population / 3), Math.floor(population / 2), population - 1, population];
      const counts = [...new Set(steps.filter((c) => c >= 0 && c <= population))];
      for (const successes of counts) {
        for (const draws of counts) {
          for (let observed = 0; observed <= Math.min(successes, draws) + 1; observed++) {
            const exact = exactTailNumber(population, successes, draws, observed);
            const computed = hypergeometricTail(population, successes, draws, observed);
            const error = exact === 0 ? Math.abs(computed) : Math.abs(computed - exact) / exact;
            worst = Math.max(worst, error);
            cases++;
          }
        }
      }
    }
    expect(cases).toBeGreaterThan(500);
    expect(worst).toBeLessThan(1e-12);
  });

  it('is exactly 1 for observed = 0', () => {
    expect(hypergeometricTail(100, 10, 20, 0)).toBe(1);
    expect(logHypergeometricTail(100, 0, 0, 0)).toBe(0);
  });

  it('is 0 when more successes are observed than can be drawn', () => {
    expect(hypergeometricTail(100, 10, 20, 11)).toBe(0);
    expect(logHypergeometricTail(100, 10, 5, 6)).toBe(-Infinity);
  });

  it('falls monotonically as the observed count rises', () => {
    const tails = Array.from({ length: 41 }, (_, observed) => hypergeometricTail(1000, 200, 40, observed));
    for (let i = 1; i < tails.length; i++) expect(tails[i]!).toBeLessThan(tails[i - 1]!);
  });

  it('keeps full precision near 1, below the mean', () => {
    const exact = exactTailNumber(200, 50, 60, 5);
    expect(Math.abs(hypergeometricTail(200, 50, 60, 5) - exact) / exact).toBeLessThan(1e-13);
  });

  it('returns the right log below 1e-300, where the probability underflows', () => {
    const [numerator, denominator] = exactTail(4000, 1000, 600, 590);
    const exactLog = logBig(numerator) - logBig(denominator);
    expect(exactLog).toBeLessThan(-300 * Math.LN10);
    const computed = logHypergeometricTail(4000, 1000, 600, 590);
    expect(Math.abs(computed - exactLog) / Math.abs(exactLog)).toBeLessThan(1e-12);
    expect(hypergeometricTail(4000, 1000, 600, 590)).toBe(0);
  });

  it('stays accurate on a far tail of a large population', () => {
    const exact = exactTailNumber(2000, 300, 200, 150);
    expect(exact).toBeLessThan(1e-90);
    expect(Math.abs(hypergeometricTail(2000, 300, 200, 150) - exact) / exact).toBeLessThan(1e-12);
  });

  it('rejects a non-integer count, naming the argument and its value', () => {
    expect(() => hypergeometricTail(10.5, 2, 3, 1)).toThrow(/population .*10\.5/);
    expect(() => hypergeometricTail(10, 2, 3, -1)).toThrow(/observed .*-1/);
  });

  it('rejects successes or draws beyond the population, naming the limit', () => {
    expect(() => hypergeometricTail(10, 11, 3, 1)).toThrow(/successes .*population \(10\).*11/);
    expect(() => hypergeometricTail(10, 2, 12, 1)).toThrow(/draws .*population \(10\).*12/);
  });
});
