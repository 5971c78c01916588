import { tableTest } from '../testing.ts';
import { inventoryCatalogue as catalogue } from '../testing-catalogue.ts';
import { check } from './removed-metric.ts';

const external = { mode: 'external' as const, catalogue };

tableTest(check, [
  { name: 'refuses a metric removed before the version in use, naming its replacement', rule: { expr: 'sum(rate(coredns_forward_responses_total{rcode="SERVFAIL"}[5m])) > 0.1' }, ctx: external, findings: 1 },
  { name: 'refuses a renamed metric, with the new name and where upstream says so', rule: { expr: 'kube_hpa_status_current_replicas < 1' }, ctx: external, findings: 1 },
  { name: 'refuses a removed metric that has no replacement', rule: { expr: 'kube_node_status_phase{phase="Running"} == 0' }, ctx: external, findings: 1 },
  { name: 'notes a metric only a later version removes', rule: { expr: 'kube_endpoint_address_available == 0' }, ctx: external, findings: 1 },
  { name: 'accepts the replacement', rule: { expr: 'sum(rate(coredns_proxy_request_duration_seconds_count{proxy_name="forward"}[5m])) > 0.1' }, ctx: external, findings: 0 },
  { name: 'accepts a removed name that a rule of the same files records', rule: { expr: 'coredns_forward_responses_total > 0' }, ctx: { ...external, recorded: new Set(['coredns_forward_responses_total']) }, findings: 0 },
  { name: "has nothing to say about this package's catalogue, which records no removals", rule: { expr: 'technitium_up == 0' }, findings: 0 },
]);
