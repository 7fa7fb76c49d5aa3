import { scaleLinear } from 'd3';
import { Axis } from './axis';
import { groupColor } from './group-color';
import { paddedDomain } from './padded-domain';
import { ScatterLegend } from './scatter-legend';
import type { LegendEntry } from './scatter-legend';

export interface ScatterPoint {
  id: string | number;
  x: number;
  y: number;
  /** 0-based group index; colours the point and picks its name from `groupNames`. */
  group?: number;
  /** A fill of its own (e.g. the unit's colour index), instead of the group's colour. */
  fill?: string;
  /** Hover text; defaults to the id. */
  label?: string;
  /** Draw the point as this image (its filter, its feature visualization), framed in its group's colour, instead of a dot. */
  image?: string;
}

export interface UnitScatterProps {
  points: ScatterPoint[];
  /** Size of the whole SVG in pixels, margins included. */
  width: number;
  height: number;
  xLabel: string;
  yLabel: string;
  /** Legend names by group index; a missing name shows as "group N". */
  groupNames?: string[];
  title?: string;
  /** Side in pixels of the points drawn as images (default 18). */
  imageSize?: number;
}

const RADIUS = 4.5;

/**
 * A scatter of units (neurons) as plain SVG: one `<circle data-unit data-group>` per point, coloured by group (or,
 * for a point with an `image`, a `<g class="bs-point-image" data-unit>` drawing the image framed in that colour),
 * with ticked axes and a legend. Pure render, no effects, so it works in server components.
 *
 * @throws Error naming the point when a coordinate is not a finite number.
 */
export function UnitScatter({ points, width, height, xLabel, yLabel, groupNames, title, imageSize = 18 }: UnitScatterProps) {
  for (const p of points) {
    if (!Number.isFinite(p.x) || !Number.isFinite(p.y)) {
      throw new Error(`UnitScatter: point ${String(p.id)} has a non-finite coordinate (x=${p.x}, y=${p.y})`);
    }
  }
  const legend = legendEntries(points, groupNames);
  const margin = { top: (title ? 28 : 8) + (legend.length > 0 ? 24 : 0), right: 16, bottom: 48, left: 64 };
  const x = scaleLinear()
    .domain(paddedDomain(points.map((p) => p.x)))
    .nice()
    .range([margin.left, width - margin.right]);
  const y = scaleLinear()
    .domain(paddedDomain(points.map((p) => p.y)))
    .nice()
    .range([height - margin.bottom, margin.top]);
  const [x0, x1] = x.domain() as [number, number];
  const [y0, y1] = y.domain() as [number, number];

  return (
    <svg
      className="bs-unit-scatter"
      width={width}
      height={height}
      viewBox={`0 0 ${width} ${height}`}
      role="img"
      aria-label={title ?? `${yLabel} against ${xLabel}`}
    >
      {title ? (
        <text x={margin.left} y={18} fontSize={14} fontWeight={600} fill="currentColor">
          {title}
        </text>
      ) : null}
      {legend.length > 0 ? <ScatterLegend entries={legend} x={margin.left} y={margin.top - 10} /> : null}
      <g className="bs-zero-lines" stroke="#c8c8c8" strokeDasharray="3 3">
        {x0 < 0 && x1 > 0 ? <line x1={x(0)} x2={x(0)} y1={y(y0)} y2={y(y1)} /> : null}
        {y0 < 0 && y1 > 0 ? <line x1={x(x0)} x2={x(x1)} y1={y(0)} y2={y(0)} /> : null}
      </g>
      <Axis scale={x} orient="bottom" at={height - margin.bottom} label={xLabel} />
      <Axis scale={y} orient="left" at={margin.left} label={yLabel} />
      <g className="bs-points" fillOpacity={0.85} stroke="#ffffff" strokeWidth={0.75}>
        {points.map((p) =>
          p.image ? (
            <g key={p.id} className="bs-point-image" data-unit={p.id} data-group={p.group} fillOpacity={1}>
              <image
                href={p.image}
                x={x(p.x) - imageSize / 2}
                y={y(p.y) - imageSize / 2}
                width={imageSize}
                height={imageSize}
                preserveAspectRatio="none"
                style={{ imageRendering: 'pixelated' }}
              />
              <rect
                x={x(p.x) - imageSize / 2 - 1}
                y={y(p.y) - imageSize / 2 - 1}
                width={imageSize + 2}
                height={imageSize + 2}
                fill="none"
                stroke={p.fill ?? groupColor(p.group)}
                strokeWidth={1.5}
              />
              <title>{p.label ?? String(p.id)}</title>
            </g>
          ) : (
            <circle key={p.id} data-unit={p.id} data-group={p.group} cx={x(p.x)} cy={y(p.y)} r={RADIUS} fill={p.fill ?? groupColor(p.group)}>
              <title>{p.label ?? String(p.id)}</title>
            </circle>
          ),
        )}
      </g>
    </svg>
  );
}

function legendEntries(points: ScatterPoint[], groupNames: string[] | undefined): LegendEntry[] {
  const counts = new Map<number | undefined, number>();
  for (const p of points) counts.set(p.group, (counts.get(p.group) ?? 0) + 1);
  // A legend with one ungrouped entry says nothing.
  if (counts.size === 1 && counts.has(undefined)) return [];
  return [...counts.entries()]
    .sort(([a], [b]) => (a ?? Infinity) - (b ?? Infinity))
    .map(([group, count]) => ({
      group,
      count,
      name: group === undefined ? 'no group' : (groupNames?.[group] ?? `group ${group}`),
    }));
}
