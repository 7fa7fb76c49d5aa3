/**
 * Where this zone lives: every page and `_next` asset is under it (`next.config.ts`), and client code that fetches
 * the zone's own route handlers must prefix it, since `fetch` knows nothing of Next's basePath.
 */
export const BASE_PATH = '/alexnet';
