import type { ComponentType, ReactNode } from 'react';

export interface Tab {
  /** Stable id, the link's `data-tab`. */
  key: string;
  label: ReactNode;
  href: string;
  /** Hover text, e.g. a model's full name beside its id. */
  title?: string;
}

/** What the strip draws each tab with: a plain `<a>` by default, or an app's router link (Next.js `Link`). */
export type TabLink = ComponentType<{ href: string; className?: string; title?: string; 'aria-current'?: 'page'; 'data-tab'?: string; children?: ReactNode }>;

export interface TabStripProps {
  /** The navigation's accessible name, e.g. "Layers". */
  label: string;
  tabs: readonly Tab[];
  /** The key of the tab showing now (`aria-current="page"`). */
  current: string;
  link?: TabLink;
}

/** One row of links, one per choice, the current one drawn as the open tab: a `<nav class="bs-tabs">`. */
export function TabStrip({ label, tabs, current, link }: TabStripProps) {
  const Link: TabLink | 'a' = link ?? 'a';
  return (
    <nav className="bs-tabs" aria-label={label}>
      {tabs.map((tab) => (
        <Link key={tab.key} href={tab.href} title={tab.title} data-tab={tab.key} aria-current={tab.key === current ? 'page' : undefined}>
          {tab.label}
        </Link>
      ))}
    </nav>
  );
}
