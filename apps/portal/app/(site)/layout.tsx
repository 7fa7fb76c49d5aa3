import type { ReactNode } from 'react';
import { PortalHeader } from '../../components/portal-header';

/** The portal's chrome (the shared header) around its full pages. */
export default function SiteLayout({ children }: { children: ReactNode }) {
  return (
    <>
      <PortalHeader />
      <main>{children}</main>
    </>
  );
}
