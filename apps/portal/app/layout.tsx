import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import '@branchscope/ui/base.css';
import './globals.css';
import { PortalHeader } from '../components/portal-header';

export const metadata: Metadata = {
  title: 'branchscope',
  description: 'A workbench for studying branch specialization in neural networks.',
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>
        <PortalHeader />
        <main>{children}</main>
      </body>
    </html>
  );
}
