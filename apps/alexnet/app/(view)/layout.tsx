import { SiteHeader } from '@branchscope/ui';
import type { ReactNode } from 'react';

/** The portal's chrome around the full view. */
export default function ViewLayout({ children }: { children: ReactNode }) {
  return (
    <>
      <SiteHeader current="alexnet" />
      <main>{children}</main>
    </>
  );
}
