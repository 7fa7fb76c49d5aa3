import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { EMBED_ROBOTS, EmbedFrame } from '@branchscope/ui';

export const metadata: Metadata = { robots: EMBED_ROBOTS };

/** Embeds have no header or navigation: one figure that fills the iframe's width. */
export default function EmbedLayout({ children }: { children: ReactNode }) {
  return <EmbedFrame>{children}</EmbedFrame>;
}
