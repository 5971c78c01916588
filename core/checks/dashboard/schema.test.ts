import { check } from './schema.ts';
import { dashboardTableTest, exampleDashboard, withJson } from './testing.ts';

dashboardTableTest(check, [
  { name: 'accepts what DashboardDraft builds with the SDK', dashboards: () => [exampleDashboard()], findings: 0 },
  { name: 'refuses a field the dashboard schema does not know', dashboards: () => [withJson(exampleDashboard(), (j) => Object.assign(j, { refreshIntervall: '1m' }))], findings: 1 },
  { name: 'refuses a panel field the schema does not know', dashboards: () => [withJson(exampleDashboard(), (j) => Object.assign(j.panels[1]!, { thresholdz: [] }))], findings: 1 },
  { name: 'refuses a legend placement the timeseries schema does not allow', dashboards: () => [withJson(exampleDashboard(), (j) => (j.panels[1]!.options.legend.placement = 'top'))], findings: 1 },
  { name: 'refuses a query field of the wrong type', dashboards: () => [withJson(exampleDashboard(), (j) => (j.panels[1]!.targets[0].expr = 42))], findings: 1 },
  { name: 'refuses a row without its panels list', dashboards: () => [withJson(exampleDashboard(), (j) => delete j.panels[0]!.panels)], findings: 1 },
  { name: 'refuses a panel type without a schema here', dashboards: () => [withJson(exampleDashboard(), (j) => (j.panels[1]!.type = 'piechart'))], findings: 1 },
  { name: 'refuses a time series field config the schema does not know', dashboards: () => [withJson(exampleDashboard(), (j) => (j.panels[2]!.fieldConfig.defaults.custom.lineWidthh = 2))], findings: 1 },
]);
