import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInProcessQueue, FETCH_MODEL_JOB, FETCH_VERIFIED_PROGRESS, type FetchModelInput, type ImportModelValue, type JobQueue, storeJobData } from '@branchscope/jobs';
import { smallAlexnetOnnx } from '@branchscope/model-import/testing';
import { modelFormatSamples } from '@branchscope/core/testing';
import { getModelSource, getResult, openStore, type Store } from '@branchscope/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFileServer, type FileServer } from '../fetch/file-server.test-support';
import { fetchModelHandler } from './fetch-model-handler';

const onnx = smallAlexnetOnnx();
const graphdef = modelFormatSamples()['tf-graphdef']!.bytes;
const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

describe('fetch-model handler', () => {
  let dir: string;
  let store: Store;
  let queue: JobQueue;
  let server: FileServer;
  let noGraphdef: JobQueue;
  const progress: number[] = [];
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'branchscope-fetch-'));
    store = openStore(join(dir, 'store.db'));
    queue = createInProcessQueue({ store, onError: (error) => console.error(error) });
    queue.process(FETCH_MODEL_JOB, fetchModelHandler({ data: storeJobData(store), downloadDir: join(dir, 'downloads'), proxy: { httpProxy: '', httpsProxy: '', noProxy: '' } }));
    // The same handler on a worker without the GraphDef importer (as before it existed).
    noGraphdef = createInProcessQueue({ store, onError: (error) => console.error(error) });
    noGraphdef.process(FETCH_MODEL_JOB, fetchModelHandler({ data: storeJobData(store), downloadDir: join(dir, 'downloads'), proxy: { httpProxy: '', httpsProxy: '', noProxy: '' }, importFormats: ['onnx', 'tfjs'] }));
    queue.subscribe((event) => event.type === 'progress' && event.job.kind === FETCH_MODEL_JOB && progress.push(event.job.progress));
    server = await startFileServer({ '/alexnet-twin.onnx': onnx, '/lucid-twin.pb': graphdef });
  });
  afterAll(async () => {
    await queue.close();
    await noGraphdef.close();
    await store.close();
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const input = (over: Partial<FetchModelInput>): FetchModelInput => ({
    entryId: 'alexnet-twin',
    name: 'AlexNet twin',
    url: `${server.origin}/redirect/alexnet-twin.onnx`,
    fileName: 'alexnet-twin.onnx',
    sha256: sha(onnx),
    bytes: onnx.length,
    format: 'onnx',
    inputRange: [-123.68, 151.061],
    ...over,
  });
  const run = async (fetch: FetchModelInput, on = queue) => on.waitFor((await on.enqueue(FETCH_MODEL_JOB, fetch)).id);

  it('downloads, verifies and imports the model, whose source is the downloaded file and whose job is this one', async () => {
    const job = await run(input({}));
    expect(job.error).toBeNull();
    expect(job.status).toBe('SUCCEEDED');
    const value = (await getResult<ImportModelValue>(store, job.resultKey!))!.value;
    expect(value).toMatchObject({ name: 'AlexNet twin', format: 'onnx', sha256: sha(onnx), branchedBlocks: { grouped: 3, concat: 0, residual: 0, gate: 0 } });
    expect(await getModelSource(store, value.modelId)).toMatchObject({ fileName: 'alexnet-twin.onnx', bytes: onnx.length, sha256: sha(onnx), jobId: job.id });
    expect(existsSync(join(dir, 'downloads', 'alexnet-twin.onnx'))).toBe(true);
    // Progress rose to the download's share, then through the import to the end.
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    expect(progress).toContain(FETCH_VERIFIED_PROGRESS);
    expect(progress.at(-1)).toBeGreaterThan(FETCH_VERIFIED_PROGRESS);
  });

  it('answers a second fetch of the same entry from the store, without downloading', async () => {
    const before = server.requests.length;
    const job = await run(input({}));
    expect(job.status).toBe('SUCCEEDED');
    expect(server.requests.length).toBe(before);
  });

  it('without a GraphDef importer, downloads a GraphDef entry, then fails saying the format cannot be imported yet and how to convert it, keeping the file', async () => {
    const lucid = input({ entryId: 'lucid-twin', name: 'Lucid twin', url: `${server.origin}/lucid-twin.pb`, fileName: 'lucid-twin.pb', sha256: null, bytes: null, format: 'graphdef' });
    const job = await run(lucid, noGraphdef);
    expect(job.status).toBe('FAILED');
    expect(job.error).toContain("'lucid-twin.pb' is a TensorFlow frozen GraphDef (.pb), which branchscope cannot import yet");
    expect(job.error).toContain('python -m tf2onnx.convert --graphdef lucid-twin.pb');
    expect(job.error).toContain(`The verified download is kept at ${join(dir, 'downloads', 'lucid-twin.pb')}`);
    expect(existsSync(join(dir, 'downloads', 'lucid-twin.pb'))).toBe(true);
  });

  it('fails with the checksum mismatch naming the URL and both digests, and stores nothing', async () => {
    const wrong = '0'.repeat(64);
    const job = await run(input({ entryId: 'bad', fileName: 'bad.onnx', sha256: wrong }));
    expect(job.status).toBe('FAILED');
    expect(job.error).toBe(`checksum mismatch for ${server.origin}/redirect/alexnet-twin.onnx: expected sha256 ${wrong}, got ${sha(onnx)}; the file was deleted`);
    expect(existsSync(join(dir, 'downloads', 'bad.onnx'))).toBe(false);
    expect(existsSync(join(dir, 'downloads', 'bad.onnx.part'))).toBe(false);
  });
});
