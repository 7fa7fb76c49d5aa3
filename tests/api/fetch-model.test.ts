import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { FetchCatalogueModelMutationResult } from '@branchscope/client';
import { inceptionV1GraphDef, smallAlexnetOnnx, smallBranchedOnnx } from '@branchscope/model-import/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postGraphql, queryData } from '../support/graphql';
import { startFileServer, type FileServer } from '@branchscope/worker/testing';
import { REPO_ROOT, startApi, tempDbPath, type RunningApi } from '../support/start-api';
import { collectSubscription } from '../support/subscribe';
import { modelIds, modelView, waitForJob } from './import-queries';

const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const alexnet = smallAlexnetOnnx(1);
const resumable = smallAlexnetOnnx(2);
const forCli = smallAlexnetOnnx(3);
const branched = smallBranchedOnnx();
const CAFFE: [number, number] = [-123.68, 151.061];

/** A fetch-model job as JOB selects it: the client's generated FetchCatalogueModel answer. */
type FetchJob = FetchCatalogueModelMutationResult['fetchCatalogueModel'];
const JOB = 'id kind status progress error download { fraction bytes totalBytes done } model { id name }';

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('API: fetching catalogue models (fetch-model jobs against a local model zoo of generated twins)', () => {
  let dir: string;
  let db: ReturnType<typeof tempDbPath>;
  let api: RunningApi;
  let zoo: FileServer;
  let offlineUrl: string;
  const downloads = () => path.join(dir, 'downloads');
  const fetchEntry = (id: string) => postGraphql<{ fetchCatalogueModel: FetchJob }>(api.url, `mutation F($id: ID!) { fetchCatalogueModel(id: $id) { ${JOB} } }`, { id });
  const fetchAndWait = async (id: string, timeoutMs = 60_000): Promise<FetchJob> => {
    const { data, errors } = await fetchEntry(id);
    if (!data) throw new Error(`fetchCatalogueModel refused: ${errors?.map((e) => e.message).join('; ')}`);
    await waitForJob(api.url, data.fetchCatalogueModel.id, timeoutMs);
    return (await queryData<{ job: FetchJob }>(api.url, `query J($id: ID!) { job(id: $id) { ${JOB} } }`, { id: data.fetchCatalogueModel.id })).job;
  };

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'branchscope-fetch-api-'));
    zoo = await startFileServer({
      '/bvlcalexnet-twin.onnx': alexnet,
      '/resume-twin.onnx': resumable,
      '/cli-twin.onnx': forCli,
      '/branched.onnx': branched,
      '/InceptionV1.pb': inceptionV1GraphDef().bytes,
    });
    offlineUrl = `http://127.0.0.1:${await closedPort()}/offline.onnx`;
    const entry = (id: string, file: string, bytes: Uint8Array, over: object = {}) => ({
      id,
      name: `${id} (twin)`,
      format: 'onnx',
      url: `${zoo.origin}/redirect/${file}`,
      sha256: sha(bytes),
      bytes: bytes.length,
      inputRange: CAFFE,
      licence: 'generated for tests',
      ...over,
    });
    writeFileSync(
      path.join(dir, 'catalogue.json'),
      JSON.stringify([
        entry('bvlcalexnet-twin', 'bvlcalexnet-twin.onnx', alexnet, { notes: 'grouped conv2/4/5' }),
        entry('resume-twin', 'resume-twin.onnx', resumable),
        entry('cli-twin', 'cli-twin.onnx', forCli),
        entry('bad-digest', 'branched.onnx', branched, { sha256: 'f'.repeat(64) }),
        entry('offline', 'offline.onnx', branched, { url: offlineUrl }),
        { id: 'lucid-twin', name: 'Lucid twin', format: 'graphdef', url: `${zoo.origin}/InceptionV1.pb`, inputRange: [-117, 138] },
      ]),
    );
    db = tempDbPath();
    api = await startApi({
      dbPath: db.dbPath,
      env: {
        BRANCHSCOPE_CATALOGUE: path.join(dir, 'catalogue.json'),
        BRANCHSCOPE_DOWNLOAD_DIR: downloads(),
        // Nothing from the machine's environment may route the test's local requests through a proxy.
        HTTP_PROXY: '',
        HTTPS_PROXY: '',
        http_proxy: '',
        https_proxy: '',
        NO_PROXY: '',
        no_proxy: '',
      },
    });
  });
  afterAll(async () => {
    await api?.stop();
    await zoo?.close();
    db?.remove();
    rmSync(dir, { recursive: true, force: true });
  });

  it('lists the catalogue from BRANCHSCOPE_CATALOGUE in order, nothing imported yet', async () => {
    const { catalogue } = await queryData<{ catalogue: Array<Record<string, unknown>> }>(
      api.url,
      '{ catalogue { id name format url fileName sha256 bytes inputRange licence imported model { id } } }',
    );
    expect(catalogue.map((e) => e.id)).toEqual(['bvlcalexnet-twin', 'resume-twin', 'cli-twin', 'bad-digest', 'offline', 'lucid-twin']);
    expect(catalogue[0]).toEqual({
      id: 'bvlcalexnet-twin',
      name: 'bvlcalexnet-twin (twin)',
      format: 'ONNX',
      url: `${zoo.origin}/redirect/bvlcalexnet-twin.onnx`,
      fileName: 'bvlcalexnet-twin.onnx',
      sha256: sha(alexnet),
      bytes: alexnet.length,
      inputRange: CAFFE,
      licence: 'generated for tests',
      imported: false,
      model: null,
    });
    expect(catalogue[5]).toMatchObject({ format: 'GRAPHDEF', fileName: 'InceptionV1.pb', sha256: null, bytes: null });
  });

  it('fetches an entry through the redirect, verifies it and imports it: jobProgress shows the bytes, the model appears', async () => {
    const { data } = await fetchEntry('bvlcalexnet-twin');
    const started = data!.fetchCatalogueModel;
    expect(started).toMatchObject({ kind: 'fetch-model', download: { totalBytes: alexnet.length } });
    const { values } = await collectSubscription<{ jobProgress: FetchJob }>(api.url, `subscription P($id: ID!) { jobProgress(id: $id) { ${JOB} } }`, { id: started.id });
    const updates = values.map((v) => v.jobProgress);
    const last = updates.at(-1)!;
    expect(last).toMatchObject({ status: 'SUCCEEDED', error: null, download: { fraction: 1, bytes: alexnet.length, totalBytes: alexnet.length, done: true } });
    const bytes = updates.map((u) => u.download!.bytes!);
    expect(bytes).toEqual([...bytes].sort((a, b) => a - b));
    expect(zoo.requests.filter((r) => r.path.endsWith('bvlcalexnet-twin.onnx')).map((r) => r.path)).toEqual(['/redirect/bvlcalexnet-twin.onnx', '/bvlcalexnet-twin.onnx']);

    const modelId = last.model!.id;
    expect(await modelIds(api.url)).toContain(modelId);
    const model = (await modelView(api.url, modelId))!;
    expect(model).toMatchObject({ name: 'bvlcalexnet-twin (twin)', family: 'imported' });
    expect(model.source).toMatchObject({ format: 'ONNX', fileName: 'bvlcalexnet-twin.onnx', sha256: sha(alexnet), bytes: alexnet.length, jobId: started.id });
    expect(model.branchedBlocks.map((b) => [b.name, b.kind])).toEqual([
      ['conv2', 'GROUPED'],
      ['conv4', 'GROUPED'],
      ['conv5', 'GROUPED'],
    ]);
    expect(existsSync(path.join(downloads(), 'bvlcalexnet-twin.onnx'))).toBe(true);

    const { catalogue } = await queryData<{ catalogue: Array<{ id: string; imported: boolean; model: { id: string } | null }> }>(api.url, '{ catalogue { id imported model { id } } }');
    expect(catalogue[0]).toEqual({ id: 'bvlcalexnet-twin', imported: true, model: { id: modelId } });
    expect(catalogue[1]!.imported).toBe(false);
  });

  it('answers a second fetch of an imported entry with the job that imported it, downloading nothing', async () => {
    const before = zoo.requests.length;
    const first = (await queryData<{ catalogue: Array<{ id: string; model: { id: string } | null }> }>(api.url, '{ catalogue { id model { id } } }')).catalogue[0]!;
    const { data } = await fetchEntry('bvlcalexnet-twin');
    expect(data!.fetchCatalogueModel).toMatchObject({ kind: 'fetch-model', status: 'SUCCEEDED', model: { id: first.model!.id } });
    expect(zoo.requests.length).toBe(before);
  });

  it('resumes a download whose connection drops mid-body with a Range request, and imports the right bytes', async () => {
    zoo.cutAfter('/resume-twin.onnx', 400_000);
    const job = await fetchAndWait('resume-twin');
    expect(job.error).toBeNull();
    expect(job.status).toBe('SUCCEEDED');
    const asked = zoo.requests.filter((r) => r.path === '/resume-twin.onnx');
    expect(asked.length).toBe(2);
    expect(asked[0]!.range).toBeUndefined();
    const from = Number(/^bytes=(\d+)-$/.exec(asked[1]!.range ?? '')?.[1]);
    expect(from).toBeGreaterThan(0);
    expect(from).toBeLessThanOrEqual(400_000);
    expect((await modelView(api.url, job.model!.id))!.source).toMatchObject({ sha256: sha(resumable), bytes: resumable.length });
    expect(readdirSync(downloads()).filter((f) => f.endsWith('.part'))).toEqual([]);
  });

  it('fails on a checksum mismatch naming the URL, the expected and the actual digest, deletes the file and imports nothing', async () => {
    const models = await modelIds(api.url);
    const job = await fetchAndWait('bad-digest');
    expect(job.status).toBe('FAILED');
    expect(job.error).toBe(`checksum mismatch for ${zoo.origin}/redirect/branched.onnx: expected sha256 ${'f'.repeat(64)}, got ${sha(branched)}; the file was deleted`);
    expect(readdirSync(downloads()).filter((f) => f.startsWith('bad-digest'))).toEqual([]);
    expect(await modelIds(api.url)).toEqual(models);
  });

  it('fails naming the URL when the server cannot be reached (offline)', async () => {
    const job = await fetchAndWait('offline');
    expect(job.status).toBe('FAILED');
    expect(job.error).toMatch(new RegExp(`^cannot download ${offlineUrl.replace(/[.]/g, '\\.')}: connection refused`));
  });

  it("fetches a GraphDef entry published without a digest (as Lucid's InceptionV1 is) and imports it with Lucid's layers", async () => {
    const job = await fetchAndWait('lucid-twin', 240_000);
    expect(job).toMatchObject({ status: 'SUCCEEDED', error: null, download: { totalBytes: null, bytes: null, fraction: 1, done: true } });
    const model = (await modelView(api.url, job.model!.id))!;
    expect(model.source).toMatchObject({ format: 'GRAPHDEF', fileName: 'InceptionV1.pb', sha256: sha(inceptionV1GraphDef().bytes) });
    expect(model.branchedBlocks.filter((b) => b.kind === 'CONCAT').map((b) => b.name).slice(0, 2)).toEqual(['mixed3a', 'mixed3b']);
    const { catalogue } = await queryData<{ catalogue: Array<{ id: string; model: { id: string } | null }> }>(api.url, '{ catalogue { id model { id } } }');
    expect(catalogue.find((e) => e.id === 'lucid-twin')!.model).toEqual({ id: job.model!.id });
  }, 300_000);

  it('refuses an unknown id with NOT_FOUND naming the closest ids', async () => {
    const { errors } = await fetchEntry('bvlcalexnet');
    expect(errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(errors?.[0]?.message).toMatch(/^no catalogue entry 'bvlcalexnet'; closest: bvlcalexnet-twin/);
  });

  it('npm run model -- list and fetch: the catalogue as a table, then percentage lines and the imported model', async () => {
    const run = (...args: string[]) =>
      promisify(execFile)(process.execPath, ['scripts/model.mjs', ...args], { cwd: REPO_ROOT, env: { ...process.env, BRANCHSCOPE_API_URL: api.url } });
    const listed = (await run('list')).stdout.split('\n');
    expect(listed[0]).toMatch(/^id\s+format\s+size\s+imported as\s+name$/);
    expect(listed.find((line) => line.startsWith('cli-twin '))).toMatch(/^cli-twin\s+ONNX\s+\d+\.\d MB\s+-\s+cli-twin \(twin\)$/);
    expect(listed.find((line) => line.startsWith('bvlcalexnet-twin '))).toMatch(/^bvlcalexnet-twin\s+ONNX\s+1\.6 MB\s+bvlcalexnet-twin-twin-[0-9a-f]{8}\s+bvlcalexnet-twin \(twin\)$/);

    const fetched = (await run('fetch', 'cli-twin')).stdout.trim().split('\n');
    expect(fetched.at(-1)).toMatch(/^cli-twin: imported as model cli-twin-twin-[0-9a-f]{8} \(cli-twin \(twin\)\)$/);
    expect(fetched).toContain(`cli-twin: 100% (${(forCli.length / 1e6).toFixed(1)} MB of ${(forCli.length / 1e6).toFixed(1)} MB)`);
    expect(fetched).toContain('cli-twin: downloaded and verified; importing');
    expect(fetched.every((line) => line.startsWith('cli-twin: '))).toBe(true);
    expect((await run('fetch', 'cli-twin')).stdout).toMatch(/^cli-twin: already imported as model cli-twin-twin-[0-9a-f]{8}/);
    await expect(run('fetch', 'offline')).rejects.toMatchObject({ stderr: expect.stringContaining(`model: fetch failed: cannot download ${offlineUrl}`) });
  });
});
