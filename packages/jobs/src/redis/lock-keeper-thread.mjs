// The lock keeper's thread (see lock-keeper.ts). Plain JavaScript, so it loads without a TypeScript loader in
// any runner. It renews the BullMQ locks of the jobs its process holds, every `intervalMs`, on its own Redis
// connection and event loop: a handler that keeps the main thread busy for longer than a lock lasts does not
// lose its job, and a process that dies stops renewing at once.
import { parentPort, workerData } from 'node:worker_threads';
import { Job, Queue } from 'bullmq';
import { Redis } from 'ioredis';

const { url, prefix, lockDurationMs, intervalMs } = workerData;
const redis = new Redis(url, { maxRetriesPerRequest: null });
let lastError = '';
redis.on('error', (error) => {
  if (error.message === lastError) return;
  lastError = error.message;
  parentPort.postMessage({ type: 'error', message: `Redis: ${error.message}` });
});
redis.on('ready', () => (lastError = ''));

/** @type {Map<string, Queue>} */
const queues = new Map();
/** @type {Map<string, { job: Job, token: string }>} by job id */
const held = new Map();

const queueOf = (name) => {
  if (!queues.has(name)) {
    const queue = new Queue(name, { connection: redis, prefix });
    // A queue re-emits its connection's errors; unheard, one would end this thread. The connection reports them.
    queue.on('error', () => undefined);
    queues.set(name, queue);
  }
  return queues.get(name);
};

let stopping = false;
// BullMQ's queues start requests of their own on the shared connection (a version check, say); one still in flight
// when the connection closes for a stop rejects with "Connection is closed.": that ends no lock and is not news.
process.on('unhandledRejection', (error) => {
  if (stopping) return;
  parentPort.postMessage({ type: 'error', message: `unexpected: ${error?.message ?? error}` });
});

let renewing = false;
async function renew() {
  if (renewing) return;
  renewing = true;
  try {
    await Promise.all(
      [...held].map(async ([id, { job, token }]) => {
        try {
          const extended = await job.extendLock(token, lockDurationMs);
          if (!extended && held.get(id)?.token === token) {
            held.delete(id);
            parentPort.postMessage({ type: 'lost', id });
          }
        } catch (error) {
          if (!stopping) parentPort.postMessage({ type: 'error', message: `renewing the lock of job ${id}: ${error.message}` });
        }
      }),
    );
  } finally {
    renewing = false;
  }
}
const timer = setInterval(() => void renew(), intervalMs);

parentPort.on('message', async (message) => {
  if (message.type === 'hold') held.set(message.id, { job: new Job(queueOf(message.queue), 'lock', {}, {}, message.id), token: message.token });
  else if (message.type === 'release') {
    if (held.get(message.id)?.token === message.token) held.delete(message.id);
  } else if (message.type === 'stop') {
    stopping = true;
    clearInterval(timer);
    held.clear();
    await Promise.all([...queues.values()].map((queue) => queue.close().catch(() => undefined)));
    await redis.quit().catch(() => redis.disconnect());
    parentPort.postMessage({ type: 'stopped' });
    parentPort.close();
  }
});
