export type { PostgresServer } from './testing/postgres-server';
export { startPostgresServer } from './testing/postgres-server';
export { freePort } from './testing/free-port';
