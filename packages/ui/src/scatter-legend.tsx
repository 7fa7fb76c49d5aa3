import { groupColor } from './group-color';

export interface LegendEntry {
  group: number | undefined;
  name: string;
  count: number;
}

export interface ScatterLegendProps {
  entries: LegendEntry[];
  x: number;
  y: number;
}

/** One row of colour swatches with group names and point counts. */
export function ScatterLegend({ entries, x, y }: ScatterLegendProps) {
  let offset = 0;
  return (
    <g className="bs-legend" fontSize={12} fill="currentColor" transform={`translate(${x},${y})`}>
      {entries.map((entry) => {
        const text = `${entry.name} (${entry.count})`;
        const at = offset;
        // No DOM to measure text on the server: estimate the width from the character count.
        offset += 28 + text.length * 7;
        return (
          <g key={entry.group ?? 'none'} data-legend-group={entry.group} transform={`translate(${at},0)`}>
            <circle r={5} cx={5} cy={-4} fill={groupColor(entry.group)} />
            <text x={15}>{text}</text>
          </g>
        );
      })}
    </g>
  );
}
