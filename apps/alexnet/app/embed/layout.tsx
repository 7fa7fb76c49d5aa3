import type { Metadata } from 'next';
import type { ReactNode } from 'react';

export const metadata: Metadata = { robots: { index: false } };

/** Embeds have no header or navigation: one figure that fills the iframe's width. */
export default function EmbedLayout({ children }: { children: ReactNode }) {
  return <div className="embed">{children}</div>;
}
