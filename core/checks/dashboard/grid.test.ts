import { check } from './grid.ts';
import { dashboardTableTest, exampleDashboard, withJson } from './testing.ts';
import { query } from '../../grafana/dashboard.ts';

const panel = { title: 'More', description: 'More.', unit: 'short', queries: [query('sum(technitium_up)', 'up')] };

dashboardTableTest(check, [
  { name: 'accepts the placement DashboardDraft gives widths that add up to 24', dashboards: () => [exampleDashboard()], findings: 0 },
  // The SDK wraps to a new line only after a line is full, so 12 + 6 + 12 puts the third panel at x 18, w 12.
  {
    name: 'refuses a panel the SDK places past column 24 (widths 12 + 6 + 12)',
    dashboards: () => [exampleDashboard({}, (d) => d.timeseries({ ...panel, width: 12 }).timeseries({ ...panel, title: 'Narrow', width: 6 }).timeseries({ ...panel, title: 'Wide', width: 12 }))],
    findings: 1,
  },
  { name: 'refuses two panels on one spot', dashboards: () => [withJson(exampleDashboard(), (j) => (j.panels[2]!.gridPos = { ...j.panels[1]!.gridPos }))], findings: 1 },
  { name: 'refuses a panel that overlaps a row', dashboards: () => [withJson(exampleDashboard(), (j) => (j.panels[1]!.gridPos.y = 0))], findings: 1 },
  { name: 'refuses a panel without a gridPos', dashboards: () => [withJson(exampleDashboard(), (j) => delete j.panels[1]!.gridPos)], findings: 1 },
  { name: 'accepts panels of a collapsed row on the spot of top-level panels (they show when it opens)', dashboards: () => [withJson(exampleDashboard(), (j) => j.panels[0]!.panels.push({ ...j.panels[1], id: 9 }))], findings: 0 },
]);
