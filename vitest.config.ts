import { defineConfig } from 'vitest/config';

// Unit tests sit beside the code. Everything that loads better-sqlite3 runs under plain Node.
export default defineConfig({
  test: {
    include: ['main/**/*.test.ts', 'preload/**/*.test.ts', 'renderer/**/*.test.{ts,tsx}', 'e2e/conformance/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
    maxWorkers: 2,
    // CI adds a JSON report that .ci/summarize.mjs adds up into the closing `N passed, N failed` line.
    reporters: process.env.CI ? ['default', 'json'] : ['default'],
    outputFile: process.env.CI ? { json: 'test-reports/unit.json' } : undefined,
  },
});
