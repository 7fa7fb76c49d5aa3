import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import '@branchscope/ui/base.css';
import '@branchscope/ui/components.css';
import './globals.css';

export const metadata: Metadata = {
  title: 'AlexNet · branchscope',
  description: "Branch specialization in AlexNet: conv2's two branches, their conv1 filters and feature images.",
};

/** The document only: the view's chrome lives in `(view)/layout.tsx`, so the embed routes have none. */
export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>{children}</body>
    </html>
  );
}
