import type { Redis } from 'ioredis';
import { JobQueueError } from '../job-queue';
import type { JobLane } from '../kinds/lanes';

/** What a standalone worker tells the API about itself through Redis. */
export interface WorkerAnnouncement {
  /** The worker process, `host:pid` (the name its jobs carry in `Job.worker`). */
  name: string;
  /** The TensorFlow.js backend it runs jobs on: `node-gpu`, `node`, `wasm` or `cpu`. */
  backend: string;
  /** The lanes it takes jobs from. */
  lanes: JobLane[];
  /**
   * What it can run: `render:<backend>` for the backend it renders on (jobs pinned to it come to it), and each job
   * kind it has a handler for. Empty in announcements of workers older than this field.
   */
  capabilities: string[];
  /** When it last announced itself (ISO time). */
  seenAt: string;
}

/** How often a worker renews its announcement. */
export const ANNOUNCE_INTERVAL_MS = 15_000;

/** An announcement not renewed for this long is a worker gone (stopped, killed, or cut off from Redis). */
export const ANNOUNCEMENT_STALE_MS = 3 * ANNOUNCE_INTERVAL_MS;

/** One Redis hash per prefix: field = worker name, value = its announcement as JSON. */
const registryKey = (prefix: string): string => `${prefix}:workers`;

/**
 * Announces this worker in the registry now and every {@link ANNOUNCE_INTERVAL_MS} until `stop()`, which removes
 * it. A failed write goes to `onError` and is retried at the next renewal.
 */
export function announceWorker(
  redis: Redis,
  prefix: string,
  announcement: () => Omit<WorkerAnnouncement, 'seenAt'>,
  onError: (error: Error) => void,
): { stop(): Promise<void> } {
  const write = async (): Promise<void> => {
    // Skipped while disconnected: the connection queues commands until it is back, and renewals would pile up.
    if (redis.status !== 'ready') return;
    const value = { ...announcement(), seenAt: new Date().toISOString() };
    await redis.hset(registryKey(prefix), value.name, JSON.stringify(value)).catch((error: Error) =>
      onError(new JobQueueError(`cannot announce worker ${value.name} in Redis: ${error.message}`, { cause: error })),
    );
  };
  let writing = write();
  const timer = setInterval(() => (writing = writing.then(write)), ANNOUNCE_INTERVAL_MS);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await writing;
      if (redis.status === 'ready') await redis.hdel(registryKey(prefix), announcement().name).catch(() => undefined);
    },
  };
}

/**
 * The workers that announced themselves within {@link ANNOUNCEMENT_STALE_MS}, by name; stale entries are removed.
 * Rejects at once when Redis is not connected, and after `timeoutMs` when it does not answer, rather than wait
 * for a reconnect.
 */
export async function listWorkers(redis: Redis, prefix: string, timeoutMs = 2000, now = Date.now()): Promise<WorkerAnnouncement[]> {
  if (redis.status !== 'ready') throw new JobQueueError(`cannot list workers: Redis is ${redis.status}`);
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new JobQueueError(`cannot list workers: Redis did not answer within ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    const entries = await Promise.race([redis.hgetall(registryKey(prefix)), timeout]);
    const live: WorkerAnnouncement[] = [];
    const stale: string[] = [];
    for (const [name, json] of Object.entries(entries)) {
      const parsed = parseAnnouncement(json);
      if (parsed && now - Date.parse(parsed.seenAt) <= ANNOUNCEMENT_STALE_MS) live.push(parsed);
      else stale.push(name);
    }
    if (stale.length > 0) await redis.hdel(registryKey(prefix), ...stale).catch(() => undefined);
    return live.sort((a, b) => a.name.localeCompare(b.name));
  } finally {
    clearTimeout(timer);
  }
}

function parseAnnouncement(json: string): WorkerAnnouncement | undefined {
  try {
    const value = JSON.parse(json) as Partial<WorkerAnnouncement>;
    if (typeof value.name !== 'string' || typeof value.backend !== 'string' || typeof value.seenAt !== 'string' || !Array.isArray(value.lanes)) return undefined;
    const capabilities = Array.isArray(value.capabilities) ? value.capabilities.filter((c): c is string => typeof c === 'string') : [];
    return { name: value.name, backend: value.backend, lanes: value.lanes, capabilities, seenAt: value.seenAt };
  } catch {
    return undefined;
  }
}
