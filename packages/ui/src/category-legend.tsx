import { categoryColor } from './category-color';

export interface CategoryLegendEntry {
  name: string;
  /** Category index (its colour); none for the unlabelled entry. */
  group?: number;
  count: number;
}

export interface CategoryLegendProps {
  entries: CategoryLegendEntry[];
  /** Accessible name of the legend. */
  label?: string;
}

/** Category swatches with names and unit counts, in a wrapping row: one `<li data-category data-count>` each. */
export function CategoryLegend({ entries, label = 'Categories' }: CategoryLegendProps) {
  return (
    <ul
      className="bs-category-legend"
      aria-label={label}
      style={{ display: 'flex', flexWrap: 'wrap', gap: '0.25rem 1rem', listStyle: 'none', margin: 0, padding: 0 }}
    >
      {entries.map((entry) => (
        <li
          key={entry.name}
          data-category={entry.name}
          data-count={entry.count}
          style={{ display: 'flex', alignItems: 'center', gap: '0.35rem' }}
        >
          <span
            aria-hidden="true"
            style={{
              width: 12,
              height: 12,
              borderRadius: 2,
              background: categoryColor(entry.group),
              boxShadow: 'inset 0 0 0 1px rgba(0, 0, 0, 0.15)',
              flex: 'none',
            }}
          />
          <span>
            {entry.name} <span style={{ fontVariantNumeric: 'tabular-nums', opacity: 0.7 }}>({entry.count})</span>
          </span>
        </li>
      ))}
    </ul>
  );
}
