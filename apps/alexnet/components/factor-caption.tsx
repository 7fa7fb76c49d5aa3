import type { FactorColorCorrelation } from '../lib/factor-color-correlation';
import { colorVector } from '../lib/factor-color-correlation';

export interface FactorCaptionProps {
  from: string;
  to: string;
  correlations: FactorColorCorrelation[];
}

const formatR = (r: number | null): string => (r === null ? 'undefined (no spread)' : r.toFixed(2));

/**
 * Which singular vector of |W(from → to)| tracks usage and which tracks colour, from the numbers: vector 0 of a
 * non-negative matrix has entries of one sign (how much `to` uses each unit), and each vector's Pearson r with the
 * filters' colour index, printed.
 */
export function FactorCaption({ from, to, correlations }: FactorCaptionProps) {
  const [first] = correlations;
  const color = colorVector(correlations);
  return (
    <p className="provenance factor-caption" data-color-vector={color ?? ''}>
      {first && first.zeros > 0 ? (
        <>
          Vector 0 is zero on {first.zeros} of {first.units} units: |W| is block-diagonal (each {to} branch reads its own {from} units), so
          vector 0 picks out one branch rather than ranking usage.{' '}
        </>
      ) : first ? (
        <>
          Vector 0 tracks usage: |W| is non-negative, so its first uncentred singular vector has entries of one sign ({first.sameSign} of{' '}
          {first.units} here) and ranks units by how strongly {to} reads them.{' '}
        </>
      ) : null}
      Correlation with the colour index of the {from} filters:{' '}
      {correlations.map((c, i) => (
        <span key={c.vector} data-vector={c.vector} data-r={c.r ?? ''}>
          {i > 0 ? '; ' : ''}vector {c.vector}: r = {formatR(c.r)}
        </span>
      ))}
      .{' '}
      {color === null ? 'No vector tracks colour.' : <strong>Vector {color} tracks colour (the larger |r|).</strong>}
    </p>
  );
}
