import type { ReactNode } from 'react';

/** The portal's chrome around the full view. */
export default function ViewLayout({ children }: { children: ReactNode }) {
  return (
    <>
      <header className="site-header">
        {/* A plain link: "/" belongs to the portal zone, so this is a hard navigation. */}
        <a href="/" className="brand">
          branchscope
        </a>
        <span className="zone">AlexNet</span>
      </header>
      <main>{children}</main>
    </>
  );
}
