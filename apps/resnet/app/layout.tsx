import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import '@branchscope/ui/base.css';
import './globals.css';

export const metadata: Metadata = {
  title: 'ResNet blocks · branchscope',
  description: 'Residual blocks drawn as parallel branches beside the residual stream, with their units.',
};

/** Document shell only: the site header belongs to the `(view)` pages, so `/embed/*` routes stay chrome-free. */
export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>{children}</body>
    </html>
  );
}
