import { check } from './legend.ts';
import { dashboardTableTest, exampleDashboard, withJson } from './testing.ts';

dashboardTableTest(check, [
  { name: 'accepts shown legends and named series', dashboards: () => [exampleDashboard()], findings: 0 },
  { name: 'refuses a hidden legend (the SDK default)', dashboards: () => [withJson(exampleDashboard(), (j) => (j.panels[1]!.options.legend.showLegend = false))], findings: 1 },
  { name: 'refuses a query without a legend', dashboards: () => [withJson(exampleDashboard(), (j) => delete j.panels[2]!.targets[0].legendFormat)], findings: 1 },
]);
