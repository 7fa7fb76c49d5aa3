import type { ViewKind } from '@branchscope/client';

/** A link to one view of one model. */
export interface ViewLink {
  view: ViewKind;
  label: string;
  href: string;
}

const VIEWS: Readonly<Record<ViewKind, { label: string; path: string }>> = {
  ALEXNET: { label: 'AlexNet view', path: '/alexnet' },
  INCEPTION: { label: 'Inception view', path: '/inception' },
  RESNET: { label: 'ResNet view', path: '/resnet' },
};

/** One link per view the API says can show the model, each zone's URL naming it with `?model=`. */
export function viewLinks(modelId: string, views: readonly ViewKind[]): ViewLink[] {
  return views.map((view) => ({ view, label: VIEWS[view].label, href: `${VIEWS[view].path}?model=${encodeURIComponent(modelId)}` }));
}
