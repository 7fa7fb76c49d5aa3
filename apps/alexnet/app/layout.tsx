import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import './globals.css';

export const metadata: Metadata = {
  title: 'AlexNet · branchscope',
  description: 'Branch specialization in AlexNet: conv1 units laid out by the singular vectors of |W|.',
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>
        <header className="site-header">
          {/* A plain link: "/" belongs to the portal zone, so this is a hard navigation. */}
          <a href="/" className="brand">
            branchscope
          </a>
          <span className="zone">AlexNet</span>
        </header>
        <main>{children}</main>
      </body>
    </html>
  );
}
