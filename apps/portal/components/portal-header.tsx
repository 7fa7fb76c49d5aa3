'use client';

import { SiteHeader } from '@branchscope/ui';
import type { SiteSectionId } from '@branchscope/ui';
import { usePathname } from 'next/navigation';

/** The site header with the portal page showing now (models, jobs or import) marked as current. */
export function PortalHeader() {
  return <SiteHeader current={portalSection(usePathname())} />;
}

function portalSection(pathname: string | null): SiteSectionId | undefined {
  if (pathname === '/' || pathname === null) return 'models';
  if (pathname.startsWith('/jobs')) return 'jobs';
  if (pathname.startsWith('/import')) return 'import';
  return undefined;
}
