import { tableTest } from '../testing.ts';
import { inventoryCatalogue } from '../testing-catalogue.ts';
import { check } from './unknown-metric.ts';

const external = { mode: 'external' as const, catalogue: inventoryCatalogue };

tableTest(check, [
  { name: 'accepts a catalogued metric', rule: { expr: 'technitium_up == 0' }, findings: 0 },
  { name: 'accepts a histogram series of a catalogued histogram', rule: { expr: 'rate(coredns_proxy_request_duration_seconds_count[5m]) > 0' }, findings: 0 },
  { name: 'refuses the legacy dns_anomaly metric nobody emits', rule: { expr: 'dns_anomaly_total_queries > 1000' }, findings: 1 },
  { name: 'refuses the CoreDNS metric removed in 1.11', rule: { expr: 'sum(rate(coredns_forward_responses_total[5m])) > 0.1' }, findings: 1 },
  { name: 'suggests the nearest known name', rule: { expr: 'technitium_upp == 0' }, findings: 1 },
  { name: 'accepts a metric a rule of the same files records', rule: { expr: 'job:technitium_dns_queries:rate5m > 1' }, ctx: { recorded: new Set(['job:technitium_dns_queries:rate5m']) }, findings: 0 },
  { name: 'refuses a selector without a metric name', rule: { expr: '{__name__=~"technitium_.*"} == 0' }, findings: 1 },
  { name: "external: refuses a name in a producer's namespace that it never emits, with the nearest", rule: { expr: 'kube_deployment_status_replicas_availabel < 1' }, ctx: external, findings: 1 },
  { name: 'external: notes a metric no inventory knows (unknown producer)', rule: { expr: 'dns_anomaly_total_queries > 1000' }, ctx: external, findings: 1 },
  { name: 'external: makes the unknown producer an error with --strict', rule: { expr: 'dns_anomaly_total_queries > 1000' }, ctx: { ...external, strict: true }, findings: 1 },
  { name: 'external: notes a selector without a metric name', rule: { expr: '{__name__=~"kube_.*"} == 0' }, ctx: external, findings: 1 },
  { name: 'external: accepts a name of a family built at run time', rule: { expr: 'rate(node_vmstat_oom_kill[5m]) > 0' }, ctx: external, findings: 0 },
  { name: 'external: leaves a removed metric to selector/removed-metric', rule: { expr: 'kube_hpa_status_current_replicas < 1' }, ctx: external, findings: 0 },
  { name: "external: notes a name in a producer's namespace read from another job (another program's metric)", rule: { expr: 'time() - prometheus_backup_last_success_timestamp{job="prometheus-backup"} > 86400' }, ctx: external, findings: 1 },
  { name: "external: refuses the same name read from the producer's own job", rule: { expr: 'time() - prometheus_backup_last_success_timestamp{job="kubernetes-service-endpoints"} > 86400' }, ctx: external, findings: 1 },
]);
