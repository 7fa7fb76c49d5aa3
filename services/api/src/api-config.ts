import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { isPostgresTarget } from '@branchscope/store';
import type { AccessPolicy } from './auth/access-policy';

export interface ApiConfig {
  port: number;
  host: string;
  /** The SQLite file, or a `postgres://` URL. */
  dbPath: string;
  /** With a PostgreSQL database: the folder for the files kept beside it (blob files, uploads, downloads). */
  dataDir?: string;
  /** Largest model file `importModel` accepts as base64, in bytes. */
  maxUploadBytes: number;
  /** Where jobs run: in this process (the default), or on standalone workers behind Redis. */
  queue: QueueConfig;
  /** A JSON catalogue replacing the built-in list of pretrained models, when set. */
  catalogueFile?: string;
  /** Where the in-process worker keeps fetched models; `downloads/` beside the database when unset. */
  downloadDir?: string;
  /** Who may read, write and import from where (`BRANCHSCOPE_READS`, `BRANCHSCOPE_AUTH`, `BRANCHSCOPE_IMPORT_DIRS`). */
  access: AccessPolicy;
}

/** `in-process`: the API runs the worker itself. `redis`: workers elsewhere take jobs from Redis at `url`. */
export type QueueConfig = { kind: 'in-process' } | { kind: 'redis'; url: string; prefix: string };

/** The repository root, three folders above this file (services/api/src). */
const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/** The database the API uses when `BRANCHSCOPE_DB` is not set. */
export const DEFAULT_DB_PATH = `${REPO_ROOT}data/branchscope.db`;

/** The base64 upload limit when `BRANCHSCOPE_MAX_UPLOAD_BYTES` is not set: 256 MiB. */
export const DEFAULT_MAX_UPLOAD_BYTES = 256 * 2 ** 20;

/** Reads `BRANCHSCOPE_QUEUE` (`in-process` or `redis`), `BRANCHSCOPE_REDIS_URL` and `BRANCHSCOPE_REDIS_PREFIX`. */
function readQueueConfig(env: Record<string, string | undefined>): QueueConfig {
  const kind = env.BRANCHSCOPE_QUEUE?.trim() || 'in-process';
  if (kind === 'in-process') return { kind };
  if (kind !== 'redis') throw new Error(`BRANCHSCOPE_QUEUE must be 'in-process' or 'redis', got '${env.BRANCHSCOPE_QUEUE}'`);
  const url = env.BRANCHSCOPE_REDIS_URL?.trim() || 'redis://127.0.0.1:6379';
  if (!/^rediss?:\/\/[^/]/.test(url)) throw new Error(`BRANCHSCOPE_REDIS_URL must look like redis://host:6379, got '${env.BRANCHSCOPE_REDIS_URL}'`);
  const prefix = env.BRANCHSCOPE_REDIS_PREFIX?.trim() || 'branchscope';
  if (!/^[\w.-]+$/.test(prefix)) throw new Error(`BRANCHSCOPE_REDIS_PREFIX may hold letters, digits, '_', '.' and '-' only, got '${prefix}'`);
  return { kind, url, prefix };
}

/**
 * Reads `BRANCHSCOPE_READS` (`public` by default, or `token`), `BRANCHSCOPE_AUTH` (`local` by default, or `token`)
 * and `BRANCHSCOPE_IMPORT_DIRS` (folders separated by the platform's path delimiter, `:` on Linux, resolved from
 * the working directory). See {@link AccessPolicy}.
 */
export function readAccessPolicy(env: Record<string, string | undefined>): AccessPolicy {
  const reads = env.BRANCHSCOPE_READS?.trim() || 'public';
  if (reads !== 'public' && reads !== 'token') throw new Error(`BRANCHSCOPE_READS must be 'public' or 'token', got '${env.BRANCHSCOPE_READS}'`);
  const auth = env.BRANCHSCOPE_AUTH?.trim() || 'local';
  if (auth !== 'local' && auth !== 'token') throw new Error(`BRANCHSCOPE_AUTH must be 'local' or 'token', got '${env.BRANCHSCOPE_AUTH}'`);
  const dirs = env.BRANCHSCOPE_IMPORT_DIRS?.split(path.delimiter).map((dir) => dir.trim()).filter((dir) => dir !== '');
  return { reads, auth, ...(dirs !== undefined && env.BRANCHSCOPE_IMPORT_DIRS?.trim() ? { importDirs: dirs.map((dir) => path.resolve(dir)) } : {}) };
}

/**
 * Reads `BRANCHSCOPE_API_PORT` (default 4000; 0 picks a free port), `BRANCHSCOPE_HOST` (default 127.0.0.1),
 * `BRANCHSCOPE_DB` (default `<repo>/data/branchscope.db`; a `postgres://` URL opens PostgreSQL, its files then in
 * `BRANCHSCOPE_DATA_DIR`, default `<repo>/data`), `BRANCHSCOPE_MAX_UPLOAD_BYTES` (default 256 MiB) and the
 * queue: `BRANCHSCOPE_QUEUE` (`in-process` by default; `redis` for standalone workers), `BRANCHSCOPE_REDIS_URL`
 * (default redis://127.0.0.1:6379) and `BRANCHSCOPE_REDIS_PREFIX` (default `branchscope`, the workers' too); the
 * model catalogue: `BRANCHSCOPE_CATALOGUE` (a JSON file replacing the built-in list) and `BRANCHSCOPE_DOWNLOAD_DIR`
 * (where fetched models go; default `downloads/` beside the database). Throws naming the variable when a value is
 * invalid.
 */
export function readApiConfig(env: Record<string, string | undefined> = process.env): ApiConfig {
  const rawPort = env.BRANCHSCOPE_API_PORT?.trim() || '4000';
  const port = Number(rawPort);
  if (!/^\d+$/.test(rawPort) || port > 65535) {
    throw new Error(`BRANCHSCOPE_API_PORT must be a port number from 0 to 65535, got '${env.BRANCHSCOPE_API_PORT}'`);
  }
  const rawUpload = env.BRANCHSCOPE_MAX_UPLOAD_BYTES?.trim() || String(DEFAULT_MAX_UPLOAD_BYTES);
  const maxUploadBytes = Number(rawUpload);
  if (!/^\d+$/.test(rawUpload) || maxUploadBytes < 1 || maxUploadBytes > 1024 * 2 ** 20) {
    throw new Error(`BRANCHSCOPE_MAX_UPLOAD_BYTES must be a byte count from 1 to 1073741824, got '${env.BRANCHSCOPE_MAX_UPLOAD_BYTES}'`);
  }
  return {
    port,
    host: env.BRANCHSCOPE_HOST?.trim() || '127.0.0.1',
    dbPath: env.BRANCHSCOPE_DB?.trim() || DEFAULT_DB_PATH,
    ...(isPostgresTarget(env.BRANCHSCOPE_DB ?? '') ? { dataDir: path.resolve(env.BRANCHSCOPE_DATA_DIR?.trim() || path.dirname(DEFAULT_DB_PATH)) } : {}),
    maxUploadBytes,
    queue: readQueueConfig(env),
    access: readAccessPolicy(env),
    ...(env.BRANCHSCOPE_CATALOGUE?.trim() ? { catalogueFile: path.resolve(env.BRANCHSCOPE_CATALOGUE.trim()) } : {}),
    ...(env.BRANCHSCOPE_DOWNLOAD_DIR?.trim() ? { downloadDir: path.resolve(env.BRANCHSCOPE_DOWNLOAD_DIR.trim()) } : {}),
  };
}
