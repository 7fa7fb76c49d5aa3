export interface UnitImage {
  /** Unit (neuron) index; the caption and `data-unit`. */
  unit: number;
  /** The stored image's URL, or null while it is not stored yet (drawn as a placeholder tile, `data-image-state="pending"`). */
  src: string | null;
  /** Where a click on the unit goes (its neuron page), when anywhere. */
  href?: string;
  /** A frame around the tile in this colour (its category, its branch); none when absent. */
  frameColor?: string;
  /** Hover and alt text; defaults to `unit N`. */
  label?: string;
}

export interface UnitImageGridProps {
  items: UnitImage[];
  /** Tiles per row. */
  columns: number;
  /** Largest displayed side of a tile in CSS pixels; tiles shrink with a narrow container. */
  imageSize: number;
  /** Accessible name of the grid. */
  label: string;
}

/**
 * A grid of units drawn as their images (feature visualizations): a stored image loads lazily (`loading="lazy"`), a
 * unit whose image is not stored yet is an empty tile marked pending, which the app replaces once the worker stores
 * it. Each tile can carry a coloured frame and link to its unit's page. One `<li data-unit>` per item, in order.
 * Pure render: works in server components.
 *
 * @throws Error naming the problem when `columns` or `imageSize` is not a positive number.
 */
export function UnitImageGrid({ items, columns, imageSize, label }: UnitImageGridProps) {
  if (!Number.isInteger(columns) || columns < 1) throw new Error(`UnitImageGrid: columns must be a positive integer, got ${columns}`);
  if (!(imageSize > 0)) throw new Error(`UnitImageGrid: imageSize must be positive, got ${imageSize}`);
  return (
    <ul
      className="bs-unit-image-grid"
      aria-label={label}
      data-units={items.length}
      data-pending={items.filter((i) => i.src === null).length}
      style={{ display: 'grid', gridTemplateColumns: `repeat(${columns}, minmax(0, ${imageSize}px))`, gap: '6px 4px', listStyle: 'none', margin: 0, padding: 0 }}
    >
      {items.map((item) => {
        const text = item.label ?? `unit ${item.unit}`;
        const tile =
          item.src === null ? (
            <span
              className="bs-unit-image-pending"
              role="img"
              aria-label={`${text}: image not stored yet`}
              style={{ display: 'block', width: '100%', aspectRatio: '1', background: 'repeating-linear-gradient(45deg, #eef0f3 0 6px, #e2e5e9 6px 12px)' }}
            />
          ) : (
            // eslint-disable-next-line @next/next/no-img-element
            <img
              src={item.src}
              alt={text}
              width={imageSize}
              height={imageSize}
              loading="lazy"
              decoding="async"
              style={{ display: 'block', width: '100%', height: 'auto', aspectRatio: '1', background: '#808080' }}
            />
          );
        const framed = (
          <span
            style={{
              display: 'block',
              padding: item.frameColor ? 2 : 0,
              background: item.frameColor ?? 'transparent',
              borderRadius: 2,
            }}
          >
            {tile}
          </span>
        );
        return (
          <li key={item.unit} data-unit={item.unit} data-image-state={item.src === null ? 'pending' : 'stored'} title={text} style={{ minWidth: 0 }}>
            {item.href ? (
              <a href={item.href} aria-label={text} style={{ display: 'block', color: 'inherit' }}>
                {framed}
                <Caption unit={item.unit} />
              </a>
            ) : (
              <>
                {framed}
                <Caption unit={item.unit} />
              </>
            )}
          </li>
        );
      })}
    </ul>
  );
}

function Caption({ unit }: { unit: number }) {
  return (
    <span className="bs-weight-grid-caption" style={{ display: 'block', fontSize: 10, lineHeight: 1.3, textAlign: 'center' }}>
      {unit}
    </span>
  );
}
