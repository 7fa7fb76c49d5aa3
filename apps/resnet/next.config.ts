import { fileURLToPath } from 'node:url';
import type { NextConfig } from 'next';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

/**
 * The ResNet blocks zone. Everything it serves, pages and `_next` assets alike, lives under `/resnet`, so the
 * portal forwards that one prefix to this server and the zone works both directly and through the portal.
 */
const config: NextConfig = {
  basePath: '/resnet',
  transpilePackages: ['@branchscope/client', '@branchscope/ui'],
  turbopack: { root: repoRoot },
  outputFileTracingRoot: repoRoot,
  poweredByHeader: false,
};

export default config;
