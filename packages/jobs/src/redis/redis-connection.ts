import { Redis } from 'ioredis';
import { JobQueueError } from '../job-queue';

/** `url` without its password, for messages and logs. */
export function redactRedisUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString().replace(/\/$/, '');
  } catch {
    return '(not a URL)';
  }
}

/** Throws a `JobQueueError` unless `url` is a `redis://` or `rediss://` URL. */
export function checkRedisUrl(url: string): void {
  let protocol = '';
  try {
    protocol = new URL(url).protocol;
  } catch {
    // Reported below.
  }
  if (protocol !== 'redis:' && protocol !== 'rediss:') {
    throw new JobQueueError(`a Redis URL looks like redis://host:6379 (or rediss:// for TLS), got '${url}'`);
  }
}

/**
 * A connection as BullMQ needs it (`maxRetriesPerRequest: null`: commands wait for a reconnect instead of
 * failing). Repeated identical connection errors are reported once until the connection recovers.
 */
export function openRedis(url: string, onError: (error: Error) => void): Redis {
  checkRedisUrl(url);
  const redis = new Redis(url, { maxRetriesPerRequest: null });
  let last = '';
  redis.on('error', (error: Error) => {
    if (error.message === last) return;
    last = error.message;
    onError(new JobQueueError(`Redis at ${redactRedisUrl(url)}: ${error.message}`, { cause: error }));
  });
  redis.on('ready', () => (last = ''));
  return redis;
}

/** Resolves once `redis` is connected; rejects naming the URL and the last error after `timeoutMs`. */
export function whenConnected(redis: Redis, url: string, timeoutMs: number): Promise<void> {
  if (redis.status === 'ready') return Promise.resolve();
  return new Promise((resolve, reject) => {
    let lastError = '';
    const onError = (error: Error) => (lastError = error.message);
    const finish = () => {
      clearTimeout(timer);
      redis.off('ready', onReady);
      redis.off('error', onError);
    };
    const onReady = () => (finish(), resolve());
    const timer = setTimeout(() => {
      finish();
      const why = lastError ? `: ${lastError}` : '';
      reject(new JobQueueError(`cannot reach Redis at ${redactRedisUrl(url)} within ${timeoutMs} ms${why}`));
    }, timeoutMs);
    redis.on('ready', onReady);
    redis.on('error', onError);
  });
}

/** Closes a connection, politely if it is up. */
export async function closeRedis(redis: Redis): Promise<void> {
  if (redis.status === 'end') return;
  if (redis.status === 'ready') await redis.quit().catch(() => redis.disconnect());
  else redis.disconnect();
}
