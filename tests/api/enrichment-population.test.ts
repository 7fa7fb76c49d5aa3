import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postGraphql } from '../support/graphql';
import { startApi, tempDbPath, type RunningApi } from '../support/start-api';
import { ENRICHMENT, createLabelSet, enrichment, exactTail, labelUnit, type EnrichmentRow } from './label-queries';

const PUBLISHED = 'published:inceptionv1-5x5';

const row = (rows: EnrichmentRow[], branch: string, category: string) => {
  const found = rows.find((r) => r.branch === branch && r.category === category);
  if (!found) throw new Error(`no row for ${branch} / ${category} in ${JSON.stringify(rows.map((r) => [r.branch, r.category]))}`);
  return found;
};

describe('API: enrichment says what is labelled and can draw from labelled units only', () => {
  let api: RunningApi;
  let db: ReturnType<typeof tempDbPath>;
  let humanSetId: string;
  beforeAll(async () => {
    db = tempDbPath();
    api = await startApi({ dbPath: db.dbPath });
    // mixed3a: 1x1 is units 0-63, 5x5 units 192-223. Labelled: 192-194 'curve' and 195 'other' in the 5x5, 0 and 1
    // 'other' in the 1x1: 6 labelled units, 4 of them in the 5x5.
    humanSetId = (await createLabelSet(api.url, 'inceptionv1', 'curves', 'ada')).id;
    const labels: [number, string][] = [[192, 'curve'], [193, 'curve'], [194, 'curve'], [195, 'other'], [0, 'other'], [1, 'other']];
    for (const [unit, category] of labels) {
      const { errors } = await labelUnit(api.url, { labelSetId: humanSetId, layer: 'mixed3a', unit, category, author: 'ada' });
      if (errors) throw new Error(errors[0]!.message);
    }
  });
  afterAll(async () => {
    await api?.stop();
    db?.remove();
  });

  it("says that the published set labels none of mixed3a's 1x1 branch and all 32 units of its 5x5", async () => {
    const rows = await enrichment(api.url, 'inceptionv1', PUBLISHED, 'mixed3a');
    expect(row(rows, 'mixed3a/1x1', 'BW vs Color')).toMatchObject({ inBranch: 0, branchSize: 64, branchLabelled: 0, layerUnits: 256, layerLabelled: 32 });
    expect(row(rows, 'mixed3a/5x5', 'BW vs Color')).toMatchObject({ inBranch: 9, branchSize: 32, branchLabelled: 32, layerLabelled: 32 });
  });

  it('draws from all units by default, as the article does: 2.4847e-9 with or without population: ALL_UNITS', async () => {
    const byDefault = await enrichment(api.url, 'inceptionv1', PUBLISHED, 'mixed3a');
    const allUnits = await enrichment(api.url, 'inceptionv1', PUBLISHED, 'mixed3a', 'ALL_UNITS');
    expect(allUnits).toEqual(byDefault);
    expect(row(allUnits, 'mixed3a/5x5', 'BW vs Color').p.toPrecision(5)).toBe('2.4847e-9');
  });

  it('gives p = 1 over labelled units where the published set labels only the 5x5 branch', async () => {
    const rows = await enrichment(api.url, 'inceptionv1', PUBLISHED, 'mixed3a', 'LABELLED');
    // All 32 labelled units lie in the 5x5: drawing 32 of 32 holds all 9 'BW vs Color' for sure.
    expect(row(rows, 'mixed3a/5x5', 'BW vs Color')).toMatchObject({ inBranch: 9, p: 1, expected: 9 });
    expect(row(rows, 'mixed3a/1x1', 'BW vs Color')).toMatchObject({ inBranch: 0, branchLabelled: 0, p: 1, expected: 0 });
  });

  it('computes the hypergeometric over labelled units: 4 of 6 drawn for the 5x5, against 32 of 256', async () => {
    const all = row(await enrichment(api.url, 'inceptionv1', humanSetId, 'mixed3a', 'ALL_UNITS'), 'mixed3a/5x5', 'curve');
    const labelled = row(await enrichment(api.url, 'inceptionv1', humanSetId, 'mixed3a', 'LABELLED'), 'mixed3a/5x5', 'curve');
    expect(labelled).toMatchObject({ inBranch: 3, categorySize: 3, branchLabelled: 4, layerLabelled: 6 });
    // C(32,3) / C(256,3) = 4960 / 2763520 over all units; C(3,3) C(3,1) / C(6,4) = 3 / 15 over labelled units.
    expect(Math.abs(all.p - exactTail(256, 3, 32, 3)) / all.p).toBeLessThan(1e-12);
    expect(Math.abs(all.p - 4960 / 2763520) / all.p).toBeLessThan(1e-12);
    expect(Math.abs(labelled.p - exactTail(6, 3, 4, 3)) / labelled.p).toBeLessThan(1e-12);
    expect(Math.abs(labelled.p - 0.2) / labelled.p).toBeLessThan(1e-12);
    expect(labelled.expected).toBeCloseTo(2, 12);
  });

  it('rejects a population the schema does not name, with BAD_USER_INPUT', async () => {
    const { errors } = await postGraphql(api.url, ENRICHMENT, { modelId: 'inceptionv1', labelSetId: PUBLISHED, layer: 'mixed3a', population: 'SOME' });
    expect(errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(errors?.[0]?.message).toMatch(/EnrichmentPopulation/);
  });
});
