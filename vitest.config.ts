import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'core/**/*.test.ts', 'lint/**/*.test.ts', 'rules-test/**/*.test.ts', 'exporters/**/*.test.ts', 'testing/**/*.test.ts'],
    // The mutation gate is its own command (npm run test:mutation), run by CI after the tests.
    exclude: ['rules-test/mutation/**', 'node_modules/**'],
    globalSetup: ['testing/global-setup.ts'],
    setupFiles: ['testing/vitest-setup.ts'],
    // Container start-up and real Pushgateway/Prometheus processes take seconds, not milliseconds.
    testTimeout: 60_000,
    // Two workers on these 2-core machines: most test time is spent waiting on promtool, the Pushgateway
    // and simulated upstreams in other processes, and vitest's default here would be one.
    maxWorkers: 2,
    hookTimeout: 120_000,
    reporters: process.env.CI ? ['default', ['json', { outputFile: '.vitest-report.json' }]] : ['default'],
  },
});
