import { tableTest } from '../testing.ts';
import { inventoryCatalogue } from '../testing-catalogue.ts';
import { check } from './rate-on-gauge.ts';

const inventories = { mode: 'external' as const, catalogue: inventoryCatalogue };

tableTest(check, [
  { name: 'refuses rate() of a gauge', rule: { expr: 'rate(technitium_zones[5m]) > 0' }, findings: 1 },
  { name: 'refuses increase() of a gauge', rule: { expr: 'increase(technitium_up[1h]) < 1' }, findings: 1 },
  { name: 'refuses irate() of a gauge inside an aggregation', rule: { expr: 'sum by (server) (irate(technitium_zones[5m])) > 0' }, findings: 1 },
  { name: 'accepts rate() of a counter', rule: { expr: 'rate(technitium_dns_queries_total[5m]) > 0' }, findings: 0 },
  { name: "accepts rate() of a histogram's _count", rule: { expr: 'rate(coredns_proxy_request_duration_seconds_count[5m]) > 0' }, findings: 0 },
  { name: "refuses rate() of a summary's quantile series", rule: { expr: 'rate(prometheus_engine_query_duration_seconds[5m]) > 1' }, ctx: inventories, findings: 1 },
  { name: "accepts rate() of a summary's _count", rule: { expr: 'rate(prometheus_engine_query_duration_seconds_count[5m]) > 1' }, ctx: inventories, findings: 0 },
  { name: 'leaves a metric of unknown type alone', rule: { expr: 'rate(node_netstat_Tcp_InErrs[5m]) > 0' }, ctx: inventories, findings: 0 },
  { name: 'accepts deriv() of a gauge', rule: { expr: 'deriv(technitium_zones[10m]) < 0' }, findings: 0 },
  { name: 'leaves a metric no producer lists to selector/unknown-metric', rule: { expr: 'rate(nobody_emits_this[5m]) > 0' }, findings: 0 },
  { name: 'leaves a recorded metric alone', rule: { expr: 'rate(technitium_zones[5m]) > 0' }, ctx: { recorded: new Set(['technitium_zones']) }, findings: 0 },
]);
