import type { ReactNode } from 'react';
import { groupColor } from './group-color';

export interface BranchColumn {
  /** Branch index: sets `data-branch` and the swatch colour (the same palette as `UnitScatter`'s groups). */
  index: number;
  title: string;
  /** One line under the title, e.g. the unit range and the median colour index. */
  summary?: ReactNode;
  children: ReactNode;
}

export interface BranchColumnsProps {
  branches: BranchColumn[];
  /** Accessible name of the whole set. */
  label?: string;
}

/**
 * Branches side by side in equal columns, each a `<section data-branch>` with a header (swatch, title, summary
 * line) above its content. The columns shrink with the container rather than wrap, so branches stay comparable.
 */
export function BranchColumns({ branches, label }: BranchColumnsProps) {
  return (
    <div
      className="bs-branch-columns"
      role="group"
      aria-label={label}
      style={{ display: 'grid', gridTemplateColumns: `repeat(${Math.max(1, branches.length)}, minmax(0, 1fr))`, gap: '1.25rem' }}
    >
      {branches.map((branch) => (
        <section key={branch.index} className="bs-branch" data-branch={branch.index} aria-label={branch.title} style={{ minWidth: 0 }}>
          <header className="bs-branch-header">
            <h3 style={{ display: 'flex', alignItems: 'center', gap: '0.4rem', margin: '0 0 0.15rem' }}>
              <span
                aria-hidden="true"
                style={{ width: 10, height: 10, borderRadius: '50%', background: groupColor(branch.index), flex: 'none' }}
              />
              {branch.title}
            </h3>
            {branch.summary === undefined ? null : <p className="bs-branch-summary">{branch.summary}</p>}
          </header>
          {branch.children}
        </section>
      ))}
    </div>
  );
}
