import { tableTest } from '../testing.ts';
import { check } from './types.ts';

const longRegex = Array.from({ length: 400 }, (_, i) => `server${i}`).join('|');

tableTest(check, [
  { name: 'accepts rate over a range', rule: { expr: 'rate(technitium_dns_queries_total[5m]) > 1' }, findings: 0 },
  { name: 'refuses rate(x) without a range', rule: { expr: 'rate(technitium_dns_queries_total) > 1' }, findings: 1 },
  { name: 'refuses a comparison of two scalars without bool', rule: { expr: 'scalar(technitium_up) > 0' }, findings: 1 },
  { name: 'accepts a bool comparison of scalars', rule: { expr: 'scalar(technitium_up) > bool 0' }, findings: 0 },
  { name: 'refuses a range vector where an instant vector belongs', rule: { expr: 'sum(technitium_up[5m]) > 0' }, findings: 1 },
  { name: 'accepts a long expression (over the 3,000 characters the editor parses at once)', rule: { expr: `sum(technitium_zones{server=~"${longRegex}"}) > 0` }, findings: 0 },
  { name: 'refuses what is wrong past the first 3,000 characters of an expression', rule: { expr: `sum(technitium_zones{server=~"${longRegex}"}) + rate(technitium_up) > 0` }, findings: 1 },
]);
