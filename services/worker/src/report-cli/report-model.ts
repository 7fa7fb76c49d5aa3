import { storeJobData } from '@branchscope/jobs';
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { builtinArchitectures, sniffModelBytes, unsupportedFormatMessage, validateGraph, type Graph, type WeightsOrigin } from '@branchscope/core';
import { importGraphDef, importTfjsFolder, onnxToGraph, readOnnxFile } from '@branchscope/model-import';
import { seededWeights, type WeightSource } from '@branchscope/runtime';
import { connectStore, getModel, listModels } from '@branchscope/store';
import { checkpointWeightsSync } from '@branchscope/training';
import { loadModelWeights } from '../load-model-weights';
import { weightsOriginOf } from '../handlers/specialization-report-handler';

/** A model ready for the report: its graph, its weights, and what they are. */
export interface ReportModel {
  id: string;
  name: string;
  graph: Graph;
  weights: WeightSource;
  origin: WeightsOrigin;
  detail: string;
}

const REPO_ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
const DEMO_DIR = path.join(REPO_ROOT, 'packages/training/demo-models');
/** The seed the API gives the built-in architectures (services/api's BUILTIN_WEIGHT_SEED), so both report alike. */
const BUILTIN_SEED = 1;

async function fromFile(file: string): Promise<ReportModel> {
  const name = path.basename(file);
  if (statSync(file).isDirectory()) {
    if (!existsSync(path.join(file, 'model.json'))) throw new Error(`'${file}' is a folder without a model.json: not a TensorFlow.js model`);
    const { graph, weights } = await importTfjsFolder(file, { name });
    return { id: name, name, graph, weights, origin: 'imported', detail: `TF.js folder ${name}` };
  }
  const head = readFileSync(file).subarray(0, 1 << 16);
  const sniffed = sniffModelBytes(head);
  if (sniffed.format === 'tf-graphdef' || file.endsWith('.pb')) {
    const bytes = readFileSync(file);
    const { graph, weights } = importGraphDef(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength), { name });
    return { id: name, name, graph, weights, origin: 'imported', detail: `GraphDef file ${name}` };
  }
  if (sniffed.format !== 'onnx' && sniffed.format !== 'unknown') throw new Error(unsupportedFormatMessage(sniffed.format, name, sniffed.evidence));
  const read = await readOnnxFile(file);
  const { graph, weights } = onnxToGraph(read.model, { name });
  return { id: name, name, graph, weights, origin: 'imported', detail: `ONNX file ${name}, sha256 ${read.sha256.slice(0, 12)}…` };
}

function demoModel(id: string): ReportModel | null {
  const index = path.join(DEMO_DIR, 'index.json');
  if (!existsSync(index)) return null;
  const entry = (JSON.parse(readFileSync(index, 'utf8')) as { id: string; name: string; dir: string }[]).find((e) => e.id === id);
  if (!entry) return null;
  const folder = path.join(DEMO_DIR, entry.dir);
  const graph = JSON.parse(readFileSync(path.join(folder, 'graph.json'), 'utf8')) as Graph;
  validateGraph(graph);
  return { id, name: entry.name, graph, weights: checkpointWeightsSync(folder), origin: 'trained-here', detail: `checkpoint ${path.relative(REPO_ROOT, folder)}` };
}

async function storedModel(id: string, dbPath: string): Promise<ReportModel | null | string[]> {
  if (!dbPath.startsWith('postgres') && !existsSync(dbPath)) return null;
  const store = await connectStore(dbPath);
  try {
    const model = await getModel(store, id);
    if (!model) return (await listModels(store)).map((m) => m.id);
    const { origin, detail } = weightsOriginOf(model);
    return { id, name: model.name, graph: model.graph, weights: await loadModelWeights(storeJobData(store).reads, model), origin, detail };
  } finally {
    await store.close();
  }
}

/**
 * The model `spec` names: a model file or folder (imported here as `importModel` would), a built-in architecture id
 * (seeded random weights, seed 1 as in the API), a committed demo model id, or a model stored in `dbPath` (an
 * imported one). Throws naming the spec and the ids it knows when it is none of these.
 */
export async function resolveReportModel(spec: string, dbPath: string): Promise<ReportModel> {
  if (existsSync(spec)) return fromFile(spec);
  const builtin = builtinArchitectures().find((arch) => arch.id === spec);
  if (builtin) {
    const graph = builtin.build();
    return { id: spec, name: builtin.name, graph, weights: seededWeights(graph, BUILTIN_SEED), origin: 'seeded-random', detail: `seed ${BUILTIN_SEED}` };
  }
  const demo = demoModel(spec);
  if (demo) return demo;
  const stored = await storedModel(spec, dbPath);
  if (stored && !Array.isArray(stored)) return stored;
  const known = [...builtinArchitectures().map((a) => a.id), ...(Array.isArray(stored) ? stored : [])];
  throw new Error(`'${spec}' is neither a file nor a known model id; known: ${[...new Set(known)].join(', ')}`);
}
