import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import '@branchscope/ui/base.css';
import './globals.css';

export const metadata: Metadata = {
  title: 'branchscope',
  description: 'A workbench for studying branch specialization in neural networks.',
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>
        <header className="site-header">
          <a href="/" className="brand">
            branchscope
          </a>
          <nav aria-label="Views">
            {/* Plain <a>, not next/link: /alexnet is another zone, so this must be a full navigation. */}
            <a href="/alexnet">AlexNet</a>
            <a href="/inception">InceptionV1 5x5</a>
            <a href="/resnet">ResNet blocks</a>
          </nav>
        </header>
        <main>{children}</main>
      </body>
    </html>
  );
}
