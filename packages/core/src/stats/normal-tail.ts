/**
 * P(Z >= z) for a standard normal Z, via the complementary error function (W. J. Cody's rational
 * approximations as given in Numerical Recipes' erfc, relative error below 1.2e-7 everywhere), so tails far
 * from 0 keep their relative precision instead of rounding 1 - Φ(z) to 0.
 */
export function normalUpperTail(z: number): number {
  if (Number.isNaN(z)) throw new RangeError('normalUpperTail: z is NaN');
  return erfc(z / Math.SQRT2) / 2;
}

function erfc(x: number): number {
  const t = 1 / (1 + 0.5 * Math.abs(x));
  const y =
    t *
    Math.exp(
      -x * x -
        1.26551223 +
        t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))),
    );
  return x >= 0 ? y : 2 - y;
}
