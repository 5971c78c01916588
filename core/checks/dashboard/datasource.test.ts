import { check } from './datasource.ts';
import { dashboardTableTest, exampleDashboard, withJson } from './testing.ts';

dashboardTableTest(check, [
  { name: 'accepts the datasource variable everywhere', dashboards: () => [exampleDashboard()], findings: 0 },
  { name: 'refuses a query bound to one Grafana\'s datasource uid', dashboards: () => [withJson(exampleDashboard(), (j) => (j.panels[1]!.targets[0].datasource = { type: 'prometheus', uid: 'P1809F7CD0C75ACF3' }))], findings: 1 },
  { name: 'refuses a panel without a datasource', dashboards: () => [withJson(exampleDashboard(), (j) => delete j.panels[2]!.datasource)], findings: 1 },
  { name: 'refuses a dashboard without the datasource variable', dashboards: () => [withJson(exampleDashboard(), (j) => (j.templating = { list: [] }))], findings: 1 },
]);
