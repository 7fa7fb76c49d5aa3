import { deferForeignKeys, type Store } from '@branchscope/store';
import { sql, type Kysely } from 'kysely';
import type { BlobStore } from './blob-store';
import { commitAll, discardAll, LocalBlobFile, SentBlobFile, stageSentFiles } from './row-files';

/** A row as the store's database returns it: text, numbers, null, and Buffers for BLOB (BYTEA) columns. */
export type Row = Record<string, unknown>;

/** Rows by table name. */
export type TableRows = Record<string, Row[]>;

/** {@link TableRows} safe for JSON: each binary value is replaced by a reference to a blob. */
export type EncodedRows = Record<string, Row[]>;

interface BlobRef {
  $blob: string;
}

/** A store's blob file (a large artifact's bytes), sent in parts (`putFile`). */
interface FileRef {
  $file: string;
}

const isBlobRef = (value: unknown): value is BlobRef =>
  typeof value === 'object' && value !== null && typeof (value as BlobRef).$blob === 'string';
const isFileRef = (value: unknown): value is FileRef =>
  typeof value === 'object' && value !== null && typeof (value as FileRef).$file === 'string';

async function encodeValue(value: unknown, blobs: BlobStore): Promise<unknown> {
  if (value instanceof Uint8Array) return { $blob: await blobs.put(value) } satisfies BlobRef;
  if (value instanceof LocalBlobFile) return { $file: await blobs.putFile(value.path, value.sha256) } satisfies FileRef;
  return value;
}

/**
 * Moves every binary value into `blobs`, leaving `{ $blob: sha256 }` in its place, and sends each store blob file
 * of the rows (`withBlobFiles`) in parts, leaving `{ $file: sha256 }`.
 */
export async function encodeRows(rows: TableRows, blobs: BlobStore): Promise<EncodedRows> {
  const encoded: EncodedRows = {};
  for (const [table, list] of Object.entries(rows)) {
    encoded[table] = [];
    for (const row of list) {
      const copy: Row = {};
      for (const [column, value] of Object.entries(row)) copy[column] = await encodeValue(value, blobs);
      encoded[table].push(copy);
    }
  }
  return encoded;
}

/**
 * The inverse of {@link encodeRows}: fetches every referenced blob; a blob file stays in Redis as a
 * `SentBlobFile` until the rows are stored ({@link applyRows}, the scratch store), which streams it to disk.
 */
export async function decodeRows(rows: EncodedRows, blobs: BlobStore): Promise<TableRows> {
  const decoded: TableRows = {};
  for (const [table, list] of Object.entries(rows)) {
    decoded[table] = [];
    for (const row of list) {
      const copy: Row = {};
      for (const [column, value] of Object.entries(row)) {
        copy[column] = isBlobRef(value) ? await blobs.get(value.$blob) : isFileRef(value) ? new SentBlobFile(value.$file, blobs) : value;
      }
      decoded[table].push(copy);
    }
  }
  return decoded;
}

/**
 * Inserts `rows` as they are; a row whose key (or another unique column) is already stored is skipped, because
 * every row a job writes is content-addressed or keyed by what it was computed from. Run it in a transaction.
 */
export async function insertRows(db: Kysely<unknown>, rows: TableRows): Promise<void> {
  for (const [table, list] of Object.entries(rows)) {
    for (const row of list) {
      const columns = Object.keys(row);
      await sql`INSERT INTO ${sql.table(table)} (${sql.join(columns.map((c) => sql.ref(c)))})
        VALUES (${sql.join(columns.map((c) => row[c]))}) ON CONFLICT DO NOTHING`.execute(db);
    }
  }
}

/**
 * Stores rows another process wrote (a worker's results) in one transaction. Foreign keys are checked at commit,
 * so the tables may come in any order; a row that breaks one fails the whole write. Blob files sent with the rows
 * are streamed to staged files first and moved into place inside the transaction, or removed when it fails.
 */
export async function applyRows(store: Store, rows: TableRows): Promise<void> {
  const placed = await stageSentFiles(store, rows);
  try {
    await store.db.transaction().execute(async (trx) => {
      await deferForeignKeys(store, trx);
      await insertRows(trx as unknown as Kysely<unknown>, placed.rows);
      await commitAll(store, placed.staged);
    });
  } finally {
    await discardAll(placed.staged);
  }
}

/** The store's tables that rows can be copied between (every table with a rowid). */
export async function rowTables(db: Kysely<unknown>): Promise<string[]> {
  const result = await sql<{ name: string }>`SELECT name FROM sqlite_master
    WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND sql NOT LIKE '%WITHOUT ROWID%' ORDER BY name`.execute(db);
  return result.rows.map((row) => row.name);
}

/** Rows of `table` matching `column = value`, every column. */
export async function selectRows(db: Kysely<unknown>, table: string, column: string, value: unknown): Promise<Row[]> {
  return (await sql<Row>`SELECT * FROM ${sql.table(table)} WHERE ${sql.ref(column)} = ${value}`.execute(db)).rows;
}
