import { fileURLToPath } from 'node:url';
import type { NextConfig } from 'next';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

/**
 * The portal zone. No `rewrites()` here: Next.js evaluates them at build time and bakes them into
 * `.next/routes-manifest.json`, while the zone and API origins are only known when the system starts.
 * `proxy.ts` forwards `/alexnet/*` and `/graphql` at request time instead.
 */
const config: NextConfig = {
  transpilePackages: ['@branchscope/client', '@branchscope/ui'],
  turbopack: { root: repoRoot },
  outputFileTracingRoot: repoRoot,
  poweredByHeader: false,
  experimental: {
    // Forwarded responses keep Next's default 30 s proxy timeout: no request waits for a job (expensive fields answer
    // at once with their job, which pages follow over the `/graphql` WebSocket). Request bodies it forwards may be
    // as large as an importModel upload (256 MiB decoded, a third more as base64) instead of Next's 10 MB default.
    proxyClientMaxBodySize: '400mb',
  },
};

export default config;
