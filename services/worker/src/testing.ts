// What other workspaces' tests use from the worker's: a local model zoo to download from.
export type { FileServer, ServedRequest } from './fetch/file-server.test-support';
export { startFileServer } from './fetch/file-server.test-support';
