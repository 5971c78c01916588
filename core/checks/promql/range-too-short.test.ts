import { tableTest } from '../testing.ts';
import { check } from './range-too-short.ts';

tableTest(check, [
  { name: 'accepts 5m at a 2m scrape interval', rule: { expr: 'rate(technitium_dns_queries_total[5m]) > 1' }, findings: 0 },
  { name: 'refuses 3m at a 2m scrape interval, with its position', rule: { expr: 'rate(technitium_dns_queries_total[3m]) > 1' }, findings: 1 },
  { name: 'accepts 3m at a 1m scrape interval', rule: { expr: 'rate(technitium_dns_queries_total[3m]) > 1' }, ctx: { scrapeIntervalSeconds: 60 }, findings: 0 },
  { name: 'leaves subquery ranges alone (they set steps, not samples)', rule: { expr: 'max_over_time(technitium_up[3m:1m]) == 0' }, findings: 0 },
]);
