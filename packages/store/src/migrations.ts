import type BetterSqlite3 from 'better-sqlite3';
import { StoreError } from './store-error';

/** One schema change. `version` is written to SQLite's `user_version` once `up` has run. */
export interface Migration {
  version: number;
  name: string;
  up: string;
  /**
   * Rebuilds a table other tables reference: foreign keys are switched off around its transaction (SQLite ignores
   * the switch inside one) and checked before it commits.
   */
  foreignKeysOff?: boolean;
}

/**
 * Every schema change, oldest first. Append only: a migration that has shipped is never edited, because
 * databases in the field already ran it. CHECK constraints are the last line against corrupt rows.
 */
export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'models, results and jobs',
    up: `
      CREATE TABLE models (
        id TEXT PRIMARY KEY NOT NULL CHECK (length(id) > 0),
        name TEXT NOT NULL CHECK (length(name) > 0),
        family TEXT NOT NULL,
        graph TEXT NOT NULL CHECK (json_valid(graph) AND json_type(graph) = 'object'),
        weights TEXT NOT NULL CHECK (json_valid(weights) AND json_type(weights) = 'object'),
        created_at TEXT NOT NULL
      ) STRICT;
      CREATE TABLE jobs (
        id TEXT PRIMARY KEY NOT NULL,
        kind TEXT NOT NULL CHECK (length(kind) > 0),
        input TEXT NOT NULL CHECK (json_valid(input)),
        status TEXT NOT NULL CHECK (status IN ('QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED')),
        progress REAL NOT NULL DEFAULT 0 CHECK (progress >= 0 AND progress <= 1),
        error TEXT,
        dedupe_key TEXT,
        created_at TEXT NOT NULL,
        started_at TEXT,
        finished_at TEXT,
        result_key TEXT
      ) STRICT;
      CREATE INDEX jobs_by_created ON jobs (created_at);
      CREATE UNIQUE INDEX jobs_one_active_per_dedupe_key ON jobs (dedupe_key)
        WHERE dedupe_key IS NOT NULL AND status IN ('QUEUED', 'RUNNING');
      CREATE TABLE results (
        key TEXT PRIMARY KEY NOT NULL CHECK (length(key) > 0),
        kind TEXT NOT NULL CHECK (length(kind) > 0),
        model_id TEXT NOT NULL REFERENCES models (id),
        params TEXT NOT NULL CHECK (json_valid(params)),
        value TEXT NOT NULL CHECK (json_valid(value)),
        job_id TEXT REFERENCES jobs (id),
        created_at TEXT NOT NULL
      ) STRICT;
    `,
  },
  {
    version: 2,
    name: 'label sets and labels',
    up: `
      CREATE TABLE label_sets (
        id TEXT PRIMARY KEY NOT NULL CHECK (length(id) > 0),
        model_id TEXT NOT NULL REFERENCES models (id),
        name TEXT NOT NULL CHECK (length(name) > 0),
        source TEXT NOT NULL CHECK (source IN ('human', 'rule', 'published')),
        author TEXT NOT NULL CHECK (length(author) > 0),
        params TEXT NOT NULL CHECK (json_valid(params) AND json_type(params) = 'object'),
        created_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX label_sets_by_model ON label_sets (model_id, created_at);
      CREATE TABLE labels (
        label_set_id TEXT NOT NULL REFERENCES label_sets (id) ON DELETE CASCADE,
        layer TEXT NOT NULL CHECK (length(layer) > 0),
        unit INTEGER NOT NULL CHECK (unit >= 0),
        category TEXT NOT NULL CHECK (length(category) > 0),
        author TEXT NOT NULL CHECK (length(author) > 0),
        at TEXT NOT NULL,
        PRIMARY KEY (label_set_id, layer, unit, category)
      ) STRICT;
    `,
  },
  {
    version: 3,
    name: 'binary artifacts by content key',
    up: `
      CREATE TABLE artifacts (
        key TEXT PRIMARY KEY NOT NULL CHECK (length(key) > 0),
        kind TEXT NOT NULL CHECK (length(kind) > 0),
        model_id TEXT NOT NULL REFERENCES models (id),
        media_type TEXT NOT NULL CHECK (length(media_type) > 0),
        bytes BLOB NOT NULL CHECK (length(bytes) > 0),
        size INTEGER NOT NULL CHECK (size = length(bytes)),
        meta TEXT NOT NULL CHECK (json_valid(meta) AND json_type(meta) = 'object'),
        job_id TEXT REFERENCES jobs (id),
        created_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX artifacts_by_model ON artifacts (model_id, kind);
    `,
  },
  {
    version: 4,
    name: 'sources of imported models',
    up: `
      CREATE TABLE model_sources (
        model_id TEXT PRIMARY KEY NOT NULL REFERENCES models (id),
        format TEXT NOT NULL CHECK (length(format) > 0),
        file_name TEXT NOT NULL CHECK (length(file_name) > 0),
        bytes INTEGER NOT NULL CHECK (bytes > 0),
        sha256 TEXT NOT NULL CHECK (length(sha256) = 64),
        import_key TEXT NOT NULL UNIQUE CHECK (length(import_key) > 0),
        job_id TEXT REFERENCES jobs (id),
        imported_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX model_sources_by_sha256 ON model_sources (sha256);
    `,
  },
  {
    version: 5,
    name: 'which worker ran a job',
    up: `
      ALTER TABLE jobs ADD COLUMN worker TEXT CHECK (worker IS NULL OR length(worker) > 0);
    `,
  },
  {
    version: 6,
    name: 'large artifacts in blob files',
    // SQLite cannot relax NOT NULL or CHECK in place: the table is rebuilt, rows kept as they are (inline).
    up: `
      CREATE TABLE artifacts_v6 (
        key TEXT PRIMARY KEY NOT NULL CHECK (length(key) > 0),
        kind TEXT NOT NULL CHECK (length(kind) > 0),
        model_id TEXT NOT NULL REFERENCES models (id),
        media_type TEXT NOT NULL CHECK (length(media_type) > 0),
        bytes BLOB CHECK (bytes IS NULL OR length(bytes) > 0),
        size INTEGER NOT NULL CHECK (size > 0 AND (bytes IS NULL OR size = length(bytes))),
        meta TEXT NOT NULL CHECK (json_valid(meta) AND json_type(meta) = 'object'),
        job_id TEXT REFERENCES jobs (id),
        created_at TEXT NOT NULL,
        blob_sha256 TEXT CHECK (blob_sha256 IS NULL OR (length(blob_sha256) = 64 AND blob_sha256 NOT GLOB '*[^0-9a-f]*')),
        CHECK ((bytes IS NULL) <> (blob_sha256 IS NULL))
      ) STRICT;
      INSERT INTO artifacts_v6 (key, kind, model_id, media_type, bytes, size, meta, job_id, created_at)
        SELECT key, kind, model_id, media_type, bytes, size, meta, job_id, created_at FROM artifacts;
      DROP TABLE artifacts;
      ALTER TABLE artifacts_v6 RENAME TO artifacts;
      CREATE INDEX artifacts_by_model ON artifacts (model_id, kind);
      CREATE INDEX artifacts_by_blob ON artifacts (blob_sha256) WHERE blob_sha256 IS NOT NULL;
    `,
  },
  {
    version: 7,
    name: 'cancelled jobs',
    // The status CHECK gains CANCELLED: the jobs table is rebuilt with its rows as they are. Results, artifacts and
    // model sources reference jobs by id, so foreign keys are off while it is swapped (see `foreignKeysOff`).
    foreignKeysOff: true,
    up: `
      CREATE TABLE jobs_v7 (
        id TEXT PRIMARY KEY NOT NULL,
        kind TEXT NOT NULL CHECK (length(kind) > 0),
        input TEXT NOT NULL CHECK (json_valid(input)),
        status TEXT NOT NULL CHECK (status IN ('QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED', 'CANCELLED')),
        progress REAL NOT NULL DEFAULT 0 CHECK (progress >= 0 AND progress <= 1),
        error TEXT,
        dedupe_key TEXT,
        created_at TEXT NOT NULL,
        started_at TEXT,
        finished_at TEXT,
        result_key TEXT,
        worker TEXT CHECK (worker IS NULL OR length(worker) > 0)
      ) STRICT;
      INSERT INTO jobs_v7 (rowid, id, kind, input, status, progress, error, dedupe_key, created_at, started_at, finished_at, result_key, worker)
        SELECT rowid, id, kind, input, status, progress, error, dedupe_key, created_at, started_at, finished_at, result_key, worker FROM jobs;
      DROP TABLE jobs;
      ALTER TABLE jobs_v7 RENAME TO jobs;
      CREATE INDEX jobs_by_created ON jobs (created_at);
      CREATE UNIQUE INDEX jobs_one_active_per_dedupe_key ON jobs (dedupe_key)
        WHERE dedupe_key IS NOT NULL AND status IN ('QUEUED', 'RUNNING');
    `,
  },  {
    version: 8,
    name: 'api tokens',
    // Only the SHA-256 of a token is kept: the token itself is shown once, when it is created.
    up: `
      CREATE TABLE api_tokens (
        id TEXT PRIMARY KEY NOT NULL CHECK (length(id) > 0),
        name TEXT NOT NULL CHECK (length(name) > 0),
        role TEXT NOT NULL CHECK (role IN ('viewer', 'editor', 'admin')),
        sha256 TEXT NOT NULL UNIQUE CHECK (length(sha256) = 64),
        created_at TEXT NOT NULL,
        revoked_at TEXT
      ) STRICT;
    `,
  },
  {
    version: 9,
    name: 'datasets',
    // Image folders registered by path; the images stay in the folder.
    up: `
      CREATE TABLE datasets (
        id TEXT PRIMARY KEY NOT NULL CHECK (length(id) > 0),
        name TEXT NOT NULL CHECK (length(name) > 0),
        path TEXT NOT NULL UNIQUE,
        images INTEGER NOT NULL CHECK (images >= 0),
        classes TEXT NOT NULL,
        created_at TEXT NOT NULL
      ) STRICT;
    `,
  },
];

/** Brings the database up to the newest schema, each migration in its own transaction. */
export function migrate(sqlite: BetterSqlite3.Database, path: string, migrations: readonly Migration[] = MIGRATIONS): number {
  const current = sqlite.pragma('user_version', { simple: true }) as number;
  const newest = migrations.at(-1)?.version ?? 0;
  if (current > newest) {
    throw new StoreError(
      `store ${path} has schema version ${current}, newer than this code knows (${newest}); update branchscope to open it`,
    );
  }
  for (const migration of migrations) {
    if (migration.version <= current) continue;
    const enforced = sqlite.pragma('foreign_keys', { simple: true }) === 1;
    if (migration.foreignKeysOff) sqlite.pragma('foreign_keys = OFF');
    try {
      sqlite.transaction(() => {
        sqlite.exec(migration.up);
        if (migration.foreignKeysOff) {
          const broken = sqlite.pragma('foreign_key_check') as { table: string }[];
          if (broken.length > 0) throw new StoreError(`migration ${migration.version} (${migration.name}) of ${path} broke a reference from table '${broken[0]!.table}'`);
        }
        sqlite.pragma(`user_version = ${migration.version}`);
      })();
    } finally {
      if (migration.foreignKeysOff && enforced) sqlite.pragma('foreign_keys = ON');
    }
  }
  return newest;
}
