import type { ReactNode } from 'react';
import { colorIndexColor } from './color-index-color';

export interface WeightGridItem {
  /** Unit (neuron) index; shown as the caption and set as `data-unit`. */
  unit: number;
  /** Image URL. */
  src: string;
  /** 0 (grey) to 1 (colourful); drawn as a small bar under the image when given. */
  colorIndex?: number;
  /** Hover text and alt text; defaults to the unit and its colour index. */
  label?: string;
}

export interface WeightGridProps {
  items: WeightGridItem[];
  /** Images per row. */
  columns: number;
  /** Largest displayed width and height of an image in CSS pixels; images shrink with a narrow container. */
  imageSize: number;
  /**
   * Nearest-neighbour scaling, so an 11 x 11 filter shows its pixels instead of a blur (default true). Turn it off
   * for images shown near their natural size.
   */
  pixelated?: boolean;
  /** Accessible name of the grid. */
  label?: string;
  /** Makes each item a link to this (a unit's neuron page, see `neuronHref`). */
  hrefFor?: (unit: number) => string;
}

/**
 * A grid of unit images (first-layer filters, feature visualizations), each with its unit number and, when known,
 * a bar as long as its colour index. One `<li data-unit>` per item. Pure render: works in server components.
 *
 * @throws Error naming the problem when `columns` or `imageSize` is not a positive number.
 */
export function WeightGrid({ items, columns, imageSize, pixelated = true, label, hrefFor }: WeightGridProps) {
  if (!Number.isInteger(columns) || columns < 1) throw new Error(`WeightGrid: columns must be a positive integer, got ${columns}`);
  if (!(imageSize > 0)) throw new Error(`WeightGrid: imageSize must be positive, got ${imageSize}`);
  return (
    <ul
      className="bs-weight-grid"
      aria-label={label}
      style={{
        display: 'grid',
        gridTemplateColumns: `repeat(${columns}, minmax(0, ${imageSize}px))`,
        gap: '6px 4px',
        listStyle: 'none',
        margin: 0,
        padding: 0,
      }}
    >
      {items.map((item) => {
        const text = item.label ?? describe(item);
        return (
          <li key={item.unit} data-unit={item.unit} data-color-index={item.colorIndex} title={text} style={{ minWidth: 0 }}>
            <Linked href={hrefFor?.(item.unit)}>
              <img
                src={item.src}
                alt={text}
                width={imageSize}
                height={imageSize}
                decoding="async"
                style={{
                  display: 'block',
                  width: '100%',
                  height: 'auto',
                  aspectRatio: '1',
                  imageRendering: pixelated ? 'pixelated' : 'auto',
                  background: '#808080',
                }}
              />
              {item.colorIndex === undefined ? null : <ColorIndexBar value={item.colorIndex} />}
              <span className="bs-weight-grid-caption" style={{ display: 'block', fontSize: 10, lineHeight: 1.3, textAlign: 'center' }}>
                {item.unit}
              </span>
            </Linked>
          </li>
        );
      })}
    </ul>
  );
}

function ColorIndexBar({ value }: { value: number }) {
  const clamped = Math.min(1, Math.max(0, value));
  return (
    <span className="bs-color-index-bar" aria-hidden="true" style={{ display: 'block', height: 3, marginTop: 2, background: '#e4e7eb' }}>
      <span style={{ display: 'block', height: '100%', width: `${(clamped * 100).toFixed(1)}%`, background: colorIndexColor(clamped) }} />
    </span>
  );
}

function describe(item: WeightGridItem): string {
  return item.colorIndex === undefined ? `unit ${item.unit}` : `unit ${item.unit}, colour index ${item.colorIndex.toFixed(2)}`;
}

/** Its children inside a link when there is an href, as they are otherwise. */
function Linked({ href, children }: { href: string | undefined; children: ReactNode }) {
  if (href === undefined) return <>{children}</>;
  return (
    <a href={href} style={{ display: 'block', color: 'inherit', textDecoration: 'none' }}>
      {children}
    </a>
  );
}
