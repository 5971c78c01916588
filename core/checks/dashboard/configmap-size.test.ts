import { check, maxConfigMapBytes } from './configmap-size.ts';
import { dashboardTableTest, exampleDashboard, withJson } from './testing.ts';

dashboardTableTest(check, [
  { name: 'accepts a dashboard well under 256 KiB', dashboards: () => [exampleDashboard()], findings: 0 },
  { name: 'accepts a ConfigMap of 262,143 bytes', dashboards: () => [exampleDashboard()], ctx: { configMapBytes: () => maxConfigMapBytes - 1 }, findings: 0 },
  { name: 'refuses a ConfigMap of 262,144 bytes', dashboards: () => [exampleDashboard()], ctx: { configMapBytes: () => maxConfigMapBytes }, findings: 1 },
  // Measured by the build's own emitter: a description of 300,000 characters makes the ConfigMap too big.
  { name: 'refuses a dashboard whose rendered ConfigMap is too big', dashboards: () => [withJson(exampleDashboard(), (j) => (j.description = 'x'.repeat(300_000)))], findings: 1 },
]);
