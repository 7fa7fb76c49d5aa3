export type { ApiServerOptions, ApiServer } from './create-api-server';
export { createApiServer } from './create-api-server';
export type { ApiConfig, QueueConfig } from './api-config';
export { readApiConfig, DEFAULT_DB_PATH } from './api-config';
export { MAX_QUERY_DEPTH, MAX_INTROSPECTION_DEPTH } from './plugins/depth-limit';
export { MAX_BODY_BYTES } from './plugins/body-limit';
export { MAX_PERMUTATIONS, MAX_SHUFFLES, MIN_CLUSTERS, MAX_CLUSTERS, MAX_CLUSTER_UNITS, MAX_TEXT_LENGTH } from './domain/stat-limits';
