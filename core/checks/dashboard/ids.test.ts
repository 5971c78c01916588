import { check } from './ids.ts';
import { dashboardTableTest, exampleDashboard, withJson } from './testing.ts';

dashboardTableTest(check, [
  { name: 'accepts the ids DashboardDraft assigns', dashboards: () => [exampleDashboard()], findings: 0 },
  { name: 'refuses a panel without an id', dashboards: () => [withJson(exampleDashboard(), (j) => delete j.panels[1]!.id)], findings: 1 },
  { name: 'refuses a row with id 0 (what the SDK gives a row built without one)', dashboards: () => [withJson(exampleDashboard(), (j) => (j.panels[0]!.id = 0))], findings: 1 },
  { name: 'refuses two panels with one id', dashboards: () => [withJson(exampleDashboard(), (j) => (j.panels[2]!.id = 2))], findings: 1 },
  { name: 'refuses a panel in a collapsed row with the id of a top-level panel', dashboards: () => [withJson(exampleDashboard(), (j) => j.panels[0]!.panels.push({ ...j.panels[1], id: 3 }))], findings: 1 },
]);
