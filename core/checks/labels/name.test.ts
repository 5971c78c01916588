import { exampleAlert, tableTest } from '../testing.ts';
import { check } from './name.ts';

tableTest(check, [
  { name: 'accepts snake_case label and annotation names', rule: {}, findings: 0 },
  { name: 'refuses a label name with a dash', rule: { labels: { severity: 'warning', 'team-name': 'dns' } }, findings: 1 },
  { name: 'refuses a reserved __ label name', rule: { labels: { severity: 'warning', __tenant: 'x' } }, findings: 1 },
  { name: 'refuses an annotation name with a dash', rule: { annotations: { ...exampleAlert.annotations, 'runbook-url': 'x' } }, findings: 1 },
]);
