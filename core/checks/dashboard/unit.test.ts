import { check } from './unit.ts';
import { dashboardTableTest, exampleDashboard, withJson } from './testing.ts';

dashboardTableTest(check, [
  { name: 'accepts Grafana units', dashboards: () => [exampleDashboard()], findings: 0 },
  { name: 'accepts a custom suffix unit', dashboards: () => [withJson(exampleDashboard(), (j) => (j.panels[1]!.fieldConfig.defaults.unit = 'suffix: zones'))], findings: 0 },
  { name: 'refuses a panel without a unit', dashboards: () => [withJson(exampleDashboard(), (j) => delete j.panels[1]!.fieldConfig.defaults.unit)], findings: 1 },
  { name: 'refuses a unit Grafana does not know', dashboards: () => [withJson(exampleDashboard(), (j) => (j.panels[2]!.fieldConfig.defaults.unit = 'percent01'))], findings: 1 },
]);
