import type { Graph } from '@branchscope/core';
import { contentKey, type ResultKey } from '@branchscope/store';
import type { StoredDescriptor } from './render-features';

/**
 * The `weight-images` job: every filter of a first conv layer as a PNG (each scaled symmetrically around
 * mid-grey) with its descriptors from the weights, one artifact per unit under {@link weightImageKey}.
 * Pure arithmetic on the weights, so the key holds no backend.
 */
export const WEIGHT_IMAGES_JOB = 'weight-images';

/** Artifact kind of one filter image. */
export const WEIGHT_IMAGE_ARTIFACT = 'weight-image';

export interface WeightImagesInput {
  modelId: string;
  layer: string;
}

/** Metadata stored with each weight-image artifact. */
export interface WeightImageMeta {
  modelId: string;
  modelDigest: string;
  layer: string;
  unit: number;
  /** Kernel height and width, and the filter's input channels. */
  height: number;
  width: number;
  channels: number;
  /**
   * Which of those channels the PNG shows, and how (core's `channelsShown`, e.g. `0-2 of 4`); the colour index is
   * measured on those. Absent from images stored before it was recorded.
   */
  channelsShown?: string;
  descriptor: StoredDescriptor;
}

/**
 * Bumped when weight images are drawn differently; 2: channels beyond the third are left out rather than put into
 * the PNG's alpha, and two channels are drawn as grey panels. Weight images are cheap, so all are drawn again.
 */
export const WEIGHT_IMAGE_VERSION = 2;

/** The content key of one unit's weight image. */
export function weightImageKey(modelDigest: string, layer: string, unit: number): ResultKey {
  return contentKey(WEIGHT_IMAGE_ARTIFACT, modelDigest, { layer, unit, version: WEIGHT_IMAGE_VERSION });
}

/** The dedupe key of a weight-images job for one layer. */
export function weightImagesDedupeKey(modelDigest: string, layer: string): ResultKey {
  return contentKey(WEIGHT_IMAGES_JOB, modelDigest, { layer });
}

/**
 * Whether `layer` is a first conv layer: a conv that reaches the graph input without passing another conv, so
 * its filters are images in the input's channels.
 */
export function isFirstConv(graph: Graph, layer: string): boolean {
  const byName = new Map(graph.nodes.map((node) => [node.name, node]));
  const node = byName.get(layer);
  if (node?.op !== 'conv') return false;
  const stack = [...node.inputs];
  const seen = new Set<string>();
  while (stack.length > 0) {
    const name = stack.pop()!;
    if (seen.has(name)) continue;
    seen.add(name);
    const upstream = byName.get(name);
    if (!upstream) continue;
    if (upstream.op === 'conv' || upstream.op === 'dense') return false;
    stack.push(...upstream.inputs);
  }
  return true;
}
