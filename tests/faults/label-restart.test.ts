import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLabelSet, LABEL_UNIT, labelSet } from '../api/label-queries';
import { freePort } from '@branchscope/store/testing';
import { startApi, tempDbPath, type RunningApi } from '../support/start-api';

/** A label the API acknowledged: HTTP 200 with the stored label and no error. */
interface Acknowledged {
  layer: string;
  unit: number;
  category: string;
}

const CATEGORIES = ['color', 'black-and-white', 'other'];
/** One layer per client, so each unit is written by one client only, once: what is stored can only be its label. */
const LAYERS = [
  { layer: 'conv2', units: 256 },
  { layer: 'conv3', units: 384 },
  { layer: 'conv4', units: 384 },
  { layer: 'conv5', units: 256 },
];

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A labelling client as the Inception zone is one: labels unit after unit of its layer, one request at a time,
 * keeping what the API acknowledged. A request that fails (the API gone, a reset connection, a 5xx) is not
 * acknowledged: the client waits a moment and sends it again, to whatever API listens on `url` by then.
 */
function labellingClient(url: string, labelSetId: string, layer: { layer: string; units: number }) {
  const acknowledged: Acknowledged[] = [];
  let failed = 0;
  let stopped = false;
  const done = (async () => {
    for (let unit = 0; unit < layer.units && !stopped; ) {
      const category = CATEGORIES[unit % CATEGORIES.length]!;
      try {
        const response = await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ query: LABEL_UNIT, variables: { labelSetId, layer: layer.layer, unit, category, author: 'ada' } }),
          signal: AbortSignal.timeout(10_000),
        });
        const body = (await response.json()) as { data?: { labelUnit?: { unit: number; category: string } }; errors?: unknown[] };
        if (response.status === 200 && !body.errors && body.data?.labelUnit?.unit === unit && body.data.labelUnit.category === category) {
          acknowledged.push({ layer: layer.layer, unit, category });
          unit++;
          continue;
        }
      } catch {
        // Refused, reset or timed out: not acknowledged.
      }
      failed++;
      await sleep(50);
    }
  })();
  return { acknowledged, failed: () => failed, done, stop: () => (stopped = true) };
}

/**
 * A real API receiving label mutations from four clients at once is killed (SIGKILL, then SIGTERM) mid-traffic and
 * restarted on the same database file and port while the clients go on; afterwards every label the API
 * acknowledged is stored.
 */
describe('API restarts under labelling traffic lose no acknowledged label', () => {
  let db: ReturnType<typeof tempDbPath>;
  let port: number;
  let api: RunningApi;
  // Labels need no worker: jobs, were there any, would run on the API's thread (no pool processes to start).
  const apiEnv = () => ({ BRANCHSCOPE_API_PORT: String(port), BRANCHSCOPE_WORKERS: '0' });
  beforeAll(async () => {
    db = tempDbPath();
    port = await freePort();
    api = await startApi({ dbPath: db.dbPath, env: apiEnv() });
  });
  afterAll(async () => {
    await api?.stop();
    db?.remove();
  });

  const restartAfter = async (acknowledged: () => number, atLeast: number, signal: 'SIGKILL' | 'SIGTERM') => {
    for (let tries = 0; acknowledged() < atLeast; tries++) {
      if (tries > 1200) throw new Error(`only ${acknowledged()} labels were acknowledged in a minute; wanted ${atLeast}\n${api.output()}`);
      await sleep(50);
    }
    const at = acknowledged();
    api.kill(signal);
    const exit = await api.exited;
    api = await startApi({ dbPath: db.dbPath, env: apiEnv() });
    return { at, exit };
  };

  it('stores every label acknowledged before, across and after a SIGKILL and a SIGTERM of the API', async () => {
    const url = api.url;
    const set = await createLabelSet(url, 'alexnet', 'restart under load', 'ada');
    const clients = LAYERS.map((layer) => labellingClient(url, set.id, layer));
    const acknowledged = () => clients.reduce((sum, client) => sum + client.acknowledged.length, 0);
    try {
      const killed = await restartAfter(acknowledged, 60, 'SIGKILL');
      expect(killed.exit).toEqual({ code: null, signal: 'SIGKILL' });
      const terminated = await restartAfter(acknowledged, killed.at + 60, 'SIGTERM');
      // SIGTERM closes the server and the store, then exits with code 0.
      expect(terminated.exit).toEqual({ code: 0, signal: null });
      for (let tries = 0; acknowledged() < terminated.at + 60; tries++) {
        if (tries > 1200) throw new Error(`only ${acknowledged()} labels were acknowledged after the second restart\n${api.output()}`);
        await sleep(50);
      }
    } finally {
      for (const client of clients) client.stop();
      await Promise.all(clients.map((client) => client.done));
    }
    console.log(`labels acknowledged: ${acknowledged()}; requests that failed across the restarts: ${clients.reduce((sum, client) => sum + client.failed(), 0)}`);

    const stored = (await labelSet(url, set.id))!.labels;
    const storedByUnit = new Map(stored.map((label) => [`${label.layer}/${label.unit}`, label]));
    const lost = clients
      .flatMap((client) => client.acknowledged)
      .filter((label) => storedByUnit.get(`${label.layer}/${label.unit}`)?.category !== label.category);
    expect(lost).toEqual([]);
    // A request cut off before its answer is sent again until acknowledged; only the last one of a client stopped
    // meanwhile may be stored unacknowledged.
    expect(stored.length - acknowledged()).toBeLessThanOrEqual(clients.length);
    expect(stored.every((label) => label.author === 'ada')).toBe(true);
  }, 300_000);
});
