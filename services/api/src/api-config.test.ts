import { describe, expect, it } from 'vitest';
import { DEFAULT_DB_PATH, DEFAULT_MAX_UPLOAD_BYTES, readApiConfig } from './api-config';

describe('readApiConfig', () => {
  it('defaults to 127.0.0.1:4000 and data/branchscope.db at the repository root', () => {
    expect(readApiConfig({})).toEqual({ port: 4000, host: '127.0.0.1', dbPath: DEFAULT_DB_PATH, maxUploadBytes: 256 * 2 ** 20 });
    expect(DEFAULT_DB_PATH).toMatch(/\/data\/branchscope\.db$/);
    expect(DEFAULT_DB_PATH).not.toMatch(/services\/api/);
  });

  it('reads port, host and database from the environment', () => {
    const env = { BRANCHSCOPE_API_PORT: '0', BRANCHSCOPE_HOST: '0.0.0.0', BRANCHSCOPE_DB: '/tmp/x.db' };
    expect(readApiConfig(env)).toEqual({ port: 0, host: '0.0.0.0', dbPath: '/tmp/x.db', maxUploadBytes: DEFAULT_MAX_UPLOAD_BYTES });
  });

  it('names the variable when the port is not a port number', () => {
    expect(() => readApiConfig({ BRANCHSCOPE_API_PORT: '80a' })).toThrow(
      "BRANCHSCOPE_API_PORT must be a port number from 0 to 65535, got '80a'",
    );
  });

  it('reads the upload limit and names the variable when it is not a byte count', () => {
    expect(readApiConfig({ BRANCHSCOPE_MAX_UPLOAD_BYTES: '4096' }).maxUploadBytes).toBe(4096);
    expect(() => readApiConfig({ BRANCHSCOPE_MAX_UPLOAD_BYTES: '2GB' })).toThrow(
      "BRANCHSCOPE_MAX_UPLOAD_BYTES must be a byte count from 1 to 1073741824, got '2GB'",
    );
  });
});
