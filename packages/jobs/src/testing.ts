export type { RedisServer } from './testing/redis-server';
export { startRedisServer } from './testing/redis-server';
export type { AnyJobKinds } from './job-kinds';
export { sampleRenderInput, sampleWeightImagesInput, sampleImportInput } from './testing/sample-inputs';
