import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'rules-test/**/*.test.ts', 'exporters/**/*.test.ts', 'lint/**/*.test.ts'],
    // Container start-up and real Pushgateway/Prometheus processes take seconds, not milliseconds.
    testTimeout: 60_000,
    hookTimeout: 120_000,
    reporters: process.env.CI ? ['default', ['json', { outputFile: '.vitest-report.json' }]] : ['default'],
  },
});
