import { execFile } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import type { EnrichmentRow, SvdFactors } from '@branchscope/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTokenWithCli, postGraphqlAs } from '../support/api-token';
import { REPO_ROOT, startApi, tempDbPath, type RunningApi } from '../support/start-api';

const run = promisify(execFile);

/** The three examples, each as its README says to run it; the first follows the SVD's job over the WebSocket, with its token. */
const EXAMPLES = {
  node: [process.execPath, ['--import', 'tsx', 'examples/fetch-with-client.mts']],
  python: ['python3', ['examples/fetch_with_python.py']],
  curl: ['bash', ['examples/fetch-with-curl.sh']],
} as const satisfies Record<string, readonly [string, readonly string[]]>;

/** The fields the examples print and the test asks for, of the client's generated `SvdFactors` and `EnrichmentRow`. */
type SvdTruth = Pick<SvdFactors, 'rows' | 'cols' | 'singularValues'>;
type EnrichmentTruth = Pick<EnrichmentRow, 'branch' | 'category' | 'inBranch' | 'p'>;

const ENRICHMENT = `{ enrichment(modelId: "inceptionv1", labelSetId: "published:inceptionv1-5x5", layer: "mixed3a") { branch category inBranch p } }`;
const SVD = `{ svdFactors(modelId: "alexnet", from: "conv1", to: "conv2") { result { rows cols singularValues } job { id } } }`;

/** The rows of a printed enrichment table (after its header line), as branch, category, inBranch and p. */
function tableRows(stdout: string): EnrichmentTruth[] {
  const lines = stdout.split('\n');
  const header = lines.findIndex((line) => line.startsWith('branch\tcategory'));
  return lines
    .slice(header + 1)
    .filter((line) => line.trim() !== '')
    .map((line) => {
      const [branch, category, inBranch, , , p] = line.split('\t');
      return { branch: branch!, category: category!, inBranch: Number(inBranch), p: Number(p) };
    });
}

describe('examples/ against a live API whose reads and writes need a token', () => {
  let api: RunningApi;
  let db: ReturnType<typeof tempDbPath>;
  let token: string;
  const outputs: Record<string, string> = {};
  beforeAll(async () => {
    db = tempDbPath();
    mkdirSync(path.dirname(db.dbPath), { recursive: true });
    token = await createTokenWithCli(db.dbPath, 'viewer', 'examples');
    api = await startApi({ dbPath: db.dbPath, env: { BRANCHSCOPE_AUTH: 'token', BRANCHSCOPE_READS: 'token' } });
  });
  afterAll(async () => {
    await api?.stop();
    db?.remove();
  });

  const runExample = (name: keyof typeof EXAMPLES, env: Record<string, string>) => {
    const [command, args] = EXAMPLES[name];
    return run(command, [...args], { cwd: REPO_ROOT, env: { ...process.env, BRANCHSCOPE_API_URL: api.url, ...env }, timeout: 120_000 });
  };

  it.each(Object.keys(EXAMPLES) as (keyof typeof EXAMPLES)[])('%s: refuses to run without a token, naming BRANCHSCOPE_TOKEN', async (name) => {
    await expect(runExample(name, { BRANCHSCOPE_TOKEN: '' })).rejects.toMatchObject({ stderr: expect.stringContaining('BRANCHSCOPE_TOKEN') });
  });

  // The first example (node) asks while no SVD is stored, so it follows the job the API answers with.
  it.each(Object.keys(EXAMPLES) as (keyof typeof EXAMPLES)[])('%s: fetches the SVD factors (following the job) and the enrichment table', async (name) => {
    const { stdout } = await runExample(name, { BRANCHSCOPE_TOKEN: token });
    outputs[name] = stdout;
    expect(stdout).toMatch(/svdFactors/);
    expect(stdout).toMatch(/enrichment/);
  });

  it('prints what the API answers: the same singular values and enrichment rows from each', async () => {
    const svd = (await postGraphqlAs<{ svdFactors: { result: SvdTruth } }>(api.url, token, SVD)).data!.svdFactors.result;
    const rows = (await postGraphqlAs<{ enrichment: EnrichmentTruth[] }>(api.url, token, ENRICHMENT)).data!.enrichment;
    expect(svd.rows).toBe(96);
    expect(rows.find((r) => r.branch === 'mixed3a/5x5' && r.category === 'BW vs Color')?.inBranch).toBe(9);

    // curl prints the JSON answers.
    const curlLines = outputs.curl!.split('\n');
    const curlSvd = JSON.parse(curlLines.find((line) => line.startsWith('svdFactors '))!.slice('svdFactors '.length)) as SvdTruth;
    expect(curlSvd).toMatchObject({ rows: svd.rows, cols: svd.cols, singularValues: svd.singularValues });
    const curlRows = JSON.parse(curlLines.find((line) => line.startsWith('enrichment '))!.slice('enrichment '.length)) as EnrichmentTruth[];
    expect(curlRows.map((r) => [r.branch, r.category, r.inBranch, r.p])).toEqual(rows.map((r) => [r.branch, r.category, r.inBranch, r.p]));

    // Python and Node print the same table, to 4 decimals and 4 significant digits.
    const values = `singular values: ${svd.singularValues.map((s) => s.toFixed(4)).join(' ')}`;
    for (const name of ['python', 'node'] as const) {
      const out = outputs[name]!;
      expect(out).toContain(`svdFactors alexnet conv1 -> conv2: ${svd.rows} x ${svd.cols}`);
      expect(out).toContain(values);
      const printed = tableRows(out);
      expect(printed.map((r) => [r.branch, r.category, r.inBranch])).toEqual(rows.map((r) => [r.branch, r.category, r.inBranch]));
      printed.forEach((r, i) => expect(Math.abs(r.p - rows[i]!.p)).toBeLessThanOrEqual(5e-4 * rows[i]!.p));
    }
    expect(outputs.python).toBe(outputs.node);
  });
});
