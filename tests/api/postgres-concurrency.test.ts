import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiDatabases, type ApiDatabase } from '../support/api-database';
import { startApi, type RunningApi } from '../support/start-api';
import { createLabelSet, labelSet, labelUnit, type Label } from './label-queries';

/** Label mutations each API process receives, all sent at once. */
const PER_API = 200;
/** conv3 units API A labels (0 to 199) and API B labels (100 to 299): units 100 to 199 are labelled by both. */
const range = (first: number, count: number) => Array.from({ length: count }, (_, i) => first + i);
/** Both send the units they share first, in the same order, so each shared unit's two labels arrive together. */
const SHARED = range(100, 100);
const A_UNITS = [...SHARED, ...range(0, 100)];
const B_UNITS = [...SHARED, ...range(200, 100)];

describe('API: two API processes on one PostgreSQL database', () => {
  const databases = apiDatabases('postgres');
  let db: ApiDatabase;
  let a: RunningApi;
  let b: RunningApi;
  beforeAll(async () => {
    db = await databases.fresh();
    // Started together on an empty database: both migrate it and register the built-in models at the same moment.
    // No pool processes (labelling runs no job), so two APIs fit the machine's cores.
    const env = { ...db.env, BRANCHSCOPE_WORKERS: '0' };
    [a, b] = await Promise.all([startApi({ dbPath: db.dbPath, env }), startApi({ dbPath: db.dbPath, env })]);
  });
  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    db?.remove();
  });

  it('keeps every label both receive at once: each unit labelled exactly once, by one of the writers it was sent to', async () => {
    const set = await createLabelSet(a.url, 'alexnet', 'two writers', 'ada');
    const send = (api: RunningApi, author: string, units: number[]) =>
      units.map((unit) => labelUnit(api.url, { labelSetId: set.id, layer: 'conv3', unit, category: `by-${author}`, author }));
    const started = Date.now();
    const answers = await Promise.all([...send(a, 'ada', A_UNITS), ...send(b, 'bob', B_UNITS)]);
    const elapsed = Date.now() - started;
    const failed = answers.filter((answer) => answer.errors);
    expect(failed.map((answer) => answer.errors![0]!.message)).toEqual([]);
    expect(answers).toHaveLength(2 * PER_API);
    expect(answers.map((answer) => answer.data?.labelUnit.unit)).toEqual([...A_UNITS, ...B_UNITS]);

    // Both processes read the same rows.
    const [fromA, fromB] = await Promise.all([labelSet(a.url, set.id), labelSet(b.url, set.id)]);
    expect(fromB!.labels).toEqual(fromA!.labels);
    const labels = fromA!.labels;
    expect(fromA!.labelCount).toBe(300);
    const byUnit = new Map<number, Label[]>();
    for (const label of labels) byUnit.set(label.unit, [...(byUnit.get(label.unit) ?? []), label]);
    // Nothing lost: units 0 to 299 all labelled. Nothing duplicated: one label per unit.
    expect([...byUnit.keys()].sort((x, y) => x - y)).toEqual(range(0, 300));
    expect([...byUnit.values()].filter((list) => list.length !== 1)).toEqual([]);
    for (const [unit, [label]] of byUnit) {
      const writers = unit < 100 ? ['ada'] : unit < 200 ? ['ada', 'bob'] : ['bob'];
      expect(writers).toContain(label!.author);
      expect(label!.category).toBe(`by-${label!.author}`);
    }
    console.log(`${answers.length} label mutations through two API processes on one PostgreSQL in ${elapsed} ms`);
  });
});

describe('API: an unreachable PostgreSQL server', () => {
  it('stops the start with one line naming its host and port, the password masked and no stack', async () => {
    const failure = await startApi({ dbPath: 'postgres://ada:s3cret@127.0.0.1:1/branchscope', timeoutMs: 60_000 }).then(
      () => undefined,
      (error: Error) => error.message,
    );
    expect(failure).toMatch(/api failed to start: cannot open store postgres:\/\/ada:\*\*\*@127\.0\.0\.1:1\/branchscope: cannot connect to PostgreSQL at 127\.0\.0\.1:1: connect ECONNREFUSED/);
    expect(failure).not.toContain('s3cret');
    expect(failure).not.toMatch(/^\s+at /m);
  });
});
