/** A place the site header links to: the portal's pages and each zone's entry. */
export interface SiteSection {
  /** Stable id, the value of `SiteHeader`'s `current` and of the link's `data-section`. */
  id: SiteSectionId;
  label: string;
  /** A path at the portal's origin; every link is a full navigation, since each zone is another app. */
  href: string;
}

export type SiteSectionId = 'models' | 'alexnet' | 'inception' | 'resnet' | 'jobs' | 'import';

/** The portal and every zone, in the order the header lists them. */
export const SITE_SECTIONS: readonly SiteSection[] = [
  { id: 'models', label: 'Models', href: '/' },
  { id: 'alexnet', label: 'AlexNet', href: '/alexnet' },
  { id: 'inception', label: 'InceptionV1 5x5', href: '/inception' },
  { id: 'resnet', label: 'ResNet blocks', href: '/resnet' },
  { id: 'jobs', label: 'Jobs', href: '/jobs' },
  { id: 'import', label: 'Import', href: '/import' },
];
