import type { ModelId } from '@branchscope/core';
import type { Kysely } from 'kysely';
import { contentColumns, insertArtifactRow, prepareBytes, releaseBytes, type ArtifactBytes, type ArtifactWriteOptions } from './artifact-content';
import type { ResultKey } from './content-key';
import { toJsonColumn } from './json-column';
import { fromRow as modelFromRow, toRow as modelRow, type ModelRecord, type NewModel } from './models';
import type { Store } from './open-store';
import type { ModelSourcesTable, StoreSchema } from './schema';
import { StoreError } from './store-error';

/** Where an imported model came from. */
export interface ModelSource {
  modelId: ModelId;
  /** How the file was read: `onnx`, `tfjs`. */
  format: string;
  /** The file's (or folder's) name, without its directory. */
  fileName: string;
  /** Size of what was imported, in bytes. */
  bytes: number;
  /** SHA-256 (hex) of the imported bytes. */
  sha256: string;
  /** The file's hash with the import options: one model per key. */
  importKey: string;
  /** The import job that stored it. */
  jobId: string | null;
  importedAt: string;
}

/** Weights stored as one binary artifact; the model's weights descriptor is `{ kind: 'stored', key }`. */
export interface StoredWeights {
  key: ResultKey;
  kind: string;
  mediaType: string;
  /** The blob, in memory or streamed to a staged blob file (`stageBlob`), which is then stored or removed. */
  bytes: ArtifactBytes;
  meta: Record<string, unknown>;
}

export interface NewImportedModel {
  model: NewModel;
  source: Omit<ModelSource, 'modelId' | 'importedAt'>;
  weights: StoredWeights;
  /** What the import job reports, stored as a result under `key` (the job's result key). */
  result: { key: ResultKey; kind: string; params: unknown; value: unknown };
}

export interface ImportedModel {
  model: ModelRecord;
  source: ModelSource;
  /** False when a model with the same import key was already stored (and is returned instead). */
  inserted: boolean;
}

const fromRow = (row: ModelSourcesTable): ModelSource => ({
  modelId: row.model_id as ModelId,
  format: row.format,
  fileName: row.file_name,
  bytes: row.bytes,
  sha256: row.sha256,
  importKey: row.import_key,
  jobId: row.job_id,
  importedAt: row.imported_at,
});

async function existing(db: Kysely<StoreSchema>, importKey: string): Promise<Omit<ImportedModel, 'inserted'> | undefined> {
  const source = await db.selectFrom('model_sources').selectAll().where('import_key', '=', importKey).executeTakeFirst();
  if (!source) return undefined;
  const model = await db.selectFrom('models').selectAll().where('id', '=', source.model_id).executeTakeFirstOrThrow();
  return { model: modelFromRow(model), source: fromRow(source) };
}

/**
 * Stores an imported model in ONE transaction: its row, its source, its weights blob (an artifact) and the
 * import's result. Either all are stored or none is. A blob over the inline limit lies in a blob file, moved into
 * place inside the transaction; a staged file that does not become stored is removed. When a model with the same
 * import key is already stored, that one is returned and nothing is written. Throws a StoreError naming the model
 * when its id is taken, its weights descriptor does not point at the blob, or the blob is empty.
 */
export async function insertImportedModel(store: Store, imported: NewImportedModel, options: ArtifactWriteOptions = {}): Promise<ImportedModel> {
  const { model, source, weights, result } = imported;
  const what = `imported model '${model.id}'`;
  let prepared: Awaited<ReturnType<typeof prepareBytes>> | undefined;
  try {
    const descriptor = model.weights as { kind: string; key?: unknown };
    if (descriptor.kind !== 'stored' || descriptor.key !== weights.key) {
      throw new StoreError(`cannot store ${what}: its weights descriptor must be { kind: 'stored', key: '${weights.key}' }`);
    }
    const at = new Date().toISOString();
    const row = modelRow(model, at);
    const meta = toJsonColumn(weights.meta, `${what} weights meta`);
    const value = toJsonColumn(result.value, `${what} import result`);
    const params = toJsonColumn(result.params, `${what} import params`);
    prepared = await prepareBytes(store, weights.bytes, `the weights blob of ${what}`, options);
    const bytes = prepared;
    return await store.db.transaction().execute(async (trx) => {
      const found = await existing(trx, source.importKey);
      if (found) return { ...found, inserted: false };
      const taken = await trx.selectFrom('models').select('id').where('id', '=', model.id).executeTakeFirst();
      if (taken) throw new StoreError(`cannot store ${what}: a model with this id is already stored`);
      await trx.insertInto('models').values(row).execute();
      const sourceRow: ModelSourcesTable = {
        model_id: model.id,
        format: source.format,
        file_name: source.fileName,
        bytes: source.bytes,
        sha256: source.sha256,
        import_key: source.importKey,
        job_id: source.jobId,
        imported_at: at,
      };
      await trx.insertInto('model_sources').values(sourceRow).execute();
      await trx
        .insertInto('results')
        .values({ key: result.key, kind: result.kind, model_id: model.id, params, value, job_id: source.jobId, created_at: at })
        .onConflict((c) => c.column('key').doNothing())
        .execute();
      // Content-addressed: another model with bit-identical weights may have stored this blob already. Last, so
      // the file moves into place only once every other row is in.
      const artifact = { key: weights.key, kind: weights.kind, model_id: model.id, media_type: weights.mediaType, meta, job_id: source.jobId, created_at: at };
      await insertArtifactRow(store, trx, { ...artifact, ...contentColumns(bytes) }, bytes);
      return { model: modelFromRow(row), source: fromRow(sourceRow), inserted: true };
    });
  } finally {
    if (prepared) await releaseBytes(prepared);
    else if (!(weights.bytes instanceof Uint8Array)) await releaseBytes({ staged: weights.bytes });
  }
}

/** The source of an imported model, or undefined (built-in models have none). */
export async function getModelSource(store: Store, modelId: string): Promise<ModelSource | undefined> {
  const row = await store.db.selectFrom('model_sources').selectAll().where('model_id', '=', modelId).executeTakeFirst();
  return row && fromRow(row);
}

/** The model imported under `importKey` with its source, or undefined. */
export async function findImportedModel(store: Store, importKey: string): Promise<Omit<ImportedModel, 'inserted'> | undefined> {
  return existing(store.db, importKey);
}
