import { describe, expect, it } from 'vitest';
import { DEFAULT_DB_PATH, DEFAULT_MAX_UPLOAD_BYTES, readApiConfig } from './api-config';

describe('readApiConfig', () => {
  it('defaults to 127.0.0.1:4000 and data/branchscope.db at the repository root', () => {
    expect(readApiConfig({})).toEqual({ port: 4000, host: '127.0.0.1', dbPath: DEFAULT_DB_PATH, maxUploadBytes: 256 * 2 ** 20, queue: { kind: 'in-process' }, access: { reads: 'public', auth: 'local' } });
    expect(DEFAULT_DB_PATH).toMatch(/\/data\/branchscope\.db$/);
    expect(DEFAULT_DB_PATH).not.toMatch(/services\/api/);
  });

  it('reads port, host and database from the environment', () => {
    const env = { BRANCHSCOPE_API_PORT: '0', BRANCHSCOPE_HOST: '0.0.0.0', BRANCHSCOPE_DB: '/tmp/x.db' };
    expect(readApiConfig(env)).toEqual({ port: 0, host: '0.0.0.0', dbPath: '/tmp/x.db', maxUploadBytes: DEFAULT_MAX_UPLOAD_BYTES, queue: { kind: 'in-process' }, access: { reads: 'public', auth: 'local' } });
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

  it('reads the Redis queue, defaulting to a local Redis and the branchscope prefix', () => {
    expect(readApiConfig({ BRANCHSCOPE_QUEUE: 'redis' }).queue).toEqual({ kind: 'redis', url: 'redis://127.0.0.1:6379', prefix: 'branchscope' });
    const env = { BRANCHSCOPE_QUEUE: 'redis', BRANCHSCOPE_REDIS_URL: 'redis://queue.lab:6380/1', BRANCHSCOPE_REDIS_PREFIX: 'lab-a' };
    expect(readApiConfig(env).queue).toEqual({ kind: 'redis', url: 'redis://queue.lab:6380/1', prefix: 'lab-a' });
  });

  it('names the variable when the queue settings are invalid', () => {
    expect(() => readApiConfig({ BRANCHSCOPE_QUEUE: 'kafka' })).toThrow("BRANCHSCOPE_QUEUE must be 'in-process' or 'redis', got 'kafka'");
    expect(() => readApiConfig({ BRANCHSCOPE_QUEUE: 'redis', BRANCHSCOPE_REDIS_URL: 'localhost:6379' })).toThrow(
      "BRANCHSCOPE_REDIS_URL must look like redis://host:6379, got 'localhost:6379'",
    );
  });

  it('reads the access policy and names a bad value', () => {
    expect(readApiConfig({ BRANCHSCOPE_READS: 'token', BRANCHSCOPE_AUTH: 'token', BRANCHSCOPE_IMPORT_DIRS: '/srv/models:/tmp/in' }).access).toEqual({
      reads: 'token',
      auth: 'token',
      importDirs: ['/srv/models', '/tmp/in'],
    });
    expect(() => readApiConfig({ BRANCHSCOPE_READS: 'open' })).toThrow("BRANCHSCOPE_READS must be 'public' or 'token', got 'open'");
    expect(() => readApiConfig({ BRANCHSCOPE_AUTH: 'none' })).toThrow("BRANCHSCOPE_AUTH must be 'local' or 'token', got 'none'");
  });
});
