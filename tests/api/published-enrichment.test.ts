import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi, tempDbPath, type RunningApi } from '../support/start-api';
import { enrichment, labelSets, type EnrichmentRow } from './label-queries';

describe('API: the published InceptionV1 5x5 categories', () => {
  let api: RunningApi;
  let db: ReturnType<typeof tempDbPath>;
  const published = 'published:inceptionv1-5x5';
  beforeAll(async () => {
    db = tempDbPath();
    api = await startApi({ dbPath: db.dbPath });
  });
  afterAll(async () => {
    await api?.stop();
    db?.remove();
  });

  const row = (rows: EnrichmentRow[], branch: string, category: string) => {
    const found = rows.find((r) => r.branch === branch && r.category === category);
    if (!found) throw new Error(`no row for ${branch} / ${category} in ${JSON.stringify(rows.map((r) => [r.branch, r.category]))}`);
    return found;
  };

  it('registers the published set on inceptionv1 at start, with its attribution', async () => {
    const [set] = (await labelSets(api.url, 'inceptionv1')).filter((s) => s.id === published);
    expect(set).toMatchObject({ source: 'PUBLISHED', modelId: 'inceptionv1', labelCount: 176 });
    expect((set!.params as { about: string }).about).toMatch(/Voss et al\., Distill 2021, CC-BY 4\.0/);
  });

  it("reports the article's 2.4847e-9 for 'BW vs Color' in mixed3a's 5x5 branch", async () => {
    const bw = row(await enrichment(api.url, 'inceptionv1', published, 'mixed3a'), 'mixed3a/5x5', 'BW vs Color');
    expect([bw.inBranch, bw.categorySize, bw.branchSize, bw.layerUnits]).toEqual([9, 9, 32, 256]);
    expect(bw.p.toPrecision(5)).toBe('2.4847e-9');
    expect(Math.abs(bw.logP - Math.log(bw.p))).toBeLessThan(1e-9);
  });

  it("reports the article's 1.6794e-23 for 'Curve Related' in mixed3b's 5x5 branch", async () => {
    const curves = row(await enrichment(api.url, 'inceptionv1', published, 'mixed3b'), 'mixed3b/5x5', 'Curve Related');
    expect([curves.inBranch, curves.categorySize, curves.branchSize, curves.layerUnits]).toEqual([30, 30, 96, 480]);
    expect(curves.p.toPrecision(5)).toBe('1.6794e-23');
  });

  it('gives a q-value for every row, at least its p and at most 1', async () => {
    const rows = await enrichment(api.url, 'inceptionv1', published, 'mixed3a');
    expect(rows.length).toBe(4 * 4);
    for (const r of rows) {
      expect(r.q).toBeGreaterThanOrEqual(r.p);
      expect(r.q).toBeLessThanOrEqual(1);
    }
    // 16 rows; 'BW vs Color' in 5x5 has the 2nd smallest p, so q = p * 16 / 2 unless a larger p's bound is lower.
    const bw = row(rows, 'mixed3a/5x5', 'BW vs Color');
    expect(bw.q / bw.p).toBeCloseTo(8, 9);
  });

  it('answers BAD_USER_INPUT naming the branched blocks for a layer that is no block output', async () => {
    const response = await fetch(api.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query: `{ enrichment(modelId: "inceptionv1", labelSetId: "${published}", layer: "conv2d0") { p } }`,
      }),
    });
    const body = (await response.json()) as { errors: { message: string; extensions: { code: string } }[] };
    expect(body.errors[0]?.extensions.code).toBe('BAD_USER_INPUT');
    expect(body.errors[0]?.message).toMatch(/layer 'conv2d0' is not the output of a branched block; branched blocks by output layer: mixed3a \(concat\), mixed3b/);
  });
});
