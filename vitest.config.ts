import { defineConfig } from 'vitest/config';

// Unit tests sit beside their code (*.test.ts); integration tests live in tests/ (*.test.ts).
// End-to-end tests (tests/e2e, *.spec.ts) belong to Playwright, not Vitest.
export default defineConfig({
  test: {
    include: ['**/*.test.ts', '**/*.test.tsx'],
    exclude: ['node_modules/**', 'dist/**', 'var/**', 'tests/e2e/**'],
    testTimeout: 20_000,
    hookTimeout: 30_000,
    pool: 'forks',
    // The JSON report feeds the closing summary line of `npm test` (scripts/test-summary.mjs).
    reporters: ['default', 'json'],
    outputFile: { json: 'var/test-reports/vitest.json' },
  },
});
