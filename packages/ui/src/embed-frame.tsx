import type { ReactNode } from 'react';

/**
 * Search engines should not index embeds (the full view is the page to find): spread into a Next.js layout's
 * `metadata` as `robots`.
 */
export const EMBED_ROBOTS = { index: false, follow: false } as const;

export interface EmbedFrameProps {
  children: ReactNode;
}

/**
 * The body of every `/<zone>/embed/*` route: no header, navigation or forms, one figure that fills the `<iframe>`'s
 * width. Embeds are read-only: what they show is fixed by the URL.
 */
export function EmbedFrame({ children }: EmbedFrameProps) {
  return (
    <main className="embed" data-embed="">
      {children}
    </main>
  );
}
