import { tableTest } from '../testing.ts';
import { check } from './types.ts';

const longSum = Array.from({ length: 150 }, (_, i) => `rate(technitium_dns_queries_total{server="s${i}"}[5m])`).join(' + ');

tableTest(check, [
  { name: 'accepts rate over a range', rule: { expr: 'rate(technitium_dns_queries_total[5m]) > 1' }, findings: 0 },
  { name: 'refuses rate(x) without a range', rule: { expr: 'rate(technitium_dns_queries_total) > 1' }, findings: 1 },
  { name: 'refuses a comparison of two scalars without bool', rule: { expr: 'scalar(technitium_up) > 0' }, findings: 1 },
  { name: 'accepts a bool comparison of scalars', rule: { expr: 'scalar(technitium_up) > bool 0' }, findings: 0 },
  { name: 'refuses a range vector where an instant vector belongs', rule: { expr: 'sum(technitium_up[5m]) > 0' }, findings: 1 },
  // Longer than the 3000 characters an editor state parses on its own: checked whole, not half.
  { name: 'accepts a long sound expression', rule: { expr: `${longSum} > 1` }, findings: 0 },
  { name: 'refuses rate(x) without a range at the end of a long expression', rule: { expr: `${longSum} + rate(technitium_dns_queries_total) > 1` }, findings: 1 },
]);
