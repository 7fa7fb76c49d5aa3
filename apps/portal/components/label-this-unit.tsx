'use client';

import { LabelUnitMutation, describeQueryError, mutate } from '@branchscope/client';
import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import type { FormEvent } from 'react';
import { browserClient } from '../lib/browser-client';

export interface LabelThisUnitProps {
  layer: string;
  unit: number;
  /** The model's human label sets (the ones a person may write to), oldest first. */
  labelSets: { id: string; name: string; author: string }[];
  /** Categories to offer, those of the model's label sets. */
  categories: string[];
}

/** "Label this unit": a category in one of the model's human label sets, through the existing `labelUnit` mutation. */
export function LabelThisUnit({ layer, unit, labelSets, categories }: LabelThisUnitProps) {
  const router = useRouter();
  const [setId, setSetId] = useState(labelSets[0]?.id ?? '');
  const [category, setCategory] = useState('');
  const [author, setAuthor] = useState(labelSets[0]?.author ?? '');
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  if (labelSets.length === 0) {
    return <p className="caption">This model has no human label set yet: create one in the InceptionV1 view (&quot;New label set&quot;) to label its units.</p>;
  }
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const chosen = category.trim();
    if (chosen === '') return;
    setError(null);
    startTransition(async () => {
      try {
        await mutate(browserClient(), LabelUnitMutation, { labelSetId: setId, layer, unit, category: chosen, author: author.trim() || 'anonymous' });
        setSaved(chosen);
        router.refresh();
      } catch (caught) {
        setError(describeQueryError(caught).message);
      }
    });
  };
  return (
    <form className="label-this-unit" onSubmit={submit} aria-busy={pending}>
      <label>
        Label set{' '}
        <select value={setId} onChange={(e) => setSetId(e.target.value)}>
          {labelSets.map((s) => (
            <option key={s.id} value={s.id}>
              {s.name}
            </option>
          ))}
        </select>
      </label>{' '}
      <label>
        Category <input value={category} onChange={(e) => setCategory(e.target.value)} list="neuron-categories" placeholder="e.g. Curve" />
      </label>
      <datalist id="neuron-categories">
        {categories.map((c) => (
          <option key={c} value={c} />
        ))}
      </datalist>{' '}
      <label>
        as <input value={author} onChange={(e) => setAuthor(e.target.value)} size={10} />
      </label>{' '}
      <button type="submit" disabled={pending || category.trim() === ''}>
        Label this unit
      </button>
      {saved && !pending ? <span className="caption"> Saved: {saved}.</span> : null}
      {error ? (
        <p className="bs-error-message" role="alert">
          {error}
        </p>
      ) : null}
    </form>
  );
}
