import { rm } from 'node:fs/promises';
import { findBranches, modelId, validateGraph, type BranchedBlock } from '@branchscope/core';
import {
  IMPORT_MODEL_JOB,
  MODEL_WEIGHTS_ARTIFACT,
  MODEL_WEIGHTS_MEDIA_TYPE,
  modelWeightsKey,
  type ImportModelInput,
  type ImportModelValue,
  type JobData,
  type JobHandler,
} from '@branchscope/jobs';
import { serializedWeights, WEIGHTS_FORMAT_VERSION } from '@branchscope/runtime';
import { convertSource } from '../import/convert-source';

export interface ImportModelDeps {
  data: JobData;
  /** Largest weights blob kept in its database row; larger ones go to a blob file. The store's default when absent. */
  inlineLimit?: number;
}

const countKinds = (blocks: BranchedBlock[]): ImportModelValue['branchedBlocks'] => ({
  grouped: blocks.filter((b) => b.kind === 'grouped').length,
  concat: blocks.filter((b) => b.kind === 'concat').length,
  residual: blocks.filter((b) => b.kind === 'residual').length,
  gate: blocks.filter((b) => b.kind === 'gate').length,
});

/**
 * The `import-model` handler: parse (read, check the hash, decode), convert (graph and weights), check the
 * graph and find its branches, stream the serialized weights to a staged blob file, then store model, source,
 * weights blob and result in one transaction under the import key (the blob moves into place inside it, or is
 * removed). A failure at any stage stores nothing and fails the job with a message naming the file and the
 * importer's code. A staged upload is removed when the job ends either way.
 */
export function importModelHandler(deps: ImportModelDeps): JobHandler<ImportModelInput> {
  return async ({ input, job, reportProgress }) => {
    try {
      // An identical import that finished after this job was queued already stored the model.
      if (await deps.data.reads.hasImportedModel(input.importKey)) return { resultKey: input.importKey };
      await reportProgress(0.05);
      const { graph, weights, parseMs, convertMs } = await convertSource(input, () => reportProgress(0.3));
      await reportProgress(0.6);
      const t0 = performance.now();
      let blocks: BranchedBlock[];
      try {
        validateGraph(graph);
        blocks = findBranches(graph);
      } catch (error) {
        throw new Error(`cannot import '${input.fileName}': its converted graph is not usable: ${(error as Error).message}`, { cause: error });
      }
      const id = modelId(input.modelId);
      // Streamed to a staged blob file, array by array: the weights are never copied into one buffer. From here
      // insertImportedModel either stores the file or removes it.
      const serialized = serializedWeights(graph, weights);
      const blob = await deps.data.writes.stageBlob(serialized.chunks());
      await reportProgress(0.8);
      const weightsKey = modelWeightsKey(blob.sha256, WEIGHTS_FORMAT_VERSION);
      const value: ImportModelValue = {
        modelId: input.modelId,
        name: input.name,
        format: input.format,
        sha256: input.sha256,
        layers: graph.nodes.length,
        parameters: serialized.floats,
        branchedBlocks: countKinds(blocks),
        weightsKey,
        weightsBytes: blob.size,
        timingsMs: { parse: Math.round(parseMs), convert: Math.round(convertMs), serialize: Math.round(performance.now() - t0) },
      };
      await deps.data.writes.putImportedModel({
        model: { id, name: input.name, family: 'imported', graph, weights: { kind: 'stored', key: weightsKey } },
        source: { format: input.format, fileName: input.fileName, bytes: input.bytes, sha256: input.sha256, importKey: input.importKey, jobId: job.id },
        weights: { key: weightsKey, kind: MODEL_WEIGHTS_ARTIFACT, mediaType: MODEL_WEIGHTS_MEDIA_TYPE, bytes: blob, meta: { formatVersion: WEIGHTS_FORMAT_VERSION, modelId: input.modelId } },
        result: { key: input.importKey, kind: IMPORT_MODEL_JOB, params: { sha256: input.sha256, format: input.format, inputRange: input.inputRange }, value },
      }, { inlineLimit: deps.inlineLimit });
      return { resultKey: input.importKey };
    } finally {
      if (input.upload) await rm(input.path, { force: true });
    }
  };
}
