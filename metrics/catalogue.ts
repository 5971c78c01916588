// The metric catalogue: every metric an alert, dashboard or exporter of this package reads or writes.
// The one source of truth for metric names, types and labels: our exporters register their metrics from it,
// docs/metrics.md is generated from it, and a rule that reads a metric missing here fails the build.
import { Catalogue, label, type MetricDef, type Producer, type ScrapeJob } from './types.ts';

// Labels Prometheus adds to what the plain Helm chart's `kubernetes-service-endpoints` job scrapes
// (it runs with honor_labels, so a producer's own `namespace` wins over the target's).
const serviceEndpointLabels = ['job', 'instance', 'namespace', 'service', 'node'] as const;

// The cluster's own scrape jobs of Traefik and of the wall-off probes (extraScrapeConfigs, cluster/extra-scrape-configs.yml).
const traefikJob = 'traefik';
const wallOffJob = 'blackbox-authentik-walloff';

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
    // honor_labels: the grouping key (job, and instance = zoneSync.pushInstance) is kept as the labels.
    targetLabels: ['job', 'instance'],
    ours: true,
    via: 'pushgateway',
  },
  pushgateway: {
    id: 'pushgateway',
    description: 'Prometheus Pushgateway: per-group push bookkeeping',
    scrapeJob: 'prometheus-pushgateway',
    targetLabels: ['job', 'instance'],
    ours: false,
    heartbeat: { kind: 'scrape', alert: 'PushgatewayMetricsMissing', matchers: { job: 'prometheus-pushgateway' } },
  },
  // Existing batch jobs that push to the Pushgateway (docs/design/cluster.md), one producer per job.
  emailRoundtrip: {
    id: 'email-roundtrip-monitor',
    description: 'the e-mail round-trip probe CronJob (every 20 min); pushes to the Pushgateway',
    scrapeJob: 'prometheus-pushgateway',
    targetLabels: ['job', 'instance'],
    ours: false,
    via: 'pushgateway',
    heartbeat: { kind: 'push', alert: 'EmailRoundtripMonitorNotPushing', matchers: { job: 'email-roundtrip-monitor' }, maxAge: '1h' },
  },
  claudeOauthExpiry: {
    id: 'claude-oauth-expiry-monitor',
    description: 'the OAuth token expiry monitor; pushes to the Pushgateway',
    scrapeJob: 'prometheus-pushgateway',
    targetLabels: ['job', 'instance'],
    ours: false,
    via: 'pushgateway',
    // The cluster's own rules call it stale after 48 h without a push.
    heartbeat: { kind: 'push', alert: 'ClaudeOauthExpiryMonitorNotPushing', matchers: { job: 'claude-oauth-expiry-monitor' }, maxAge: '2d' },
  },
  coredns: {
    id: 'coredns',
    // NodeLocal DNSCache (:9253) exports the same coredns_* names on the same job; alerts select CoreDNS's Service.
    description: 'CoreDNS >= 1.11 (Service kube-dns, port 9153)',
    scrapeJob: 'kubernetes-service-endpoints',
    targetLabels: serviceEndpointLabels,
    ours: false,
  },
  kubeStateMetrics: {
    id: 'kube-state-metrics',
    description: 'kube-state-metrics (the prometheus chart\'s subchart, Service prometheus-kube-state-metrics in monitoring)',
    scrapeJob: 'kubernetes-service-endpoints',
    targetLabels: serviceEndpointLabels,
    ours: false,
    heartbeat: { kind: 'series', alert: 'KubeStateMetricsMissing', metric: 'kube_node_info', matchers: { job: 'kubernetes-service-endpoints', namespace: 'monitoring', service: 'prometheus-kube-state-metrics' } },
  },
  cadvisor: {
    id: 'cadvisor',
    description: 'kubelet cAdvisor',
    scrapeJob: 'kubernetes-nodes-cadvisor',
    targetLabels: ['job', 'instance', 'node'],
    ours: false,
    heartbeat: { kind: 'series', alert: 'CadvisorMetricsMissing', metric: 'machine_cpu_cores', matchers: { job: 'kubernetes-nodes-cadvisor' } },
  },
  uptimeKuma: {
    id: 'uptime-kuma',
    description: 'Uptime Kuma /metrics (API key as basic-auth password)',
    scrapeJob: 'uptime-kuma',
    targetLabels: ['job', 'instance'],
    ours: false,
    heartbeat: { kind: 'scrape', alert: 'UptimeKumaMetricsMissing', matchers: { job: 'uptime-kuma' } },
  },
  tmpfsExporter: {
    id: 'tmpfs-exporter',
    description:
      "this package's exporter (exporters/tmpfs-exporter): statfs of memory-backed volumes. Node mode (the DaemonSet) " +
      'is scraped by `kubernetes-service-endpoints`; the path-mode sidecar in an Authentik outpost pod by the ' +
      "cluster's `kubernetes-pods` job (pod annotations, no keep-list), which adds `pod` instead of `service`",
    scrapeJob: 'kubernetes-service-endpoints',
    alsoScrapedBy: ['kubernetes-pods'],
    targetLabels: [...serviceEndpointLabels, 'pod'],
    ours: true,
  },
  traefik: {
    id: 'traefik',
    description: "Traefik 3 (chart 40.2.0) with entry point, router and service labels; the cluster's `traefik` job sets instance to the pod name",
    scrapeJob: traefikJob,
    targetLabels: ['job', 'instance'],
    ours: false,
    // The counter the alerts read: its absence also catches a metric_relabel_configs that drops it.
    heartbeat: { kind: 'series', alert: 'TraefikMetricsMissing', metric: 'traefik_router_requests_total', matchers: { job: traefikJob } },
  },
  blackboxWalloff: {
    id: 'blackbox-authentik-walloff',
    description: 'blackbox-exporter v0.25.0, module http_no_authentik_redirect, probing the must-stay-public URLs (job blackbox-authentik-walloff, static label service)',
    scrapeJob: wallOffJob,
    targetLabels: ['job', 'instance', 'service'],
    ours: false,
    // blackbox's HTTP prober registers this gauge on every probe it runs, failed or not: absent = no probe ran.
    heartbeat: { kind: 'series', alert: 'BlackboxWalloffProbesMissing', metric: 'probe_failed_due_to_regex', matchers: { job: wallOffJob } },
  },
  prometheus: {
    id: 'prometheus',
    description: 'Prometheus itself: one `up` series per scrape target',
    scrapeJob: 'kubernetes-service-endpoints',
    targetLabels: serviceEndpointLabels,
    ours: false,
    heartbeat: 'self',
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

const tmpfs = producers.tmpfsExporter;
export const tmpfsPollErrorReasons = ['pods_dir', 'statfs', 'readdir'] as const;
export const tmpfsExporterModes = ['node', 'path'] as const;
/** Every per-volume series: node mode sets pod_uid and volume, path mode sets mountpoint. */
const tmpfsVolume = (name: string, help: string): MetricDef[] => [
  metric(tmpfs, name, 'gauge', help, [
    label('pod_uid', undefined, 'node mode: the pod UID (kube_pod_info{uid})'),
    label('volume', undefined, 'node mode: the emptyDir volume name'),
    label('mountpoint', undefined, 'path mode: the path given with --path'),
  ]),
];

const metrics: readonly MetricDef[] = [
  // technitium-exporter
  metric(tx, 'technitium_up', 'gauge', '1 when the last poll of the instance succeeded (HTTP 2xx and "status":"ok"), else 0.', [server, role]),
  metric(tx, 'technitium_dns_queries_total', 'counter', 'Queries answered by the instance, from completed one-minute statistics buckets.', [server, role]),
  metric(tx, 'technitium_dns_responses_total', 'counter', 'Responses by rcode, from completed one-minute statistics buckets.', [server, role, label('rcode', rcodes)]),
  metric(tx, 'technitium_dns_query_outcomes_total', 'counter', 'How queries were answered, from completed one-minute statistics buckets.', [server, role, label('outcome', queryOutcomes)]),
  metric(tx, 'technitium_zones', 'gauge', 'Non-internal zones on the instance (built-in zones never count); absent while the zone list is cut.', [server, role]),
  metric(tx, 'technitium_zones_hidden', 'gauge', 'Zones the instance counts (dashboard stats "zones", built-in zones included) that its zone list does not show to the exporter\'s user: it lacks per-zone View on them.', [server, role]),
  metric(tx, 'technitium_replica_zones_missing', 'gauge', 'Primary zones that do not exist on the replica; absent while either zone list is cut.', [server, label('role', ['replica'])]),
  metric(tx, 'technitium_zone_soa_serial', 'gauge', 'SOA serial of each non-internal zone on each instance.', [server, role, zone]),
  metric(tx, 'technitium_zone_sync_failed', 'gauge', '1 when a secondary zone reports syncFailed.', [server, role, zone]),
  metric(tx, 'technitium_zone_expired', 'gauge', '1 when a secondary zone reports isExpired.', [server, role, zone]),
  metric(tx, 'technitium_exporter_poll_errors_total', 'counter', 'Failed polls by reason.', [server, role, label('reason', pollErrorReasons)]),
  metric(tx, 'technitium_exporter_last_success_timestamp_seconds', 'gauge', 'Unix time of the last successful poll of the instance.', [server, role]),
  metric(tx, 'technitium_exporter_zone_list_truncated', 'gauge', '1 when the instance lists more zones than the exporter reads (--max-zones): its zone count and missing zones are then not exported.', [server, role]),

  // technitium-zone-sync (pushed; grouping key job="technitium-zone-sync", instance="homelab-observability")
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
  metric(dns, 'coredns_build_info', 'gauge', 'Always 1: which CoreDNS is running (the metrics plugin).', [label('version'), label('revision'), label('goversion')]),
  metric(dns, 'coredns_cache_requests_total', 'counter', 'Cache requests.', [label('server'), label('zones'), label('view')]),
  metric(dns, 'coredns_cache_entries', 'gauge', 'Elements in the cache.', [label('server'), label('type', ['success', 'denial']), label('zones'), label('view')]),
  metric(dns, 'coredns_dns_request_duration_seconds', 'histogram', 'Time each request took, per server block and zone.', [label('server'), label('zone'), label('view')]),

  // kube-state-metrics
  metric(ksm, 'kube_node_info', 'gauge', 'Always 1 per node: its kernel, OS, runtime and kubelet versions.', [label('node'), label('kernel_version'), label('os_image'), label('container_runtime_version'), label('kubelet_version'), label('kubeproxy_version'), label('pod_cidr'), label('provider_id'), label('system_uuid'), label('internal_ip')]),
  metric(ksm, 'kube_deployment_spec_replicas', 'gauge', 'Desired replicas of a Deployment.', [label('namespace'), label('deployment')]),
  metric(ksm, 'kube_deployment_status_replicas_available', 'gauge', 'Available replicas of a Deployment.', [label('namespace'), label('deployment')]),
  metric(ksm, 'kube_poddisruptionbudget_status_current_healthy', 'gauge', 'Healthy pods covered by a PDB.', [label('namespace'), label('poddisruptionbudget')]),
  metric(ksm, 'kube_poddisruptionbudget_status_desired_healthy', 'gauge', 'Healthy pods a PDB requires.', [label('namespace'), label('poddisruptionbudget')]),
  metric(ksm, 'kube_pod_status_ready', 'gauge', 'Describes whether the pod is ready to serve requests (one series per condition, value 1 for the current one).', [label('namespace'), label('pod'), label('uid'), label('condition', ['true', 'false', 'unknown'])]),
  metric(ksm, 'kube_pod_container_status_restarts_total', 'counter', 'Container restarts.', [label('namespace'), label('pod'), label('container'), label('uid')]),
  metric(ksm, 'kube_job_status_failed', 'gauge', 'Failed pods of a Job.', [label('namespace'), label('job_name'), label('reason')]),
  metric(ksm, 'kube_cronjob_status_last_successful_time', 'gauge', 'Last time a CronJob completed successfully.', [label('namespace'), label('cronjob')]),
  metric(ksm, 'kube_pod_container_resource_limits', 'gauge', 'Container resource limits.', [label('namespace'), label('pod'), label('container'), label('uid'), label('resource'), label('unit')]),

  // cAdvisor
  metric(producers.cadvisor, 'machine_cpu_cores', 'gauge', 'CPU cores of the node (cAdvisor machine info).', [label('boot_id'), label('machine_id'), label('system_uuid')]),
  metric(producers.cadvisor, 'container_memory_working_set_bytes', 'gauge', 'Container working set (includes tmpfs pages it wrote).', [label('namespace'), label('pod'), label('container'), label('id'), label('image'), label('name')]),
  metric(producers.cadvisor, 'container_spec_memory_limit_bytes', 'gauge', 'Container memory limit.', [label('namespace'), label('pod'), label('container'), label('id'), label('image'), label('name')]),

  // Uptime Kuma (louislam/uptime-kuma server/prometheus.js)
  metric(producers.uptimeKuma, 'monitor_status', 'gauge', 'Last heartbeat: 1 up, 0 down, 2 pending, 3 maintenance.', [label('monitor_name'), label('monitor_type'), label('monitor_url'), label('monitor_hostname'), label('monitor_port'), label('monitor_id')]),

  // Pushgateway bookkeeping (prometheus/pushgateway README, "Alerting on failed pushes")
  metric(producers.pushgateway, 'push_time_seconds', 'gauge', 'Last successful push to the group.'),
  metric(producers.pushgateway, 'push_failure_time_seconds', 'gauge', 'Last failed push to the group (0 = never).'),

  // Pushed by existing jobs
  metric(producers.emailRoundtrip, 'email_roundtrip_success', 'gauge', '1 when the last e-mail round trip succeeded.'),
  metric(producers.emailRoundtrip, 'email_roundtrip_last_success_timestamp', 'gauge', 'Unix time of the last successful e-mail round trip.'),
  // One series per token file the monitor reads (ViktorBarzin/infra stacks/claude-agent-service/main.tf).
  metric(producers.claudeOauthExpiry, 'claude_oauth_token_expiry_timestamp', 'gauge', 'Unix time the OAuth token expires.', [label('path', undefined, 'the token file the expiry was read from')]),
  metric(producers.claudeOauthExpiry, 'claude_oauth_expiry_monitor_last_push_timestamp', 'gauge', 'Unix time of the expiry monitor\'s last push.'),

  // tmpfs-exporter (exporters/tmpfs-exporter): node mode labels each volume with pod_uid and volume, path mode
  // with mountpoint. Sizes from statfs(2) (fs.statfs), polled on an interval, never per scrape.
  ...tmpfsVolume('tmpfs_volume_size_bytes', 'Size of the memory-backed filesystem: statfs f_blocks x f_bsize.'),
  ...tmpfsVolume('tmpfs_volume_available_bytes', 'Bytes still free for writing: statfs f_bavail x f_bsize.'),
  ...tmpfsVolume('tmpfs_volume_used_bytes', 'Bytes in use: statfs (f_blocks - f_bfree) x f_bsize (tmpfs charges whole pages).'),
  ...tmpfsVolume('tmpfs_volume_inodes', 'Inodes the filesystem can hold: statfs f_files.'),
  ...tmpfsVolume('tmpfs_volume_inodes_free', 'Inodes still free: statfs f_ffree.'),
  ...tmpfsVolume('tmpfs_volume_directory_entries', "Entries directly in the volume's top directory, streamed; a lower bound while _truncated is 1."),
  ...tmpfsVolume('tmpfs_volume_directory_entries_truncated', "1 when the last count stopped at the poll's time budget before the end of the directory, else 0."),
  metric(tmpfs, 'tmpfs_exporter_volumes', 'gauge', 'Volumes reported by the last poll.'),
  metric(tmpfs, 'tmpfs_exporter_poll_errors_total', 'counter', 'Failed reads by reason (a volume that vanished mid-poll is no error).', [label('reason', tmpfsPollErrorReasons)]),
  metric(tmpfs, 'tmpfs_exporter_poll_duration_seconds', 'gauge', 'How long the last poll took.'),
  metric(tmpfs, 'tmpfs_exporter_last_poll_timestamp_seconds', 'gauge', 'Unix time the last poll finished.'),
  metric(tmpfs, 'tmpfs_exporter_build_info', 'gauge', 'Always 1: the program version and its mode.', [label('version'), label('mode', tmpfsExporterModes)]),

  // kube-state-metrics v2 (docs/metrics/workload/pod-metrics.md): one series per pod; its uid is the join key
  // of the tmpfs-exporter's pod_uid.
  metric(ksm, 'kube_pod_info', 'gauge', 'Information about a pod (value 1).', [label('namespace'), label('pod'), label('uid'), label('node'), label('host_ip'), label('pod_ip'), label('created_by_kind'), label('created_by_name'), label('priority_class'), label('host_network')]),

  // Traefik 3 (pkg/observability/metrics/prometheus.go): router and entry point request counters. The
  // cluster's traefik job drops the duration histograms and router byte/TLS counters, never these.
  metric(producers.traefik, 'traefik_entrypoint_requests_total', 'counter', 'HTTP requests processed on an entry point.', [label('code'), label('method'), label('protocol'), label('entrypoint')]),
  metric(producers.traefik, 'traefik_router_requests_total', 'counter', 'HTTP requests processed on a router (middlewares included: a forward-auth answer counts here).', [label('code'), label('method'), label('protocol'), label('router'), label('service')]),
  metric(producers.traefik, 'traefik_service_requests_total', 'counter', 'HTTP requests that reached a service (a request a middleware answered never does).', [label('code'), label('method'), label('protocol'), label('service')]),

  // blackbox-exporter v0.25.0 (prober/http.go): set only when the status code is valid and a header/body
  // regex is configured; 1 when a fail_if_* regex matched (here: a Location pointing at Authentik).
  metric(producers.blackboxWalloff, 'probe_failed_due_to_regex', 'gauge', 'Indicates if probe failed due to regex.'),

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
