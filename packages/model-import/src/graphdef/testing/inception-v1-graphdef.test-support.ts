import { inceptionV1Graph, type Graph } from '@branchscope/core';
import { fillNormal } from '@branchscope/runtime';
import { seededWeights } from '@branchscope/runtime';
import type { WeightSource } from '@branchscope/runtime';
import { encodeGraphDef } from '../graphdef-proto';
import { op, type NodeObject } from './graphdef-builders.test-support';
import { graphDefTwinNodes, type GraphDefTwinOptions } from './graphdef-twin.test-support';

/**
 * An auxiliary classifier as Lucid's InceptionV1 has two (head0 after mixed4a, head1 after mixed4d): avg pool 5x5/3,
 * 1x1 bottleneck, flatten, nn, softmax over 1008 classes. Shrunk (8-wide bottleneck, 16-wide nn) to keep the twin
 * small: the importer drops both heads, so only their presence matters.
 */
function auxHead(k: number, from: string, [c, h, w]: [number, number, number]): Graph {
  const side = Math.floor((h - 5) / 3) + 1;
  const pool = { kernel: [5, 5] as [number, number], strides: [3, 3] as [number, number], pads: [0, 0, 0, 0] as [number, number, number, number], ceilMode: false };
  const conv = { kernel: [1, 1] as [number, number], strides: [1, 1] as [number, number], pads: [0, 0, 0, 0] as [number, number, number, number], dilations: [1, 1] as [number, number], group: 1, bias: true };
  return {
    name: `head${k}`,
    inputShape: [c, h, w],
    inputRange: [0, 1],
    output: `softmax${k}`,
    nodes: [
      { name: from, op: 'input', inputs: [], channels: c },
      { name: `head${k}_pool`, op: 'avgpool', inputs: [from], channels: c, pool },
      { name: `head${k}_bottleneck`, op: 'conv', inputs: [`head${k}_pool`], channels: 8, conv },
      { name: `head${k}_bottleneck_relu`, op: 'relu', inputs: [`head${k}_bottleneck`], channels: 8 },
      { name: `head${k}_bottleneck_relu_flatten`, op: 'flatten', inputs: [`head${k}_bottleneck_relu`], channels: 8 * side * side },
      { name: `nn${k}_pre_relu`, op: 'dense', inputs: [`head${k}_bottleneck_relu_flatten`], channels: 16 },
      { name: `nn${k}`, op: 'relu', inputs: [`nn${k}_pre_relu`], channels: 16 },
      { name: `softmax${k}_pre_activation`, op: 'dense', inputs: [`nn${k}`], channels: 1008 },
      { name: `softmax${k}`, op: 'softmax', inputs: [`softmax${k}_pre_activation`], channels: 1008 },
    ],
  };
}

export interface InceptionV1GraphDef {
  bytes: Uint8Array;
  /** Core's built-in InceptionV1 and the seeded weights the file holds. */
  graph: Graph;
  weights: WeightSource;
  nodes: NodeObject[];
}

/**
 * A twin of Lucid's InceptionV1 frozen GraphDef (`InceptionV1.pb`, from inception5h's tensorflow_inception_graph.pb),
 * generated from core's built-in `inceptionv1` with seeded He-normal weights (and, since seeded biases are zero,
 * seeded biases too, so BiasAdd folding is checked): Placeholder `input` with no declared shape, `conv2d0_pre_relu/conv`,
 * `mixed3a_5x5_bottleneck_pre_relu/conv`, ..., ConcatV2 `mixed3a`, LRN, MaxPool, AvgPool `avgpool0`, Reshape, MatMul,
 * Softmax `softmax2`, two (shrunk) auxiliary heads and Identity outputs `output`, `output1`, `output2`. About 28 MB.
 */
export function inceptionV1GraphDef(seed = 5, options: Pick<GraphDefTwinOptions, 'concat' | 'declareInputShape'> = {}): InceptionV1GraphDef {
  const graph = inceptionV1Graph();
  const weights = withSeededBiases(seededWeights(graph, seed), seed);
  const main = graphDefTwinNodes(graph, weights, options);
  const nodes = [...main.nodes];
  const shapes: Record<string, [number, number, number]> = { mixed4a: [508, 14, 14], mixed4d: [528, 14, 14] };
  ['mixed4a', 'mixed4d'].forEach((from, k) => {
    const head = auxHead(k, from, shapes[from]!);
    const twin = graphDefTwinNodes(head, seededWeights(head, seed), { inputFrom: from });
    nodes.push(...twin.nodes, op(k === 0 ? 'output' : 'output1', 'Identity', [twin.output]));
  });
  nodes.push(op('output2', 'Identity', [main.output]));
  return { bytes: encodeGraphDef({ node: nodes, versions: { producer: 27 } }), graph, weights, nodes };
}

/** `weights` with small seeded biases (N(0, 0.05²)), so that a bias lost or misplaced changes the outputs. */
function withSeededBiases(weights: WeightSource, seed: number): WeightSource {
  const cache = new Map<string, Float32Array>();
  const bias = (key: string, n: number): Float32Array => {
    if (!cache.has(key)) cache.set(key, fillNormal(new Float32Array(n), `${seed}/bias/${key}`, 0.05));
    return cache.get(key)!;
  };
  return {
    conv: (layer) => weights.conv(layer),
    dense: (layer) => weights.dense(layer),
    batchnorm: (layer) => weights.batchnorm(layer),
    convBias: (layer) => bias(`conv:${layer}`, weights.convBias(layer).length),
    denseBias: (layer) => bias(`dense:${layer}`, weights.denseBias(layer).length),
  };
}
