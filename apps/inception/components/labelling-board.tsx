'use client';

import { LabelUnitMutation, RemoveLabelMutation, describeQueryError, mutate } from '@branchscope/client';
import type { LabelSource } from '@branchscope/client';
import { BranchColumns, CategoryLegend, UnitCellGrid, categoryColor, neuronHref } from '@branchscope/ui';
import type { CategoryLegendEntry, UnitAtlas } from '@branchscope/ui';
import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import type { FormEvent } from 'react';
import { browserClient } from '../lib/browser-client';
import type { LayerColumn } from '../lib/layer-columns';

export interface LabellingBoardProps {
  modelId: string;
  layer: string;
  columns: LayerColumn[];
  /** One PNG of the stored feature images, which cells with an `atlasIndex` are drawn from. */
  atlas?: UnitAtlas;
  legend: CategoryLegendEntry[];
  /** The set's categories in this layer, in colour order. */
  categories: string[];
  /** More categories to offer (the published ones), beyond `categories`. */
  suggestions: string[];
  /** Null when the model has no label set yet: the board is read-only and says how to make one. */
  labelSet: { id: string; name: string; source: LabelSource; author: string } | null;
}

/**
 * The layer's branches as columns of unit cells. Clicking a cell opens its neuron page; its round corner button
 * selects the unit for labelling: in a human label set the panel
 * above the columns gives it a category (or removes it) through the portal's `/graphql`, then refreshes the page's
 * server data, so the cells and the enrichment table update without a reload.
 */
export function LabellingBoard({ modelId, layer, columns, atlas, legend, categories, suggestions, labelSet }: LabellingBoardProps) {
  const router = useRouter();
  const [selected, setSelected] = useState<number | null>(null);
  const [author, setAuthor] = useState(labelSet?.author ?? '');
  const [newCategory, setNewCategory] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const editable = labelSet?.source === 'HUMAN';

  const column = selected === null ? undefined : columns.find((c) => selected >= c.start && selected < c.end);
  const current = column?.cells.find((cell) => cell.unit === selected)?.category;
  const offered = [...categories, ...suggestions.filter((s) => !categories.includes(s))];

  const run = (change: () => Promise<unknown>) => {
    setError(null);
    startTransition(async () => {
      try {
        await change();
        router.refresh();
      } catch (caught) {
        setError(describeQueryError(caught).message);
      }
    });
  };
  const label = (unit: number, category: string) =>
    labelSet && run(() => mutate(browserClient(), LabelUnitMutation, { labelSetId: labelSet.id, layer, unit, category, author: author.trim() || labelSet.author }));
  const remove = (unit: number) => labelSet && run(() => mutate(browserClient(), RemoveLabelMutation, { labelSetId: labelSet.id, layer, unit }));
  const submitNew = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const category = newCategory.trim();
    if (selected === null || category === '') return;
    label(selected, category);
    setNewCategory('');
  };

  return (
    <div className="board" aria-busy={pending}>
      <CategoryLegend entries={legend} label={`Categories in ${layer}`} />
      <section className="unit-panel" aria-label="Selected unit" aria-live="polite">
        {selected === null || column === undefined ? (
          <p className="hint">
            {editable
              ? "Select a unit with its round corner button to give it a category (clicking the unit opens its neuron page)."
              : labelSet === null
                ? 'This model has no label set yet: create one with "New label set" to label its units.'
                : `Select a unit with its round corner button to see its category. This ${labelSet.source.toLowerCase()} set is read-only: create your own label set to label units.`}
          </p>
        ) : (
          <>
            <p className="unit-title">
              <strong>
                {layer} unit {selected}
              </strong>{' '}
              in {column.branch}: <span data-selected-category>{current ?? 'unlabelled'}</span>{' '}
              <a href={neuronHref(modelId, layer, selected)} className="neuron-link" data-neuron-link title="Feature visualization (slow on a CPU), weights, dataset examples">
                open its neuron page
              </a>
            </p>
            {editable ? (
              <div className="label-controls">
                <div className="chips" role="group" aria-label="Label as">
                  {offered.map((category) => {
                    const group = categories.indexOf(category);
                    return (
                      <button
                        key={category}
                        type="button"
                        className="chip"
                        data-category={category}
                        aria-pressed={category === current}
                        disabled={pending}
                        onClick={() => label(selected, category)}
                      >
                        <span className="swatch" aria-hidden="true" style={{ background: group < 0 ? 'transparent' : categoryColor(group) }} />
                        {category}
                      </button>
                    );
                  })}
                  {current === undefined ? null : (
                    <button type="button" className="chip remove" disabled={pending} onClick={() => remove(selected)}>
                      Remove label
                    </button>
                  )}
                </div>
                <form className="new-category" onSubmit={submitNew}>
                  <label>
                    New category <input value={newCategory} onChange={(e) => setNewCategory(e.target.value)} placeholder="e.g. Curve" />
                  </label>
                  <label>
                    as <input value={author} onChange={(e) => setAuthor(e.target.value)} size={10} aria-label="Author" />
                  </label>
                  <button type="submit" disabled={pending || newCategory.trim() === ''}>
                    Label
                  </button>
                </form>
              </div>
            ) : null}
          </>
        )}
        {pending ? <p className="saving">Saving and recomputing…</p> : null}
        {error ? (
          <p className="bs-error-message" role="alert">
            {error}
          </p>
        ) : null}
      </section>
      <BranchColumns
        label={`Branches of ${layer}`}
        branches={columns.map((c) => ({
          index: c.index,
          title: c.title,
          summary: `units ${c.start}–${c.end - 1} · ${c.end - c.start} units · ${c.labelled} labelled`,
          children: (
            <UnitCellGrid
              cells={c.cells}
              atlas={atlas}
              cellSize={c.cells.some((cell) => cell.image !== undefined) ? 40 : undefined}
              label={`${c.branch} units`}
              selectedUnit={selected ?? undefined}
              onSelect={(unit) => setSelected(unit)}
              hrefFor={(unit) => neuronHref(modelId, layer, unit)}
            />
          ),
        }))}
      />
    </div>
  );
}
