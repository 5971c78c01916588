import { exampleAlert, tableTest } from '../testing.ts';
import { check } from './runbook.ts';

tableTest(check, [
  { name: 'accepts a runbook that exists', rule: {}, findings: 0 },
  { name: 'refuses a missing runbook file', rule: {}, ctx: { runbookExists: () => false }, findings: 1 },
  { name: 'refuses a missing runbook_url', rule: { annotations: { ...exampleAlert.annotations, runbook_url: '' } }, findings: 1 },
]);
