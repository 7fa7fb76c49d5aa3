import { TabStrip } from '@branchscope/ui';
import Link from 'next/link';
import { layerPath, withModel } from '../lib/model-href';

export interface LayerTabsProps {
  /** The layers to offer, in network order (the current one is added when the URL opened another). */
  layers: readonly string[];
  current: string;
  /** Kept in every tab's link, so switching layers keeps the label set. */
  labelSetId: string | null;
  /** Kept in every tab's link, so switching layers keeps the model. */
  modelId: string;
}

/** One tab per layer (the article's three for InceptionV1, every Concat output for other models), moving within the zone. */
export function LayerTabs({ layers: offered, current, labelSetId, modelId }: LayerTabsProps) {
  const layers: string[] = [...offered];
  if (!layers.includes(current)) layers.push(current);
  const search = labelSetId === null ? '' : `?labelSet=${encodeURIComponent(labelSetId)}`;
  const tabs = layers.map((layer) => ({ key: layer, label: layer, href: withModel(`${layerPath(layer)}${search}`, modelId) }));
  return <TabStrip label="Layers" tabs={tabs} current={current} link={Link} />;
}
