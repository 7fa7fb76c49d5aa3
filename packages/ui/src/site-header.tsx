import { SITE_SECTIONS } from './site-sections';
import type { SiteSectionId } from './site-sections';

export interface SiteHeaderProps {
  /** The section this page belongs to, marked `aria-current="page"`; none on pages outside every section. */
  current?: SiteSectionId;
}

/**
 * The one header of every zone and the portal: the brand and a "Views" navigation across the portal's pages and
 * every zone. Plain `<a>` links, never a framework's client-side link: each zone is another Next.js app, so moving
 * between them is a full navigation.
 */
export function SiteHeader({ current }: SiteHeaderProps) {
  return (
    <header className="site-header">
      <a href="/" className="brand">
        branchscope
      </a>
      <nav aria-label="Views" className="bs-site-nav">
        {SITE_SECTIONS.map((section) => (
          <a key={section.id} href={section.href} data-section={section.id} aria-current={section.id === current ? 'page' : undefined}>
            {section.label}
          </a>
        ))}
      </nav>
    </header>
  );
}
