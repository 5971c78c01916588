import { tableTest } from '../testing.ts';
import { check } from './vector-matching.ts';

tableTest(check, [
  { name: 'refuses a series divided by a sum that dropped every label', rule: { expr: 'rate(technitium_dns_queries_total[5m]) / sum(rate(technitium_dns_queries_total[5m])) > 0.5' }, findings: 1 },
  { name: 'accepts both sides aggregated by the same labels', rule: { expr: 'sum by (server) (rate(technitium_dns_responses_total{rcode="SERVFAIL"}[5m])) / sum by (server) (rate(technitium_dns_queries_total[5m])) > 0.05' }, findings: 0 },
  { name: 'accepts both sides summed away entirely', rule: { expr: 'sum(rate(technitium_dns_responses_total[5m])) / sum(rate(technitium_dns_queries_total[5m])) > 0.05' }, findings: 0 },
  { name: 'refuses two sides fixed to different values of a label they match on', rule: { expr: 'technitium_zones{server="primary"} - technitium_zones{server="secondary"} > 0' }, findings: 1 },
  { name: 'accepts the same when ignoring that label', rule: { expr: 'technitium_zones{server="primary"} - ignoring(server) technitium_zones{server="secondary"} > 0' }, findings: 0 },
  { name: 'refuses on() a label one side requires and the other never has', rule: { expr: 'technitium_up{server=~"p.+"} / on(server) sum by (role) (technitium_zones) > 0' }, findings: 1 },
  { name: 'accepts on() a label the regex lets be empty', rule: { expr: 'technitium_up{server=~"p.*|"} / on(server) sum by (role) (technitium_zones) > 0' }, findings: 0 },
  { name: 'refuses and between sides that never match', rule: { expr: 'technitium_up == 0 and sum(technitium_zones) > 0' }, findings: 1 },
  { name: 'accepts and on()', rule: { expr: 'technitium_up == 0 and on() sum(technitium_zones) > 0' }, findings: 0 },
  { name: 'accepts arithmetic with a scalar', rule: { expr: 'technitium_up * 2 > 1' }, findings: 0 },
  { name: 'accepts an or with vector(0) on either side of a sum', rule: { expr: '(technitium_up{server="primary"} or on() vector(0)) + (technitium_up{server="secondary"} or on() vector(0)) < 1' }, findings: 0 },
  { name: 'does not judge unless', rule: { expr: 'technitium_up == 0 unless sum(technitium_zones) > 0' }, findings: 0 },
  { name: 'leaves metrics no producer lists alone', rule: { expr: 'nobody_emits_this / sum(nor_this) > 0' }, findings: 0 },
  { name: 'follows group_left and label_replace', rule: { expr: 'label_replace(technitium_zones, "instance_name", "$1", "server", "(.*)") / on(server) group_left technitium_up > 0' }, findings: 0 },
]);
