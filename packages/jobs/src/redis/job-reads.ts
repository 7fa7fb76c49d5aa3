import type { JobRecord, Store } from '@branchscope/store';
import type { Kysely } from 'kysely';
import { withBlobFiles } from './row-files';
import { selectRows, type TableRows } from './table-rows';

/**
 * What a job reads from the store, copied from the store that records it so a worker on another machine needs
 * only Redis: the job's own row, and when its input names a `modelId`, that model's row and, for weights kept in
 * the store (`{ kind: 'stored', key }`, imported models), the weights artifact, with its blob file when it has one
 * (encoding the rows sends it). Handlers needing more than their model must get it into their input.
 */
export async function jobReads(store: Store, job: JobRecord): Promise<TableRows> {
  const db = store.db as unknown as Kysely<unknown>;
  const reads: TableRows = { jobs: await selectRows(db, 'jobs', 'id', job.id) };
  const modelId = (job.input as { modelId?: unknown } | null)?.modelId;
  if (typeof modelId !== 'string') return reads;
  const models = await selectRows(db, 'models', 'id', modelId);
  if (models.length === 0) return reads;
  reads.models = models;
  const weights = JSON.parse(String(models[0]!.weights)) as { kind?: unknown; key?: unknown };
  if (weights.kind === 'stored' && typeof weights.key === 'string') reads.artifacts = await selectRows(db, 'artifacts', 'key', weights.key);
  return withBlobFiles(store, reads);
}
