import { DEFAULT_MODEL_ID } from './view-scope';

/** `href` with the `model` search parameter added, unless `modelId` is the default model, whose URLs stay plain. */
export function withModel(href: string, modelId: string): string {
  if (modelId === DEFAULT_MODEL_ID) return href;
  return `${href}${href.includes('?') ? '&' : '?'}model=${encodeURIComponent(modelId)}`;
}

/** The zone path of a layer's page, the name as one segment (GoogLeNet's `inception_3a/output` is encoded). */
export function layerPath(layer: string): string {
  return `/${encodeURIComponent(layer)}`;
}

/** A layer name from its URL segment, decoded once whether or not the router already decoded it. */
export function layerFromSegment(segment: string): string {
  if (!segment.includes('%')) return segment;
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
