import Link from 'next/link';
import { LAYERS } from '../lib/view-scope';

export interface LayerTabsProps {
  current: string;
  /** Kept in every tab's link, so switching layers keeps the label set. */
  labelSetId: string | null;
}

/** One link per layer the article categorised (plus the current one when the URL opened another). */
export function LayerTabs({ current, labelSetId }: LayerTabsProps) {
  const layers: string[] = [...LAYERS];
  if (!layers.includes(current)) layers.push(current);
  const search = labelSetId === null ? '' : `?labelSet=${encodeURIComponent(labelSetId)}`;
  return (
    <nav className="tabs" aria-label="Layers">
      {layers.map((layer) => (
        <Link key={layer} href={`/${layer}${search}`} aria-current={layer === current ? 'page' : undefined}>
          {layer}
        </Link>
      ))}
    </nav>
  );
}
