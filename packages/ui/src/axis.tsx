import type { ScaleLinear } from 'd3';

export interface AxisProps {
  scale: ScaleLinear<number, number>;
  orient: 'bottom' | 'left';
  /** Where the axis line sits: a y pixel for a bottom axis, an x pixel for a left axis. */
  at: number;
  label: string;
  /** Roughly how many ticks d3 should aim for. */
  ticks?: number;
}

/** An axis as plain SVG: line, ticks with d3's formatting, and a label. Renders on the server. */
export function Axis({ scale, orient, at, label, ticks = 6 }: AxisProps) {
  const values = scale.ticks(ticks);
  const format = scale.tickFormat(ticks);
  const [r0, r1] = scale.range() as [number, number];
  const middle = (r0 + r1) / 2;
  if (orient === 'bottom') {
    return (
      <g className="bs-axis bs-axis-x" fontSize={11} fill="currentColor">
        <line x1={r0} x2={r1} y1={at} y2={at} stroke="currentColor" />
        {values.map((v) => (
          <g key={v} transform={`translate(${scale(v)},${at})`}>
            <line y2={5} stroke="currentColor" />
            <text y={17} textAnchor="middle">
              {format(v)}
            </text>
          </g>
        ))}
        <text x={middle} y={at + 36} textAnchor="middle" fontSize={12}>
          {label}
        </text>
      </g>
    );
  }
  return (
    <g className="bs-axis bs-axis-y" fontSize={11} fill="currentColor">
      <line x1={at} x2={at} y1={r0} y2={r1} stroke="currentColor" />
      {values.map((v) => (
        <g key={v} transform={`translate(${at},${scale(v)})`}>
          <line x2={-5} stroke="currentColor" />
          <text x={-8} dy="0.32em" textAnchor="end">
            {format(v)}
          </text>
        </g>
      ))}
      <text transform={`translate(${at - 44},${middle}) rotate(-90)`} textAnchor="middle" fontSize={12}>
        {label}
      </text>
    </g>
  );
}
