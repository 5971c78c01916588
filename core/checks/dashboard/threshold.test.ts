import { check } from './threshold.ts';
import { dashboardTableTest, exampleDashboard, withJson } from './testing.ts';
import { below, query } from '../../grafana/dashboard.ts';

const base = { description: 'Example.', unit: 'short', shows: ['ExampleDown'] };

dashboardTableTest(check, [
  { name: 'accepts a time series with a drawn threshold', dashboards: () => [exampleDashboard()], findings: 0 },
  { name: 'accepts a threshold drawn as a query (a dashed series)', dashboards: () => [exampleDashboard({}, (d) => d.timeseries({ ...base, title: 'Now and floor', queries: [query('sum(technitium_up)', 'up'), query('count(technitium_up) - 1', 'floor', { threshold: true })] }))], findings: 0 },
  { name: 'accepts a stat coloured by its threshold', dashboards: () => [exampleDashboard({}, (d) => d.stat({ ...base, title: 'Up', queries: [query('technitium_up', '{{server}}')], threshold: below(1) }))], findings: 0 },
  { name: 'refuses a panel that shows an alert and draws no threshold', dashboards: () => [exampleDashboard({}, (d) => d.timeseries({ ...base, title: 'Up', queries: [query('technitium_up', '{{server}}')] }))], findings: 1 },
  { name: 'refuses a time series whose threshold style is off', dashboards: () => [withJson(exampleDashboard(), (j) => (j.panels[2]!.fieldConfig.defaults.custom.thresholdsStyle.mode = 'off'))], findings: 1 },
  { name: 'refuses a threshold with only the base step', dashboards: () => [withJson(exampleDashboard(), (j) => j.panels[2]!.fieldConfig.defaults.thresholds.steps.pop())], findings: 1 },
]);
