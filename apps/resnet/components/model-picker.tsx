import type { ModelSummary } from '@branchscope/client';
import Link from 'next/link';

export interface ModelPickerProps {
  models: ModelSummary[];
  current: string;
}

/** One link per ResNet model in the catalogue; the choice lives in the URL (`?model=`). */
export function ModelPicker({ models, current }: ModelPickerProps) {
  return (
    <nav className="tabs" aria-label="Models">
      {models.map((m) => (
        <Link key={m.id} href={`/?model=${encodeURIComponent(m.id)}`} aria-current={m.id === current ? 'page' : undefined} title={m.name}>
          {m.id}
        </Link>
      ))}
    </nav>
  );
}
