import type { Graph } from '@branchscope/core';
import type { WeightSource } from '@branchscope/runtime';
import type { OnnxModel } from './onnx-model';
import { onnxToGraph, type OnnxToGraphOptions } from './onnx-to-graph';
import { readOnnx, type ReadOnnxOptions } from './read-onnx';

export interface ImportOnnxOptions extends ReadOnnxOptions, OnnxToGraphOptions {}

export interface ImportedOnnx {
  /** The layer graph: branch finding, |W| factors and buildExecutable work on it as on the built-in architectures. */
  graph: Graph;
  /** The model's initializers, keyed by the graph's layer names. */
  weights: WeightSource;
  /** The validated ONNX model: run it exactly as ONNX defines it with `createOnnxRunner(onnx)`. */
  onnx: OnnxModel;
  /** For each graph layer, the ONNX tensor it stands for. */
  layerTensors: ReadonlyMap<string, string>;
}

/**
 * Imports an ONNX file: `readOnnx` (decode, limits, operator and shape checks) then `onnxToGraph`. Throws only
 * OnnxImportError, whose `code` says what is wrong (TRUNCATED, NOT_ONNX, UNSUPPORTED_OPS, BAD_SHAPE, TOO_LARGE,
 * NOT_CONVERTIBLE, ...) and whose message names the node, tensor or limit.
 */
export function importOnnx(bytes: Uint8Array, options: ImportOnnxOptions = {}): ImportedOnnx {
  const onnx = readOnnx(bytes, options);
  const { graph, weights, layerTensors } = onnxToGraph(onnx, options);
  return { graph, weights, onnx, layerTensors };
}
