// The metric catalogue: every metric an alert, dashboard or exporter of this package reads or writes.
// The one source of truth for metric names, types and labels: our exporters register their metrics from it,
// docs/metrics.md is generated from it, and a rule that reads a metric missing here fails the build.
import { Catalogue, label, type MetricDef, type Producer, type ScrapeJob } from './types.ts';

// Labels Prometheus adds to what the plain Helm chart's `kubernetes-service-endpoints` job scrapes
// (it runs with honor_labels, so a producer's own `namespace` wins over the target's).
const serviceEndpointLabels = ['job', 'instance', 'namespace', 'service', 'node'] as const;

export const producers = {
  technitiumExporter: {
    id: 'technitium-exporter',
    description: "this package's exporter (exporters/technitium-exporter); polls every Technitium instance",
    scrapeJob: 'kubernetes-service-endpoints',
    targetLabels: serviceEndpointLabels,
    ours: true,
  },
  technitiumZoneSync: {
    id: 'technitium-zone-sync',
    description: "this package's CronJob (exporters/technitium-zone-sync); pushes to the Pushgateway",
    scrapeJob: 'prometheus-pushgateway',
    // honor_labels: the grouping key `job` is kept, and a group pushed without `instance` gets instance="".
    targetLabels: ['job', 'instance'],
    ours: true,
  },
  pushgateway: {
    id: 'pushgateway',
    description: 'Prometheus Pushgateway: per-group push bookkeeping',
    scrapeJob: 'prometheus-pushgateway',
    targetLabels: ['job', 'instance'],
    ours: false,
  },
  pushedJobs: {
    id: 'pushed-jobs',
    description: 'existing batch jobs that push to the Pushgateway (email round-trip, OAuth expiry, backups)',
    scrapeJob: 'prometheus-pushgateway',
    targetLabels: ['job', 'instance'],
    ours: false,
  },
  coredns: {
    id: 'coredns',
    description: 'CoreDNS >= 1.11 (kube-dns:9153) and NodeLocal DNSCache (:9253)',
    scrapeJob: 'kubernetes-service-endpoints',
    targetLabels: serviceEndpointLabels,
    ours: false,
  },
  kubeStateMetrics: {
    id: 'kube-state-metrics',
    description: 'kube-state-metrics',
    scrapeJob: 'kubernetes-service-endpoints',
    targetLabels: serviceEndpointLabels,
    ours: false,
  },
  cadvisor: {
    id: 'cadvisor',
    description: 'kubelet cAdvisor',
    scrapeJob: 'kubernetes-nodes-cadvisor',
    targetLabels: ['job', 'instance', 'node'],
    ours: false,
  },
  uptimeKuma: {
    id: 'uptime-kuma',
    description: 'Uptime Kuma /metrics (API key as basic-auth password)',
    scrapeJob: 'uptime-kuma',
    targetLabels: ['job', 'instance'],
    ours: false,
  },
  prometheus: {
    id: 'prometheus',
    description: 'Prometheus itself: one `up` series per scrape target',
    scrapeJob: 'kubernetes-service-endpoints',
    targetLabels: serviceEndpointLabels,
    ours: false,
  },
  prometheusRules: {
    id: 'prometheus-rules',
    description: "Prometheus's rule evaluation: one ALERTS series per pending or firing alert, with the alert's own labels",
    scrapeJob: 'rule-evaluation',
    targetLabels: [],
    ours: false,
  },
} as const satisfies Record<string, Producer>;

export const rcodes = ['NOERROR', 'SERVFAIL', 'NXDOMAIN', 'REFUSED'] as const;
export const queryOutcomes = ['authoritative', 'recursive', 'cached', 'blocked', 'dropped'] as const;
export const pollErrorReasons = ['http', 'timeout', 'api_error', 'invalid_token', 'parse'] as const;
export const technitiumRoles = ['primary', 'replica'] as const;

const server = label('server', undefined, 'configured instance name, e.g. primary, secondary, tertiary');
const role = label('role', technitiumRoles);
const zone = label('zone', undefined, 'zone name');

function metric(
  producer: Producer,
  name: string,
  type: MetricDef['type'],
  help: string,
  labels: MetricDef['labels'] = [],
): MetricDef {
  return { name, type, help, labels, producer };
}

const tx = producers.technitiumExporter;
const zs = producers.technitiumZoneSync;
const dns = producers.coredns;
const ksm = producers.kubeStateMetrics;
const pushed = producers.pushedJobs;

const metrics: readonly MetricDef[] = [
  // technitium-exporter
  metric(tx, 'technitium_up', 'gauge', '1 when the last poll of the instance succeeded (HTTP 2xx and "status":"ok"), else 0.', [server, role]),
  metric(tx, 'technitium_dns_queries_total', 'counter', 'Queries answered by the instance, from completed one-minute statistics buckets.', [server, role]),
  metric(tx, 'technitium_dns_responses_total', 'counter', 'Responses by rcode, from completed one-minute statistics buckets.', [server, role, label('rcode', rcodes)]),
  metric(tx, 'technitium_dns_query_outcomes_total', 'counter', 'How queries were answered, from completed one-minute statistics buckets.', [server, role, label('outcome', queryOutcomes)]),
  metric(tx, 'technitium_zones', 'gauge', 'Non-internal zones on the instance (built-in zones never count).', [server, role]),
  metric(tx, 'technitium_replica_zones_missing', 'gauge', 'Primary zones that do not exist on the replica.', [server, label('role', ['replica'])]),
  metric(tx, 'technitium_zone_soa_serial', 'gauge', 'SOA serial of each non-internal zone on each instance.', [server, role, zone]),
  metric(tx, 'technitium_zone_sync_failed', 'gauge', '1 when a secondary zone reports syncFailed.', [server, role, zone]),
  metric(tx, 'technitium_zone_expired', 'gauge', '1 when a secondary zone reports isExpired.', [server, role, zone]),
  metric(tx, 'technitium_exporter_poll_errors_total', 'counter', 'Failed polls by reason.', [server, role, label('reason', pollErrorReasons)]),
  metric(tx, 'technitium_exporter_last_success_timestamp_seconds', 'gauge', 'Unix time of the last successful poll of the instance.', [server, role]),

  // technitium-zone-sync (pushed; grouping key job="technitium-zone-sync")
  metric(zs, 'technitium_zone_sync_status', 'gauge', '0 when the whole run succeeded, 1 when any step failed.'),
  metric(zs, 'technitium_zone_sync_failures', 'gauge', 'Failed zone operations in this run.'),
  metric(zs, 'technitium_zone_sync_zones_created', 'gauge', 'Secondary zones created in this run.'),
  metric(zs, 'technitium_zone_sync_last_run_timestamp_seconds', 'gauge', 'End of this run, success or not.'),
  metric(zs, 'technitium_zone_sync_last_success_timestamp_seconds', 'gauge', 'End of the last fully successful run; not pushed on a failed run.'),
  metric(zs, 'technitium_zone_sync_duration_seconds', 'gauge', 'How long this run took.'),

  // upstream: CoreDNS >= 1.11 (coredns/coredns plugin/pkg/proxy/metrics.go, plugin/metrics/vars/vars.go,
  // plugin/cache/metrics.go; 1.11 renamed coredns_forward_* to coredns_proxy_*)
  metric(dns, 'coredns_proxy_request_duration_seconds', 'histogram', 'Upstream request duration by proxy, upstream and rcode.', [label('proxy_name', ['forward', 'grpc']), label('to'), label('rcode')]),
  metric(dns, 'coredns_proxy_healthcheck_failures_total', 'counter', 'Failed upstream health checks.', [label('proxy_name', ['forward', 'grpc']), label('to')]),
  metric(dns, 'coredns_forward_healthcheck_broken_total', 'counter', 'Times every upstream was unhealthy at once.'),
  metric(dns, 'coredns_dns_requests_total', 'counter', 'DNS requests.', [label('server'), label('zone'), label('view'), label('proto'), label('family'), label('type')]),
  metric(dns, 'coredns_dns_responses_total', 'counter', 'DNS responses by rcode.', [label('server'), label('zone'), label('view'), label('rcode'), label('plugin')]),
  metric(dns, 'coredns_cache_served_stale_total', 'counter', 'Answers served from expired cache entries (serve_stale).', [label('server'), label('zones'), label('view')]),
  metric(dns, 'coredns_cache_hits_total', 'counter', 'Cache hits.', [label('server'), label('type', ['success', 'denial']), label('zones'), label('view')]),
  metric(dns, 'coredns_cache_requests_total', 'counter', 'Cache requests.', [label('server'), label('zones'), label('view')]),
  metric(dns, 'coredns_cache_entries', 'gauge', 'Elements in the cache.', [label('server'), label('type', ['success', 'denial']), label('zones'), label('view')]),
  metric(dns, 'coredns_dns_request_duration_seconds', 'histogram', 'Time each request took, per server block and zone.', [label('server'), label('zone'), label('view')]),

  // kube-state-metrics
  metric(ksm, 'kube_deployment_spec_replicas', 'gauge', 'Desired replicas of a Deployment.', [label('namespace'), label('deployment')]),
  metric(ksm, 'kube_deployment_status_replicas_available', 'gauge', 'Available replicas of a Deployment.', [label('namespace'), label('deployment')]),
  metric(ksm, 'kube_poddisruptionbudget_status_current_healthy', 'gauge', 'Healthy pods covered by a PDB.', [label('namespace'), label('poddisruptionbudget')]),
  metric(ksm, 'kube_poddisruptionbudget_status_desired_healthy', 'gauge', 'Healthy pods a PDB requires.', [label('namespace'), label('poddisruptionbudget')]),
  metric(ksm, 'kube_pod_container_status_restarts_total', 'counter', 'Container restarts.', [label('namespace'), label('pod'), label('container'), label('uid')]),
  metric(ksm, 'kube_job_status_failed', 'gauge', 'Failed pods of a Job.', [label('namespace'), label('job_name'), label('reason')]),
  metric(ksm, 'kube_cronjob_status_last_successful_time', 'gauge', 'Last time a CronJob completed successfully.', [label('namespace'), label('cronjob')]),
  metric(ksm, 'kube_pod_container_resource_limits', 'gauge', 'Container resource limits.', [label('namespace'), label('pod'), label('container'), label('uid'), label('resource'), label('unit')]),

  // cAdvisor
  metric(producers.cadvisor, 'container_memory_working_set_bytes', 'gauge', 'Container working set (includes tmpfs pages it wrote).', [label('namespace'), label('pod'), label('container'), label('id'), label('image'), label('name')]),
  metric(producers.cadvisor, 'container_spec_memory_limit_bytes', 'gauge', 'Container memory limit.', [label('namespace'), label('pod'), label('container'), label('id'), label('image'), label('name')]),

  // Uptime Kuma (louislam/uptime-kuma server/prometheus.js)
  metric(producers.uptimeKuma, 'monitor_status', 'gauge', 'Last heartbeat: 1 up, 0 down, 2 pending, 3 maintenance.', [label('monitor_name'), label('monitor_type'), label('monitor_url'), label('monitor_hostname'), label('monitor_port'), label('monitor_id')]),

  // Pushgateway bookkeeping (prometheus/pushgateway README, "Alerting on failed pushes")
  metric(producers.pushgateway, 'push_time_seconds', 'gauge', 'Last successful push to the group.'),
  metric(producers.pushgateway, 'push_failure_time_seconds', 'gauge', 'Last failed push to the group (0 = never).'),

  // Pushed by existing jobs
  metric(pushed, 'email_roundtrip_success', 'gauge', '1 when the last e-mail round trip succeeded.'),
  metric(pushed, 'email_roundtrip_last_success_timestamp', 'gauge', 'Unix time of the last successful e-mail round trip.'),
  metric(pushed, 'claude_oauth_token_expiry_timestamp', 'gauge', 'Unix time the OAuth token expires.'),
  metric(pushed, 'claude_oauth_expiry_monitor_last_push_timestamp', 'gauge', 'Unix time of the expiry monitor\'s last push.'),

  // Prometheus itself
  metric(producers.prometheus, 'up', 'gauge', '1 when the last scrape of the target succeeded.'),
  // Rule evaluation (prometheus/prometheus rules/alerting.go: alertMetricName, alertStateLabel). Each series also
  // carries the labels of its alert, which differ per alert; only these three are on every one.
  metric(producers.prometheusRules, 'ALERTS', 'gauge', '1 for each pending or firing alert.', [label('alertname'), label('alertstate', ['pending', 'firing']), label('severity')]),
];

/** Every metric this package reads, by the producer that emits it. */
export const catalogue = new Catalogue(metrics);

/** Scrape jobs whose series were pushed: held forever by the Pushgateway, so reads need a staleness guard. */
export const pushedScrapeJobs: ReadonlySet<ScrapeJob> = new Set<ScrapeJob>(['prometheus-pushgateway']);
