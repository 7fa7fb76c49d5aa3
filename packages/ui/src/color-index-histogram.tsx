import { bin, max, median, scaleLinear } from 'd3';
import { colorIndexColor } from './color-index-color';

export interface ColorIndexHistogramProps {
  /** Colour indices, 0 (grey) to 1 (colourful); values outside [0, 1] count in the end bins. */
  values: number[];
  /** Size of the whole SVG in pixels; it scales down with a narrow container. */
  width: number;
  height: number;
  /** Equal-width bins over [0, 1] (default 10). */
  bins?: number;
  /** Top of the count axis: pass the largest count over several histograms so they compare at a glance. */
  maxCount?: number;
  /** Accessible name; defaults to a sentence with the count and the median. */
  label?: string;
}

const MARGIN = { top: 16, right: 8, bottom: 18, left: 8 };

/** Equal-width bins over [0, 1], values outside clamped into the end bins. */
function binColorIndices(values: number[], bins: number) {
  const thresholds = Array.from({ length: bins - 1 }, (_, i) => (i + 1) / bins);
  return bin().domain([0, 1]).thresholds(thresholds)(values.map((v) => Math.min(1, Math.max(0, v))));
}

/**
 * The fullest bin over several sets of colour indices, binned as {@link ColorIndexHistogram} bins them: pass it as
 * every histogram's `maxCount` so branches share one count axis.
 */
export function largestBinCount(valueSets: number[][], bins = 10): number {
  return Math.max(0, ...valueSets.map((values) => max(binColorIndices(values, bins), (g) => g.length) ?? 0));
}

/**
 * A small histogram of colour indices over [0, 1], bars shaded from grey to colour, with the median marked.
 * Bars carry `data-bin-start` and `data-count`; the median line carries `data-median`. Pure render.
 *
 * @throws Error naming the value when one is not a finite number.
 */
export function ColorIndexHistogram({ values, width, height, bins = 10, maxCount, label }: ColorIndexHistogramProps) {
  values.forEach((v, i) => {
    if (!Number.isFinite(v)) throw new Error(`ColorIndexHistogram: value ${i} is not a finite number (${v})`);
  });
  if (!Number.isInteger(bins) || bins < 1) throw new Error(`ColorIndexHistogram: bins must be a positive integer, got ${bins}`);
  const groups = binColorIndices(values, bins);
  const top = Math.max(1, maxCount ?? 0, max(groups, (g) => g.length) ?? 0);
  const x = scaleLinear().domain([0, 1]).range([MARGIN.left, width - MARGIN.right]);
  const y = scaleLinear().domain([0, top]).range([height - MARGIN.bottom, MARGIN.top]);
  const middle = median(values);
  const name = label ?? `${values.length} colour indices${middle === undefined ? '' : `, median ${middle.toFixed(2)}`}`;
  const baseline = y(0);
  return (
    <svg
      className="bs-color-index-histogram"
      width={width}
      height={height}
      viewBox={`0 0 ${width} ${height}`}
      role="img"
      aria-label={name}
      style={{ maxWidth: '100%', height: 'auto' }}
    >
      <g className="bs-bins">
        {groups.map((g) => {
          const x0 = g.x0 ?? 0;
          const x1 = g.x1 ?? 1;
          return (
            <rect
              key={x0}
              data-bin-start={x0}
              data-count={g.length}
              x={x(x0) + 0.5}
              width={Math.max(0, x(x1) - x(x0) - 1)}
              y={y(g.length)}
              height={baseline - y(g.length)}
              fill={colorIndexColor((x0 + x1) / 2)}
            >
              <title>{`${g.length} unit(s) with colour index ${x0.toFixed(2)} to ${x1.toFixed(2)}`}</title>
            </rect>
          );
        })}
      </g>
      <line x1={x(0)} x2={x(1)} y1={baseline} y2={baseline} stroke="currentColor" strokeOpacity={0.5} />
      <g fontSize={10} fill="currentColor" fillOpacity={0.75}>
        <text x={x(0)} y={height - 5}>
          0 grey
        </text>
        <text x={x(1)} y={height - 5} textAnchor="end">
          1 colour
        </text>
      </g>
      {middle === undefined ? null : (
        <g data-median={middle}>
          <line x1={x(middle)} x2={x(middle)} y1={MARGIN.top - 4} y2={baseline} stroke="currentColor" strokeDasharray="2 2" />
          <text
            x={x(middle)}
            y={MARGIN.top - 6}
            fontSize={10}
            fill="currentColor"
            textAnchor={middle < 0.2 ? 'start' : middle > 0.8 ? 'end' : 'middle'}
          >
            {`median ${middle.toFixed(2)}`}
          </text>
        </g>
      )}
    </svg>
  );
}
