import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import '@branchscope/ui/base.css';
import './globals.css';

export const metadata: Metadata = {
  title: 'InceptionV1 5x5 · branchscope',
  description: "Branch specialization in InceptionV1's 5x5 branches: units by category, enrichment by chance, labelling.",
};

/** Document shell only: the site header belongs to the `(view)` pages, so `/embed/*` routes stay chrome-free. */
export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>{children}</body>
    </html>
  );
}
