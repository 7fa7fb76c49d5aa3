import path from 'node:path';
import type { Graph } from '@branchscope/core';
import type { WeightSource } from '@branchscope/runtime';
import type { TfjsImportOptions } from './convert-options';
import { convertGraphModel } from './graph-model';
import { convertLayersModel } from './layers-model';
import { readTfjsFolder, type TfjsFormat } from './read-tfjs-folder';

/** A TF.js model converted to branchscope's graph (NCHW / OIHW) with its weights. */
export interface TfjsImport {
  graph: Graph;
  weights: WeightSource;
  format: TfjsFormat;
}

/**
 * Imports a TensorFlow.js model saved in `dir` (model.json plus the weight shards its manifest lists): a
 * layers model (Keras JSON) or a graph model (TF GraphDef JSON). Kernels go from HWIO to OIHW, dense
 * weights after a channels-last Flatten are reordered for the graph's NCHW flatten, SAME / VALID padding
 * and ZeroPadding2D become explicit pads. All weights are read and converted before it returns, so the
 * result is complete or the call throws a `TfjsImportError` (code and message naming the file, layer or op).
 */
export async function importTfjsFolder(dir: string, options: TfjsImportOptions = {}): Promise<TfjsImport> {
  const folder = await readTfjsFolder(dir);
  const converted =
    folder.format === 'layers-model' ? convertLayersModel(folder, options) : convertGraphModel(folder, path.basename(path.resolve(dir)), options);
  return { ...converted, format: folder.format };
}
