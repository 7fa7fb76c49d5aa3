'use client';

import type { LabelSetSummary } from '@branchscope/client';
import { useRouter } from 'next/navigation';
import { useTransition } from 'react';
import { layerPath, withModel } from '../lib/model-href';

export interface LabelSetPickerProps {
  modelId: string;
  layer: string;
  labelSets: LabelSetSummary[];
  selectedId: string;
}

/** Chooses the label set that colours the cells and feeds the enrichment table; the choice lives in the URL. */
export function LabelSetPicker({ modelId, layer, labelSets, selectedId }: LabelSetPickerProps) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  return (
    <label className="picker">
      Label set{' '}
      <select
        value={selectedId}
        disabled={pending}
        onChange={(event) => {
          const id = event.target.value;
          startTransition(() => router.push(withModel(`${layerPath(layer)}?labelSet=${encodeURIComponent(id)}`, modelId)));
        }}
      >
        {labelSets.map((set) => (
          <option key={set.id} value={set.id}>
            {set.name} · {set.source.toLowerCase()} · {set.labelCount} label{set.labelCount === 1 ? '' : 's'}
          </option>
        ))}
      </select>
    </label>
  );
}
