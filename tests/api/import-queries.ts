import type { JobState } from '@branchscope/client';
import { postGraphql, queryData, type GraphqlResponse } from '../support/graphql';

/** The client's generated `JobState` with what JOB_FIELDS adds. */
export type ImportJob = JobState & { result: unknown; model: { id: string } | null };

const JOB_FIELDS = 'id kind status progress error result model { id }';

export const IMPORT_MUTATION = `
  mutation Import($input: ImportModelInput!) {
    importModel(input: $input) { ${JOB_FIELDS} }
  }`;

export interface ImportRequest {
  name: string;
  format: string;
  path?: string;
  base64?: string;
  inputRange?: number[];
}

/** importModel as a script sends it, errors included. */
export function importModel(url: string, input: ImportRequest): Promise<GraphqlResponse<{ importModel: ImportJob }>> {
  return postGraphql(url, IMPORT_MUTATION, { input });
}

/** Polls job(id) every 100 ms until it has SUCCEEDED or FAILED (at most `timeoutMs`). */
export async function waitForJob(url: string, id: string, timeoutMs = 60_000): Promise<ImportJob> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { job } = await queryData<{ job: ImportJob }>(url, `query Job($id: ID!) { job(id: $id) { ${JOB_FIELDS} } }`, { id });
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

export interface ImportedModelView {
  id: string;
  name: string;
  family: string;
  layers: { name: string; op: string; units: number; group: number | null }[];
  branchedBlocks: { name: string; kind: string; output: string; branches: { name: string; units: { start: number; end: number } }[] }[];
  source: { format: string; fileName: string; sha256: string; bytes: number; jobId: string } | null;
}

export async function modelView(url: string, id: string): Promise<ImportedModelView | null> {
  const data = await queryData<{ model: ImportedModelView | null }>(
    url,
    `query M($id: ID!) { model(id: $id) {
      id name family
      layers { name op units group }
      branchedBlocks { name kind output branches { name units { start end } } }
      source { format fileName sha256 bytes jobId }
    } }`,
    { id },
  );
  return data.model;
}

export async function modelIds(url: string): Promise<string[]> {
  return (await queryData<{ models: { id: string }[] }>(url, '{ models { id } }')).models.map((m) => m.id);
}

export async function importJobIds(url: string): Promise<string[]> {
  const { jobs } = await queryData<{ jobs: { id: string; kind: string }[] }>(url, '{ jobs { id kind } }');
  return jobs.filter((job) => job.kind === 'import-model').map((job) => job.id);
}
