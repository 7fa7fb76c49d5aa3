import type { Graph } from '@branchscope/core';
import type { WeightSource } from '@branchscope/runtime';
import { decodeGraphDef } from './graphdef-proto';
import { graphDefNodes } from './graphdef-nodes';
import { graphDefToGraph, type GraphDefToGraphOptions } from './graphdef-to-graph';
import { layerNames, renameLayers } from './layer-names';

export type ImportGraphDefOptions = GraphDefToGraphOptions;

export interface ImportedGraphDef {
  /** The layer graph, named as Lucid's layers are (`mixed3a_5x5`, `mixed3a`): see `layer-names.ts`. */
  graph: Graph;
  /** The Const tensors, converted (HWIO -> OIHW, BiasAdd folded into the conv or dense bias), by layer name. */
  weights: WeightSource;
  /** For each graph layer, the TensorFlow node it stands for (`mixed3a_5x5` -> `mixed3a_5x5_pre_relu/conv`). */
  layerNodes: ReadonlyMap<string, string>;
  /** The TensorFlow node imported as the output (e.g. `output2`, or `softmax2`). */
  output: string;
}

/**
 * Imports a frozen TensorFlow GraphDef (`.pb`: weights in Const nodes, NHWC), such as Lucid's InceptionV1: decodes it
 * with the committed schema, converts the output's data path with the TF.js graph-model op converter (plus LRN and
 * the old Concat), folds BiasAdd into conv and dense biases, and names layers as Lucid does. Throws only
 * GraphDefImportError, whose `code` says what is wrong (NOT_GRAPHDEF, TRUNCATED, UNSUPPORTED_OPS with every op type,
 * its count and first node, ...) and whose message names the node and op.
 */
export function importGraphDef(bytes: Uint8Array, options: ImportGraphDefOptions = {}): ImportedGraphDef {
  const converted = graphDefToGraph(graphDefNodes(decodeGraphDef(bytes)), options);
  const names = layerNames(converted.graph);
  const { graph, weights } = renameLayers(converted.graph, converted.weights, names);
  const layerNodes = new Map([...names].map(([tf, layer]) => [layer, tf]));
  return { graph, weights, layerNodes, output: converted.output };
}
