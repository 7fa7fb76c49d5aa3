import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { operationText, SpecializationReportQuery, type LayerSpecialization, type SpecializationReport, type SpecializationReportQueryResult } from '@branchscope/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postGraphql } from '../support/graphql';
import { jobById } from '../support/jobs';
import { REPO_ROOT, startApi, tempDbPath, type RunningApi } from '../support/start-api';
import { importAndWait } from './import-queries';

const PYTHON = '/usr/bin/python3';
const EXPORT_SCRIPT = path.join(REPO_ROOT, 'tests/support/export-grouped-alexnet.py');

function torchMissing(): string | undefined {
  const probe = spawnSync(PYTHON, ['-c', 'import torch'], { encoding: 'utf8' });
  if (probe.status === 0) return undefined;
  return `${PYTHON} cannot import torch: install Debian's python3-torch (scripts/ensure-system-deps.mjs torch does it as root)`;
}

/** The client's SpecializationReport query, as a script sends it. */
const REPORT = operationText(SpecializationReportQuery);
type Report = SpecializationReport;
type LayerReport = LayerSpecialization;

/** Asks `model.specializationReport`; while it answers with a job, waits for the job's end and asks again. */
async function reportOf(url: string, id: string, layer?: string): Promise<Report> {
  for (let asked = 0; asked < 3; asked++) {
    const { data, errors } = await postGraphql<SpecializationReportQueryResult>(url, REPORT, { modelId: id, layer: layer ?? null });
    if (!data?.model) throw new Error(errors?.map((e) => e.message).join('; ') ?? `no model '${id}'`);
    const answer = data.model.specializationReport;
    if (answer.result) return answer.result;
    const deadline = Date.now() + 120_000;
    for (;;) {
      const job = await jobById(url, answer.job!.id);
      if (job.status === 'SUCCEEDED') break;
      if (job.status === 'FAILED' || Date.now() > deadline) throw new Error(`specialization-report job ${job.id}: ${job.status} ${job.error ?? ''}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
  throw new Error('the report still answered with a job after its job succeeded');
}

function expectComputed(layer: LayerReport): void {
  const color = layer.color!;
  expect(color.colorIndices).toHaveLength(layer.units);
  expect([...color.colorIndices, ...color.frequencies].every(Number.isFinite)).toBe(true);
  expect(color.histogram.counts.reduce((a, b) => a + b, 0)).toBe(layer.units);
  expect(Object.values(color.bimodality).every(Number.isFinite)).toBe(true);
  expect(color.bimodality.n).toBe(layer.units);
  expect(Object.values(color.dip).every(Number.isFinite)).toBe(true);
  expect(color.dip.dip).toBeGreaterThanOrEqual(1 / (2 * layer.units) - 1e-12);
  expect(color.dip.dip).toBeLessThanOrEqual(0.25);
  expect(layer.factors!.map((f) => [f.centered, f.vector])).toEqual([[false, 0], [false, 1], [true, 0], [true, 1]]);
  expect(layer.factors!.every((f) => Number.isFinite(f.colorSpearman) && f.explainedVariance >= 0 && f.explainedVariance <= 1)).toBe(true);
  expect(layer.factors![0]!.oneSigned).toBe(true);
}

describe('API: the specialization report of any model', () => {
  let api: RunningApi;
  let db: ReturnType<typeof tempDbPath>;
  beforeAll(async () => {
    db = tempDbPath();
    api = await startApi({ dbPath: db.dbPath });
  });
  afterAll(async () => {
    await api?.stop();
    db?.remove();
  });

  it("reports the built-in AlexNet's conv1, split by conv2's groups, saying its weights are seeded random", async () => {
    const result = await reportOf(api.url, 'alexnet');
    expect(result.weights).toBe('SEEDED_RANDOM');
    expect(result.weightsStatement).toMatch(/seeded random/);
    expect(result.markdown).toMatch(/^# Specialization report/);
    const [conv1] = result.layers;
    expect([conv1!.layer, conv1!.units, conv1!.choice, conv1!.next]).toEqual(['conv1', 96, 'first layer, branched', 'conv2']);
    expect(conv1!.branches).toEqual({ block: 'conv2', kind: 'GROUPED', ranges: [{ name: 'conv2/group0', start: 0, end: 48 }, { name: 'conv2/group1', start: 48, end: 96 }] });
    expect(conv1!.splitTest!.pairs).toHaveLength(1);
    expectComputed(conv1!);
  });

  it('answers a second ask from the store, with the same job id', async () => {
    const first = await reportOf(api.url, 'alexnet');
    const { data } = await postGraphql<SpecializationReportQueryResult>(api.url, REPORT, { modelId: 'alexnet', layer: null });
    expect(data!.model!.specializationReport.job).toBeNull();
    expect(data!.model!.specializationReport.result!.jobId).toBe(first.jobId);
  });

  it('names a layer the model does not have', async () => {
    const { errors } = await postGraphql(api.url, REPORT, { modelId: 'alexnet', layer: 'conv9' });
    expect(errors?.[0]?.message).toMatch(/model 'alexnet' has no layer 'conv9'/);
    expect(errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  const missing = torchMissing();
  it.skipIf(missing !== undefined)(`reports a grouped AlexNet exported from PyTorch and imported, with its branches found${missing ? ` (skipped: ${missing})` : ''}`, async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'branchscope-report-'));
    try {
      const file = path.join(dir, 'grouped-alexnet.onnx');
      execFileSync(PYTHON, [EXPORT_SCRIPT, file], { stdio: ['ignore', 'ignore', 'pipe'] });
      const job = await importAndWait(api.url, { name: 'Grouped AlexNet from PyTorch (untrained)', format: 'ONNX', path: file, inputRange: [-2.2, 2.7] });
      expect(job.status).toBe('SUCCEEDED');
      const result = await reportOf(api.url, job.model!.id);
      expect(result.weights).toBe('IMPORTED');
      const [conv1] = result.layers;
      expect([conv1!.layer, conv1!.units, conv1!.next]).toEqual(['conv1', 96, 'conv2']);
      expect(conv1!.branches!.ranges.map((r) => [r.start, r.end])).toEqual([[0, 48], [48, 96]]);
      expect(['SPLIT', 'PARTIAL', 'NONE']).toContain(conv1!.splitTest!.colorVerdict);
      expect(conv1!.splitTest!.pairs.every((p) => p.colorP >= 0 && p.colorP <= 1)).toBe(true);
      expectComputed(conv1!);
      const conv2 = await reportOf(api.url, job.model!.id, 'conv2');
      expect(conv2.layers[0]!.color).toBeNull();
      expect(conv2.layers[0]!.branches!.ranges).toHaveLength(2);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 300_000);
});
