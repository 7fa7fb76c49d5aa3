import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import '@branchscope/ui/base.css';
import './globals.css';

export const metadata: Metadata = {
  title: 'branchscope',
  description: 'A workbench for studying branch specialization in neural networks.',
};

/** The document only: the portal's chrome lives in `(site)/layout.tsx`, so the embed routes have none. */
export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>{children}</body>
    </html>
  );
}
