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
  // `/` redirects to the model's first layer in app/(view)/page.tsx: which layer depends on `?model=`.
};

export default config;
