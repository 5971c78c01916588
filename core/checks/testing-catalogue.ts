// A small catalogue shaped like the linter's producer inventories (lint/ builds the real one from
// metrics/inventories/): producers that own a namespace and have a version, a removed and a renamed metric, a
// summary, an untyped family, a run-time label prefix. The table tests of the checks that read these use it.
import { Catalogue, label, type MetricDef, type Producer } from '../../metrics/types.ts';

const producer = (id: string, version: string, namespaces: string[], targetLabels = ['job', 'instance', 'namespace']): Producer => ({
  id, description: `${id} (test)`, scrapeJob: 'kubernetes-service-endpoints', targetLabels, ours: false, version, namespaces,
});

export const ksm = producer('kube-state-metrics', 'v2.10.1', ['kube_']);
export const coredns = producer('coredns', 'v1.12.4', ['coredns_']);
export const prometheus = producer('prometheus', 'v2.48.1', ['prometheus_'], ['job', 'instance']);
export const nodeExporter = producer('node-exporter', 'v1.7.0', ['node_']);
export const pushed = { ...producer('batch-job', '1', []), scrapeJob: 'prometheus-pushgateway', anyTargetLabel: true };

const m = (p: Producer, name: string, type: MetricDef['type'], labels: string[] = [], extra: Partial<MetricDef> = {}): MetricDef => ({
  name, type, help: '', labels: labels.map((l) => label(l)), producer: p, ...extra,
});

export const inventoryCatalogue = new Catalogue([
  m(ksm, 'kube_deployment_status_replicas_available', 'gauge', ['deployment']),
  m(ksm, 'kube_deployment_spec_replicas', 'gauge', ['deployment']),
  m(ksm, 'kube_pod_container_status_restarts_total', 'counter', ['pod', 'container']),
  m(ksm, 'kube_pod_labels', 'gauge', ['pod'], { labelPrefixes: ['label_'] }),
  m(ksm, 'kube_endpoint_address_available', 'gauge', ['endpoint'], { retired: { version: 'v2.14.0', replacement: 'kube_endpoint_address', gone: false } }),
  m(ksm, 'kube_hpa_status_current_replicas', 'untyped', [], { labelPrefixes: [''], retired: { version: 'v2.0.0', replacement: 'kube_horizontalpodautoscaler_status_current_replicas', source: 'CHANGELOG.md v2.0.0-alpha', gone: true } }),
  m(ksm, 'kube_node_status_phase', 'untyped', [], { labelPrefixes: [''], retired: { version: 'v2.0.0', gone: true } }),
  m(coredns, 'coredns_dns_requests_total', 'counter', ['server', 'zone', 'type']),
  m(coredns, 'coredns_proxy_request_duration_seconds', 'histogram', ['proxy_name', 'to', 'rcode']),
  m(coredns, 'coredns_forward_responses_total', 'counter', [], { labelPrefixes: [''], retired: { version: 'v1.11.0', replacement: 'coredns_proxy_request_duration_seconds_count{proxy_name="forward", to, rcode}', gone: true } }),
  m(prometheus, 'prometheus_engine_query_duration_seconds', 'summary', ['slice']),
  m(prometheus, 'prometheus_tsdb_head_series', 'gauge'),
  m(nodeExporter, 'node_load1', 'gauge'),
  m(nodeExporter, 'node_netstat_Tcp_InErrs', 'untyped'),
  m(nodeExporter, 'node_vmstat_<field>', 'untyped', [], { pattern: 'node_vmstat_(oom_kill|pgpg|pswp|pg.*fault).*' }),
  m(pushed, 'backup_last_success_timestamp_seconds', 'gauge'),
]);
