import { fileURLToPath } from 'node:url';
import type { NextConfig } from 'next';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

/**
 * The InceptionV1 5x5 zone. Everything it serves, pages and `_next` assets alike, lives under `/inception`, so the
 * portal forwards that one prefix to this server and the zone works both directly and through the portal.
 */
const config: NextConfig = {
  basePath: '/inception',
  transpilePackages: ['@branchscope/client', '@branchscope/ui'],
  turbopack: { root: repoRoot },
  outputFileTracingRoot: repoRoot,
  poweredByHeader: false,
  // A path, not an origin, so it is safe to fix at build time. The query string (`?labelSet=`) is kept.
  redirects: async () => [{ source: '/', destination: '/mixed3a', permanent: false }],
};

export default config;
