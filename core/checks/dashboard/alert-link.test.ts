import { check } from './alert-link.ts';
import { dashboardTableTest, exampleDashboard } from './testing.ts';
import { above, query } from '../../grafana/dashboard.ts';

const showing = (alert: string) => ({ title: 'Down', description: 'Down.', unit: 'none', queries: [query('technitium_up', '{{server}}')], threshold: above(1), shows: [alert] });

dashboardTableTest(check, [
  { name: 'accepts panels that show existing alerts, once each', dashboards: () => [exampleDashboard({}, (d) => d.stat(showing('ExampleDown')))], findings: 0 },
  { name: 'refuses a panel that shows an alert nobody defines', dashboards: () => [exampleDashboard({}, (d) => d.stat(showing('ExampleDownn')))], findings: 1 },
  { name: 'refuses an alert shown by two panels', dashboards: () => [exampleDashboard(), exampleDashboard({ uid: 'example-2', title: 'Example 2' })], findings: 1 },
]);
