import { fileURLToPath } from 'node:url';

export interface ApiConfig {
  port: number;
  host: string;
  dbPath: string;
  /** Largest model file `importModel` accepts as base64, in bytes. */
  maxUploadBytes: number;
}

/** The repository root, three folders above this file (services/api/src). */
const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/** The database the API uses when `BRANCHSCOPE_DB` is not set. */
export const DEFAULT_DB_PATH = `${REPO_ROOT}data/branchscope.db`;

/** The base64 upload limit when `BRANCHSCOPE_MAX_UPLOAD_BYTES` is not set: 256 MiB. */
export const DEFAULT_MAX_UPLOAD_BYTES = 256 * 2 ** 20;

/**
 * Reads `BRANCHSCOPE_API_PORT` (default 4000; 0 picks a free port), `BRANCHSCOPE_HOST` (default 127.0.0.1),
 * `BRANCHSCOPE_DB` (default `<repo>/data/branchscope.db`) and `BRANCHSCOPE_MAX_UPLOAD_BYTES` (default 256 MiB).
 * Throws naming the variable when a value is invalid.
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
    maxUploadBytes,
  };
}
