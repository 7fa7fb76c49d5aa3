import {
  ImportedModelQuery,
  ImportModelMutation,
  ModelsQuery,
  operationText,
  type ImportedModelQueryResult,
  type ImportModelInput,
  type ImportModelMutationResult,
  type ModelsQueryResult,
} from '@branchscope/client';
import { postGraphql, queryData, type GraphqlResponse } from '../support/graphql';
import { jobById, listJobs, type JobWithResult } from '../support/jobs';

/** An import job as the client's Job query reads it (its state, `result` and the `model` it stored). */
export type ImportJob = JobWithResult;

/** The client's ImportModel mutation, as a script sends it. */
export const IMPORT_MUTATION = operationText(ImportModelMutation);

/** The client's generated `ImportModelInput`, `format` any name (one outside `ModelFormat` is refused). */
export type ImportRequest = Omit<ImportModelInput, 'format'> & { format: string };

/** importModel as a script sends it, errors included. */
export function importModel(url: string, input: ImportRequest): Promise<GraphqlResponse<ImportModelMutationResult>> {
  return postGraphql(url, IMPORT_MUTATION, { input });
}

/** Polls job(id) every 100 ms until it has SUCCEEDED or FAILED (at most `timeoutMs`). */
export async function waitForJob(url: string, id: string, timeoutMs = 60_000): Promise<ImportJob> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const job = await jobById(url, id);
    if (job.status === 'SUCCEEDED' || job.status === 'FAILED') return job;
    if (Date.now() > deadline) throw new Error(`job ${id} is still ${job.status} after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** importModel that must be accepted, then waited for. */
export async function importAndWait(url: string, input: ImportRequest): Promise<ImportJob> {
  const { data, errors } = await importModel(url, input);
  if (!data) throw new Error(`importModel was refused: ${errors?.map((e) => e.message).join('; ')}`);
  return waitForJob(url, data.importModel.id);
}

/** A model as the client's ImportedModel query reads it: layers, branched blocks and source file. */
export type ImportedModelView = NonNullable<ImportedModelQueryResult['model']>;

export async function modelView(url: string, id: string): Promise<ImportedModelView | null> {
  return (await queryData<ImportedModelQueryResult>(url, operationText(ImportedModelQuery), { id })).model;
}

export async function modelIds(url: string): Promise<string[]> {
  return (await queryData<ModelsQueryResult>(url, operationText(ModelsQuery))).models.map((m) => m.id);
}

export async function importJobIds(url: string): Promise<string[]> {
  return (await listJobs(url)).filter((job) => job.kind === 'import-model').map((job) => job.id);
}
