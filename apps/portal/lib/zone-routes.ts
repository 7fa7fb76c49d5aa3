import { apiUrlFromEnv } from '@branchscope/client';

/** Where the AlexNet zone listens when `BRANCHSCOPE_ALEXNET_URL` is not set. */
export const DEFAULT_ALEXNET_URL = 'http://127.0.0.1:3001';

/** Where the InceptionV1 5x5 zone listens when `BRANCHSCOPE_INCEPTION_URL` is not set. */
export const DEFAULT_INCEPTION_URL = 'http://127.0.0.1:3002';

/** Where the ResNet blocks zone listens when `BRANCHSCOPE_RESNET_URL` is not set. */
export const DEFAULT_RESNET_URL = 'http://127.0.0.1:3003';

/**
 * The absolute URL that serves `pathname` + `search` for the portal, or null when the portal serves it itself.
 * Read from the environment per request: ports are chosen when the system starts, after the build.
 *
 * - `/alexnet` and `/alexnet/*` (pages and the zone's `_next` assets, thanks to its basePath) go to the AlexNet zone;
 *   likewise `/inception*` to the InceptionV1 5x5 zone and `/resnet*` to the ResNet blocks zone.
 * - `/graphql` goes to the API, whatever path the API's own URL has.
 * - `/artifacts/*` (stored PNGs: weight and feature images, whose URLs the API gives as paths on its origin) goes to
 *   the API's origin, so pages served by the portal load them from the portal's origin.
 */
export function zoneDestination(
  pathname: string,
  search: string,
  env: Record<string, string | undefined> = process.env,
): URL | null {
  if (pathname === '/alexnet' || pathname.startsWith('/alexnet/')) {
    return new URL(pathname + search, env.BRANCHSCOPE_ALEXNET_URL || DEFAULT_ALEXNET_URL);
  }
  if (underPrefix(pathname, '/inception')) {
    return new URL(pathname + search, env.BRANCHSCOPE_INCEPTION_URL || DEFAULT_INCEPTION_URL);
  }
  if (underPrefix(pathname, '/resnet')) {
    return new URL(pathname + search, env.BRANCHSCOPE_RESNET_URL || DEFAULT_RESNET_URL);
  }
  if (pathname === '/graphql') {
    const api = new URL(apiUrlFromEnv(env));
    api.search = search;
    return api;
  }
  if (pathname.startsWith('/artifacts/')) {
    return new URL(pathname + search, new URL(apiUrlFromEnv(env)).origin);
  }
  return null;
}

/** `pathname` is `prefix` itself or below it (`/inception/x`), not merely starting with it (`/inceptionv2`). */
function underPrefix(pathname: string, prefix: string): boolean {
  return pathname === prefix || pathname.startsWith(`${prefix}/`);
}
