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
    // Next cuts a forwarded response after 30 s without a byte. A zone page streams its shell at once and a section
    // only when its worker job ends (the API waits up to 5 min for one), so allow a little more than that.
    proxyTimeout: 6 * 60_000,
  },
};

export default config;
