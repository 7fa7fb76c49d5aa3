export type { RedisServer } from './testing/redis-server';
export { startRedisServer } from './testing/redis-server';
