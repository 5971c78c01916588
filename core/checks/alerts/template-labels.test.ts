import { exampleAlert, tableTest } from '../testing.ts';
import { check } from './template-labels.ts';

const description = (d: string) => ({ ...exampleAlert.annotations, description: d });

tableTest(check, [
  { name: 'accepts a label the expression keeps', rule: { expr: 'sum by (server) (technitium_up) == 0' }, findings: 0 },
  { name: 'refuses a label an aggregation removes', rule: { expr: 'sum(technitium_up) == 0' }, findings: 1 },
  { name: 'reads the .Labels spelling too', rule: { expr: 'sum(technitium_up) == 0', annotations: description('down on {{ .Labels.server }}') }, findings: 1 },
  { name: 'reads index $labels "x"', rule: { expr: 'sum(technitium_up) == 0', annotations: description('down on {{ index $labels "role" }}') }, findings: 1 },
  { name: 'knows that on() keeps only the matching labels', rule: { expr: 'technitium_zones{role="replica"} < on(role) technitium_zones{role="primary"}' }, findings: 1 },
  { name: 'accepts a label the rule sets itself', rule: { expr: 'sum(technitium_up) == 0', labels: { severity: 'warning', server: 'all' } }, findings: 0 },
]);
