import type { ReactNode } from 'react';

/** One quiet line under an embedded figure: what it shows, and a link to the full view in a new tab. */
export function EmbedCaption({ modelId, children }: { modelId: string; children: ReactNode }) {
  return (
    <p className="embed-caption">
      {children} ·{' '}
      <a href={`/alexnet?model=${encodeURIComponent(modelId)}`} target="_blank" rel="noopener">
        branchscope
      </a>
    </p>
  );
}
