import { defineConfig } from 'vitest/config';

// These tests start real servers (API, Next.js) and a real browser: generous timeouts, one file at a time so
// two machines' worth of servers never compete for the CPU.
export default defineConfig({
  test: {
    include: ['**/*.test.ts'],
    exclude: ['**/node_modules/**'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    fileParallelism: false,
  },
});
