import {
  ClusterabilityDetailQuery,
  operationText,
  PermutationTestQuery,
  RuleLabelSetMutation,
  type ClusterabilityDetailQueryResult,
  type LabelSetSummary,
  type PermutationTest,
  type PermutationTestQueryResult,
  type RuleLabelSetMutationResult,
} from '@branchscope/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answerResponse } from '../support/follow-answer';
import { postGraphql, queryData, type GraphqlResponse } from '../support/graphql';
import { listJobs } from '../support/jobs';
import { startApi, tempDbPath, type RunningApi } from '../support/start-api';
import { labelSet } from './label-queries';

/** small-alexnet-2b's conv2 has 64 units: conv2/group0 is 0-31, conv2/group1 is 32-63. */
const descriptors = Array.from({ length: 64 }, (_, unit) => {
  // 20 of group 0's units are colourful and 12 grey; the other way round in group 1.
  const color = unit < 32 ? unit % 8 < 5 : unit % 8 < 3;
  return { unit, colorIndex: color ? 0.9 : 0.1, frequency: unit % 2 ? 0.2 : 0.02 };
});

// The client's documents, as a script sends them; small-alexnet-2b's conv2 throughout.
const MODEL = { modelId: 'small-alexnet-2b', layer: 'conv2' };
const RULE_SET = operationText(RuleLabelSetMutation);
const PERMUTATION_TEST = operationText(PermutationTestQuery);
const CLUSTERABILITY = operationText(ClusterabilityDetailQuery);

/** The clusterability result as ClusterabilityDetail reads it (shuffled n-cuts, clusters and eigenvalues too). */
type Clusterability = NonNullable<ClusterabilityDetailQueryResult['clusterability']['result']>;

describe('API: rule label sets, the permutation test and clusterability', () => {
  let api: RunningApi;
  let db: ReturnType<typeof tempDbPath>;
  let rules: LabelSetSummary;
  beforeAll(async () => {
    db = tempDbPath();
    api = await startApi({ dbPath: db.dbPath });
    rules = (await queryData<RuleLabelSetMutationResult>(api.url, RULE_SET, { ...MODEL, descriptors, rules: { colorAtLeast: 0.7 } })).ruleLabelSet;
  });
  afterAll(async () => {
    await api?.stop();
    db?.remove();
  });

  /** The permutationTest answer's result once there (following its job), or the errors of a refused request. */
  const permutationTest = (variables: { permutations: number; seed: number; categories?: string[] }) =>
    answerResponse<PermutationTest>(
      api.url,
      () => postGraphql<PermutationTestQueryResult>(api.url, PERMUTATION_TEST, { ...MODEL, labelSetId: rules.id, ...variables }),
      'permutationTest',
    ) as Promise<GraphqlResponse<{ permutationTest: PermutationTest }>>;
  /** The clusterability answer's result once there (following its job), or the errors of a refused request. */
  const clusterability = (variables: { modelId?: string; layers?: string[]; k?: number; shuffles?: number; seed?: number }) =>
    answerResponse<Clusterability>(
      api.url,
      () =>
        postGraphql<ClusterabilityDetailQueryResult>(api.url, CLUSTERABILITY, {
          modelId: 'small-alexnet-2b',
          layers: ['conv1', 'conv2'],
          k: 2,
          shuffles: 20,
          seed: 0,
          ...variables,
        }),
      'clusterability',
    ) as Promise<GraphqlResponse<{ clusterability: Clusterability }>>;
  const clusterabilityJobs = async () =>
    (await listJobs(api.url)).filter((job) => job.kind === 'clusterability');

  it('stores a rule set with one colour and one frequency label per unit, keeping the thresholds given', async () => {
    expect(rules).toMatchObject({ source: 'RULE', author: 'rules', labelCount: 128 });
    const params = rules.params as { layer: string; rules: Record<string, unknown>; descriptors: unknown[] };
    expect(params.layer).toBe('conv2');
    expect(params.rules).toMatchObject({ colorAtLeast: 0.7, blackAndWhiteAtMost: 0.3, dimensions: ['color', 'frequency'] });
    expect(params.descriptors).toHaveLength(64);
  });

  it('labels by the thresholds: unit 0 colour and low frequency, unit 1 colour and high frequency', async () => {
    const labels = (await labelSet(api.url, rules.id))!.labels.filter((l) => l.unit <= 1);
    expect(labels.map((l) => [l.unit, l.category])).toEqual([
      [0, 'color'],
      [0, 'low-frequency'],
      [1, 'color'],
      [1, 'high-frequency'],
    ]);
  });

  it('names the descriptor whose unit lies beyond the layer', async () => {
    const { errors } = await postGraphql(api.url, RULE_SET, { ...MODEL, descriptors: [{ unit: 64, colorIndex: 0.5, frequency: 0.1 }] });
    expect(errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(errors?.[0]?.message).toBe("descriptors[0].unit 64 is out of range for layer 'conv2', which has 64 units (0 to 63)");
  });

  it('names contradictory thresholds', async () => {
    const { errors } = await postGraphql(api.url, RULE_SET, { ...MODEL, descriptors, rules: { blackAndWhiteAtMost: 0.8 } });
    expect(errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(errors?.[0]?.message).toMatch(/blackAndWhiteAtMost \(0\.8\) must be below colorAtLeast \(0\.6\)/);
  });

  it('tabulates the colour labels by branch', async () => {
    const { data } = await permutationTest({ permutations: 200, seed: 7, categories: ['color', 'black-and-white'] });
    expect(data?.permutationTest).toMatchObject({
      groups: ['conv2/group0', 'conv2/group1'],
      categories: ['color', 'black-and-white'],
      table: [
        [20, 12],
        [12, 20],
      ],
    });
    expect(data?.permutationTest.p).toBeGreaterThan(0);
    expect(data?.permutationTest.p).toBeLessThanOrEqual(1);
  });

  it('gives the same permutation test for the same seed', async () => {
    const args = { permutations: 500, seed: 11, categories: ['color', 'black-and-white'] };
    const [a, b] = [await permutationTest(args), await permutationTest(args)];
    expect(a.errors).toBeUndefined();
    expect(b.data).toEqual(a.data);
  });

  it('gives a different permutation p for another seed', async () => {
    const categories = ['color', 'black-and-white'];
    const a = await permutationTest({ permutations: 500, seed: 11, categories });
    const b = await permutationTest({ permutations: 500, seed: 12, categories });
    expect(b.data?.permutationTest.p).not.toBe(a.data?.permutationTest.p);
  });

  it('asks for `categories` when units carry two categories', async () => {
    const { errors } = await permutationTest({ permutations: 10, seed: 0 });
    expect(errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(errors?.[0]?.message).toMatch(/unit 0 has two categories .*pass `categories` to test one dimension at a time/);
  });

  it('names the permutation limit', async () => {
    const { errors } = await permutationTest({ permutations: 100_001, seed: 0 });
    expect(errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(errors?.[0]?.message).toBe('permutations must be an integer from 1 to 100000, got 100001');
  });

  it('finds conv2’s two groups as the two clusters of conv1 -> conv2, with a p in (0, 1]', async () => {
    const { data, errors } = await clusterability({});
    expect(errors).toBeUndefined();
    const result = data!.clusterability;
    expect(result.layerSizes).toEqual([32, 64]);
    expect(result.shuffledNCuts).toHaveLength(20);
    expect(result.p).toBeGreaterThan(0);
    expect(result.p).toBeLessThanOrEqual(1);
    // conv1 units 0-15 feed only conv2/group0 (0-31), so with these weights the graph falls into two parts.
    const [conv1, conv2] = result.clustersByLayer;
    expect(new Set([...conv1!.slice(0, 16), ...conv2!.slice(0, 32)]).size).toBe(1);
    expect(new Set([...conv1!.slice(16), ...conv2!.slice(32)]).size).toBe(1);
    expect(result.observedNCut).toBeLessThan(1e-9);
    expect(result.zScore).toBeLessThan(0);
    expect(result.warnings).toEqual([]);
  });

  it('serves a second identical clusterability from the store: same answer, no new job', async () => {
    const first = (await clusterability({})).data!.clusterability;
    const jobs = await clusterabilityJobs();
    const second = (await clusterability({})).data!.clusterability;
    expect(second).toEqual(first);
    expect(await clusterabilityJobs()).toHaveLength(jobs.length);
    expect(jobs).toHaveLength(1);
  });

  // small-alexnet-2b's conv2 -> conv5 with k = 2: every shuffle settles on the same cut (sd about 1e-16, rounding),
  // which used to give z near -3e15.
  it('answers zScore null with a warning when the shuffled n-cuts agree to rounding', async () => {
    const { data, errors } = await clusterability({ layers: ['conv2', 'conv3', 'conv4', 'conv5'], shuffles: 10 });
    expect(errors).toBeUndefined();
    const result = data!.clusterability;
    expect(result).toMatchObject({ sd: 0, zScore: null, p: 1 / 11 });
    expect(result.observedNCut).toBeLessThan(result.mean);
    expect(result.warnings).toHaveLength(1);
    expect(result.warnings[0]).toMatch(/^all 10 shuffles gave the same n-cut \(0\.\d+; sd \S+ is rounding\), so the z-score is undefined \(null\)/);
  });

  // small-alexnet-1b (unbranched) conv1 -> conv4 with k = 2: the clustering cuts between conv2 and conv3, two whole
  // layers a side, which no shuffle within layers can change.
  it('warns that whole-layer clusters make p = 1 meaningless, naming the layers of each cluster', async () => {
    const layers = ['conv1', 'conv2', 'conv3', 'conv4'];
    const { data, errors } = await clusterability({ modelId: 'small-alexnet-1b', layers, shuffles: 10 });
    expect(errors).toBeUndefined();
    const result = data!.clusterability;
    expect(result.p).toBe(1);
    expect(result.zScore).toBeNull();
    expect(result.clustersByLayer.map((clusters) => new Set(clusters).size)).toEqual([1, 1, 1, 1]);
    expect(result.warnings).toContain(
      'the 2 clusters are whole layers (conv1, conv2 | conv3, conv4): shuffling within layers cannot change this cut, ' +
        'so p = 1 says nothing about the weights; use k > 4 (the number of layers) or one layer pair',
    );
  });

  it.each([
    [{ shuffles: 1001 }, 'shuffles must be an integer from 1 to 1000, got 1001'],
    [{ k: 1 }, 'k must be an integer from 2 to 64, got 1'],
    [{ k: 65 }, 'k must be an integer from 2 to 64, got 65'],
    [
      { modelId: 'resnet50-v1', layers: ['stage4_unit1_conv3', 'stage4_unit2_conv1', 'stage4_unit2_conv3', 'stage4_unit3_conv3'] },
      'layers stage4_unit1_conv3, stage4_unit2_conv1, stage4_unit2_conv3, stage4_unit3_conv3 have 6656 units in all, more than the limit of 4096',
    ],
  ])('answers BAD_USER_INPUT naming the limit for %j', async (variables, message) => {
    const { errors } = await clusterability(variables);
    expect(errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(errors?.[0]?.message).toBe(message);
  });

  it('names the layers that do not connect and creates no job for them', async () => {
    const before = (await clusterabilityJobs()).length;
    const { errors } = await clusterability({ layers: ['conv1', 'conv3'] });
    expect(errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(errors?.[0]?.message).toMatch(/model 'small-alexnet-2b': .*conv1 -> conv3/);
    expect(await clusterabilityJobs()).toHaveLength(before);
  });
});
