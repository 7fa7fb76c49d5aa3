'use client';

import { CreateLabelSetMutation, describeQueryError, mutate } from '@branchscope/client';
import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import type { FormEvent } from 'react';
import { browserClient } from '../lib/browser-client';
import { layerPath, withModel } from '../lib/model-href';

export interface NewLabelSetFormProps {
  modelId: string;
  layer: string;
}

/** Creates an empty human label set (name and author) through the portal's `/graphql`, then opens it. */
export function NewLabelSetForm({ modelId, layer }: NewLabelSetFormProps) {
  const router = useRouter();
  const [name, setName] = useState('');
  const [author, setAuthor] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setError(null);
    startTransition(async () => {
      try {
        const { createLabelSet } = await mutate(browserClient(), CreateLabelSetMutation, { modelId, name: name.trim(), author: author.trim() });
        router.push(withModel(`${layerPath(layer)}?labelSet=${encodeURIComponent(createLabelSet.id)}`, modelId));
      } catch (caught) {
        setError(describeQueryError(caught).message);
      }
    });
  };

  return (
    <details className="new-set">
      <summary>New label set</summary>
      <form onSubmit={submit} aria-label="New label set">
        <label>
          Name <input name="name" required value={name} onChange={(e) => setName(e.target.value)} placeholder="e.g. 5x5 colour pass" />
        </label>
        <label>
          Author <input name="author" required value={author} onChange={(e) => setAuthor(e.target.value)} placeholder="your name" />
        </label>
        <button type="submit" disabled={pending || name.trim() === '' || author.trim() === ''}>
          {pending ? 'Creating…' : 'Create'}
        </button>
        {error ? (
          <p className="bs-error-message" role="alert">
            {error}
          </p>
        ) : null}
      </form>
    </details>
  );
}
