import { createRandom } from '../random/create-random';

/** Sarle's bimodality coefficient of a sample, with the moments it is made of. */
export interface BimodalityCoefficient {
  /** Sample size. */
  n: number;
  /** Adjusted Fisher-Pearson sample skewness G1 = sqrt(n(n-1)) / (n-2) * m3 / m2^1.5 (0 for a constant sample). */
  skewness: number;
  /** Sample excess kurtosis G2 = (n-1) / ((n-2)(n-3)) * ((n+1) m4 / m2^2 - 3(n-1)) (0 for a constant sample). */
  excessKurtosis: number;
  /**
   * BC = (G1^2 + 1) / (G2 + 3 (n-1)^2 / ((n-2)(n-3))), in (0, 1]. A uniform distribution gives 5/9; above that
   * suggests two modes (two equal point masses give 1), below it one (a normal gives 1/3).
   */
  coefficient: number;
}

/** BC of the uniform distribution: the conventional line between one mode and two. */
export const UNIFORM_BIMODALITY_COEFFICIENT = 5 / 9;

/**
 * Sarle's bimodality coefficient (SAS Institute 1990; Pfister et al. 2013) from the bias-adjusted sample skewness
 * and excess kurtosis (SAS's and Excel's SKEW and KURT).
 * @throws RangeError when fewer than 4 values are given or a value is not finite.
 */
export function bimodalityCoefficient(values: readonly number[]): BimodalityCoefficient {
  const n = values.length;
  if (n < 4) throw new RangeError(`bimodalityCoefficient: needs at least 4 values, got ${n}`);
  const bad = values.find((v) => !Number.isFinite(v));
  if (bad !== undefined) throw new RangeError(`bimodalityCoefficient: every value must be finite, got ${bad}`);
  const mean = values.reduce((s, v) => s + v, 0) / n;
  let m2 = 0;
  let m3 = 0;
  let m4 = 0;
  for (const v of values) {
    const d = v - mean;
    m2 += d * d;
    m3 += d * d * d;
    m4 += d * d * d * d;
  }
  m2 /= n;
  m3 /= n;
  m4 /= n;
  const constant = m2 <= 1e-300;
  const skewness = constant ? 0 : ((Math.sqrt(n * (n - 1)) / (n - 2)) * m3) / m2 ** 1.5;
  const excessKurtosis = constant ? 0 : ((n - 1) / ((n - 2) * (n - 3))) * (((n + 1) * m4) / (m2 * m2) - 3 * (n - 1));
  const coefficient = (skewness * skewness + 1) / (excessKurtosis + (3 * (n - 1) ** 2) / ((n - 2) * (n - 3)));
  return { n, skewness, excessKurtosis, coefficient };
}

/** BC with how often samples of the same size from a uniform distribution reach it. */
export interface BimodalityTest extends BimodalityCoefficient {
  /**
   * (#uniform samples of size n whose BC is at least the observed + 1) / (samples + 1): small when the sample is
   * more two-moded than a flat spread of the same size usually looks. The uniform is the null at BC's 5/9 line.
   */
  pUniform: number;
  samples: number;
  seed: number;
}

/**
 * {@link bimodalityCoefficient} and a seeded Monte Carlo p against `samples` uniform samples of the same size.
 * @throws RangeError for fewer than 4 values, a value that is not finite, or `samples` not a positive integer.
 */
export function bimodalityTest(values: readonly number[], options: { samples?: number; seed?: number } = {}): BimodalityTest {
  const samples = options.samples ?? 999;
  const seed = options.seed ?? 0;
  if (!Number.isInteger(samples) || samples < 1) throw new RangeError(`bimodalityTest: samples must be a positive integer, got ${samples}`);
  const observed = bimodalityCoefficient(values);
  const random = createRandom(seed);
  const draw = new Array<number>(values.length);
  let atLeast = 0;
  for (let s = 0; s < samples; s++) {
    for (let i = 0; i < draw.length; i++) draw[i] = random.next();
    if (bimodalityCoefficient(draw).coefficient >= observed.coefficient) atLeast++;
  }
  return { ...observed, pUniform: (atLeast + 1) / (samples + 1), samples, seed };
}
