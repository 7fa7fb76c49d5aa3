import { categoryColor, readableInk } from './category-color';

export interface UnitCell {
  /** Unit index in the layer; the cell's text and `data-unit`. */
  unit: number;
  /** Category index (colours the cell, see `categoryColor`); none for an unlabelled unit. */
  group?: number;
  /** Category name, set as `data-category`. */
  category?: string;
  /** Hover text; defaults to the unit and its category. */
  label?: string;
  /**
   * The unit's feature image: drawn (lazily) inside a frame of its category's colour instead of the number. Null: the
   * image is not stored yet, drawn as a pending tile in the same frame. Absent: the cell shows its number.
   */
  image?: string | null;
  /**
   * The stored image's tile in the grid's `atlas` (tile i at column i % columns, row floor(i / columns)): drawn from it
   * instead of `image`, so a whole grid costs one image request.
   */
  atlasIndex?: number;
}

/** One PNG holding a grid's stored images as square tiles, `columns` per row. */
export interface UnitAtlas {
  src: string;
  columns: number;
  rows: number;
}

export interface UnitCellGridProps {
  cells: UnitCell[];
  /** Side of a cell in CSS pixels (default 26); as many cells per row as the container fits. */
  cellSize?: number;
  /** The unit drawn as selected (`aria-pressed`, outlined). */
  selectedUnit?: number;
  /** Makes every cell a button that calls this with its unit; without it the grid is read-only. */
  onSelect?: (unit: number) => void;
  /**
   * Makes every cell a link to this (a unit's neuron page, see `neuronHref`); with `onSelect` too, a small round
   * "select" button in the cell's corner selects the unit instead.
   */
  hrefFor?: (unit: number) => string;
  /** Accessible name of the grid. */
  label?: string;
  /** The atlas the cells' `atlasIndex` point into. */
  atlas?: UnitAtlas;
}

/**
 * Units as small square cells numbered by unit index and filled with their category's colour, wrapping to the
 * container's width. One `<li data-unit data-category>` per cell; with `onSelect`, each holds a button. Pure render
 * (no state of its own), so it works in server components when read-only.
 */
export function UnitCellGrid({ cells, cellSize = 26, selectedUnit, onSelect, hrefFor, label, atlas }: UnitCellGridProps) {
  if (!(cellSize > 0)) throw new Error(`UnitCellGrid: cellSize must be positive, got ${cellSize}`);
  return (
    <ul
      className="bs-unit-cells"
      aria-label={label}
      style={{
        display: 'grid',
        gridTemplateColumns: `repeat(auto-fill, ${cellSize}px)`,
        gap: 2,
        listStyle: 'none',
        margin: 0,
        padding: 0,
      }}
    >
      {cells.map((cell) => {
        const fill = categoryColor(cell.group);
        const selected = cell.unit === selectedUnit;
        const title = cell.label ?? `unit ${cell.unit}: ${cell.category ?? 'unlabelled'}`;
        const style = {
          width: cellSize,
          height: cellSize,
          display: 'flex',
          alignItems: 'center',
          justifyContent: 'center',
          boxSizing: 'border-box',
          background: fill,
          color: readableInk(fill),
          border: 'none',
          borderRadius: 3,
          outline: selected ? '2px solid #1f2328' : undefined,
          outlineOffset: 1,
          padding: 0,
          font: `${Math.max(8, Math.round(cellSize * 0.36))}px/1 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace`,
          fontVariantNumeric: 'tabular-nums',
          cursor: onSelect || hrefFor ? 'pointer' : 'default',
          textDecoration: 'none',
        } as const;
        return (
          <li
            key={cell.unit}
            data-unit={cell.unit}
            data-category={cell.category}
            data-group={cell.group}
            data-image-state={cell.image === undefined ? undefined : cell.image === null ? 'pending' : 'stored'}
            style={hrefFor ? { position: 'relative' } : undefined}
          >
            {hrefFor ? (
              <>
                <a href={hrefFor(cell.unit)} title={`${title} (open its neuron page)`} style={style}>
                  <CellContent cell={cell} atlas={atlas} />
                </a>
                {onSelect ? (
                  <button
                    type="button"
                    className="bs-unit-select"
                    aria-label={`Select unit ${cell.unit}`}
                    title={`Select unit ${cell.unit}`}
                    aria-pressed={selected}
                    onClick={() => onSelect(cell.unit)}
                    style={{
                      position: 'absolute',
                      top: -3,
                      right: -3,
                      width: 12,
                      height: 12,
                      padding: 0,
                      borderRadius: '50%',
                      border: '1.5px solid #1f2328',
                      background: selected ? '#1f2328' : '#ffffff',
                      cursor: 'pointer',
                    }}
                  />
                ) : null}
              </>
            ) : onSelect ? (
              <button type="button" title={title} aria-label={title} aria-pressed={selected} style={style} onClick={() => onSelect(cell.unit)}>
                <CellContent cell={cell} atlas={atlas} />
              </button>
            ) : (
              <span title={title} style={style}>
                <CellContent cell={cell} atlas={atlas} />
              </span>
            )}
          </li>
        );
      })}
    </ul>
  );
}

/** The cell's number, or its image (a pending tile while not stored) inset in the cell so its fill shows as a frame. */
function CellContent({ cell, atlas }: { cell: UnitCell; atlas?: UnitAtlas }) {
  if (cell.image === undefined) return <>{cell.unit}</>;
  const inset = { display: 'block', width: 'calc(100% - 6px)', height: 'calc(100% - 6px)', borderRadius: 2 } as const;
  if (cell.image === null) {
    return <span className="bs-unit-cell-pending" aria-hidden="true" style={{ ...inset, background: 'repeating-linear-gradient(45deg, #eef0f3 0 5px, #d9dde2 5px 10px)' }} />;
  }
  const index = cell.atlasIndex;
  if (atlas && index !== undefined) {
    // The atlas scaled so one tile fills the inset, shifted to this unit's tile; every cell shares one image request,
    // so it is not lazy: it starts with the page instead of after layout.
    return (
      <span style={{ ...inset, position: 'relative', overflow: 'hidden', background: '#808080' }}>
        {/* eslint-disable-next-line @next/next/no-img-element */}
        <img
          src={atlas.src}
          alt=""
          decoding="async"
          style={{
            position: 'absolute',
            maxWidth: 'none',
            width: `${atlas.columns * 100}%`,
            height: `${atlas.rows * 100}%`,
            left: `${-(index % atlas.columns) * 100}%`,
            top: `${-Math.floor(index / atlas.columns) * 100}%`,
          }}
        />
      </span>
    );
  }
  // eslint-disable-next-line @next/next/no-img-element
  return <img src={cell.image} alt="" loading="lazy" decoding="async" style={{ ...inset, objectFit: 'cover', background: '#808080' }} />;
}
