import { SiteHeader } from '@branchscope/ui';
import type { ReactNode } from 'react';

export default function ViewLayout({ children }: { children: ReactNode }) {
  return (
    <>
      <SiteHeader current="inception" />
      <main>{children}</main>
    </>
  );
}
