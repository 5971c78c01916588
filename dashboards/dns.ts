// The DNS domain's dashboards: Technitium (its three instances, their zones and replication, our zone-sync
// job) and CoreDNS. Every query and threshold comes from the domain's config and queries (alerts/dns/), the
// same values its alerts read: a panel that `shows` an alert draws that alert's threshold, and the build gives
// the alert a dashboard_url to the panel. Joined to the domain in domains.ts.
import type { DomainContext } from '../core/domain.ts';
import { seconds } from '../core/duration.ts';
import { above, below, DashboardDraft, query, type DashboardDef } from '../core/grafana/dashboard.ts';
import { units } from '../core/grafana/sdk.ts';
import type { DnsConfig } from '../alerts/dns/config.ts';
import {
  baselineCovered,
  baselineRate,
  busyServers,
  corednsAllUpstreamsDown,
  corednsBusyUpstreams,
  corednsForwardFailureRatio,
  corednsForwardOpen,
  corednsHealthcheckFailures,
  corednsServedStale,
  exporterUpSelector,
  queryRate,
  servfailRatioByServer,
  technitiumMemoryRatio,
  corednsSelector,
  zoneSerialDistance,
  zoneSyncSelector,
  zoneSyncSincePush,
  zoneSyncSinceSuccess,
} from '../alerts/dns/queries.ts';

export function dnsDashboards(ctx: DomainContext<DnsConfig>): DashboardDef[] {
  return [technitiumDashboard(ctx), corednsDashboard(ctx)];
}

function technitiumDashboard({ global, config: c }: DomainContext<DnsConfig>): DashboardDef {
  const q = c.queries;
  const w = q.rateWindow;
  const t = c.programs.technitium;
  const zs = zoneSyncSelector(c);
  const d = new DashboardDraft(global, {
    uid: 'homelab-dns',
    title: 'DNS: Technitium',
    description: `Technitium DNS (${t.instances.map((i) => `${i.server} (${i.role})`).join(', ')}) as our exporter and zone-sync job report it. Rates over ${w}, as the alerts read them.`,
    tags: ['dns', 'technitium'],
  });

  d.row('Queries');
  d.timeseries({
    title: 'Query rate per instance',
    description: `Queries each instance answered per second (rate over ${w}).`,
    unit: units.RequestsPerSecond,
    queries: [query(`sum by (server) (rate(technitium_dns_queries_total[${w}]))`, '{{server}}')],
  });
  d.timeseries({
    title: 'Total query rate against the same hour yesterday',
    description:
      `All instances together. The dashed lines are where the alerts fire: a spike above ${q.spikeFactor} × the rate over the same ${q.baselineWindow} ${q.baselineOffset} earlier ` +
      `(and above ${q.minQueriesPerSecond}/s), a drop below ${q.dropFactor} × it (when that baseline is above ${q.minQueriesPerSecond}/s).`,
    unit: units.RequestsPerSecond,
    queries: [
      query(queryRate(c), 'now'),
      query(`clamp_min(${q.spikeFactor} * ${baselineRate(c)}, ${q.minQueriesPerSecond}) and on() ${baselineCovered(c)}`, `spike above (${q.spikeFactor} × ${q.baselineOffset} ago)`, { threshold: true }),
      query(`${q.dropFactor} * ${baselineRate(c)} and on() ${baselineRate(c)} > ${q.minQueriesPerSecond}`, `drop below (${q.dropFactor} × ${q.baselineOffset} ago)`, { threshold: true }),
    ],
    shows: ['TechnitiumQuerySpike', 'TechnitiumQueryRateDropped'],
  });
  d.timeseries({
    title: 'Responses by rcode',
    description: 'Answers per second of each instance, by response code.',
    unit: units.RequestsPerSecond,
    queries: [query(`sum by (server, rcode) (rate(technitium_dns_responses_total[${w}]))`, '{{server}} {{rcode}}')],
  });
  d.timeseries({
    title: 'SERVFAIL share per instance',
    description: `Share of each instance's answers that are SERVFAIL, for instances answering more than ${q.minQueriesPerSecond} queries/s.`,
    unit: units.PercentUnit,
    min: 0,
    queries: [query(`${servfailRatioByServer(c)} and on(server) ${busyServers(c)}`, '{{server}}')],
    threshold: above(q.servfailRatio),
    shows: ['TechnitiumHighServfailRatio'],
  });
  d.timeseries({
    title: 'Blocked and cached share per instance',
    description: 'Share of each instance\'s queries answered from its blocklists and from its cache.',
    unit: units.PercentUnit,
    min: 0,
    queries: [
      query(
        `sum by (server, outcome) (rate(technitium_dns_query_outcomes_total{outcome=~"blocked|cached"}[${w}])) / on(server) group_left() sum by (server) (rate(technitium_dns_queries_total[${w}]))`,
        '{{server}} {{outcome}}',
      ),
    ],
  });
  d.timeseries({
    title: 'Exporter poll errors',
    description: 'Failed polls of each instance by the technitium-exporter, by reason. A down instance shows here first.',
    unit: units.CountsPerSecond,
    queries: [query(`sum by (server, reason) (rate(technitium_exporter_poll_errors_total[${w}]))`, '{{server}} {{reason}}')],
  });

  d.row('Instances');
  d.stat({
    title: 'technitium-exporter',
    description: 'Whether Prometheus can scrape our exporter. While it cannot, every Technitium panel and alert is blind.',
    unit: units.NoUnit,
    width: 4,
    queries: [query(exporterUpSelector(global, c), 'scrape')],
    mappings: { 0: 'down', 1: 'up' },
    threshold: below(1),
    shows: ['TechnitiumExporterDown'],
  });
  d.stat({
    title: 'Instances answering',
    description: "Per instance, whether its API answered the exporter's last poll. The primary down for long stops every replica's zone transfers.",
    unit: units.NoUnit,
    width: 8,
    queries: [query('technitium_up', '{{server}} ({{role}})')],
    mappings: { 0: 'down', 1: 'up' },
    threshold: below(1),
    shows: ['TechnitiumInstanceDown', 'TechnitiumPrimaryDown'],
  });
  d.stat({
    title: 'All instances',
    description: `Available pods of the ${t.instances.length} Technitium Deployments (kube-state-metrics: the alert reads these alone, so a broken exporter cannot raise it) and instances answering the exporter. At 0 pods internal DNS is down.`,
    unit: units.Short,
    width: 6,
    queries: [
      query(`sum(kube_deployment_status_replicas_available{namespace="${t.namespace}", deployment=~"${t.instances.map((i) => i.deployment).join('|')}"})`, 'pods available'),
      query('sum(technitium_up)', 'answering'),
    ],
    threshold: below(1),
    shows: ['TechnitiumAllInstancesDown'],
  });
  d.stat({
    title: 'Zones per instance',
    description: 'Zones each instance serves (built-in zones left out). Replicas should match the primary.',
    unit: units.Short,
    width: 6,
    queries: [query('technitium_zones', '{{server}}')],
  });
  d.timeseries({
    title: 'Memory against limit',
    description: 'Working set of each Technitium container over its memory limit. At the limit the kernel OOM-kills it.',
    unit: units.PercentUnit,
    width: 24,
    min: 0,
    queries: [query(technitiumMemoryRatio(c), '{{pod}}')],
    threshold: above(c.technitium.memoryNearLimitRatio),
    shows: ['TechnitiumMemoryNearLimit'],
  });

  d.row('Zones and replication');
  d.timeseries({
    title: 'Missing zones per replica',
    description: 'Primary zones that do not exist on each replica. The zone-sync job creates them on its next run.',
    unit: units.Short,
    width: 8,
    min: 0,
    queries: [query('technitium_replica_zones_missing', '{{server}}')],
    threshold: above(1),
    shows: ['TechnitiumReplicaMissingZones'],
  });
  d.timeseries({
    title: 'SOA serial distance from the primary',
    description:
      "Each replica's SOA serial of each zone minus the primary's, in serial arithmetic (RFC 1982): below 0 it is behind (zone transfers are not " +
      'arriving), above 0 ahead (the primary went back, e.g. a restore). Anything but 0 that lasts is the alert.',
    unit: units.Short,
    width: 8,
    queries: [query(zoneSerialDistance, '{{server}} {{zone}}')],
    threshold: above(1),
    shows: ['TechnitiumZoneSerialMismatch'],
  });
  d.table({
    title: 'Secondary zones failing or expired',
    description: 'Zones on the replicas that report syncFailed or isExpired (1). A replica stops answering for an expired zone: its names get NXDOMAIN there.',
    unit: units.NoUnit,
    width: 8,
    queries: [query('technitium_zone_sync_failed{role="replica"} == 1', 'sync failed'), query('technitium_zone_expired{role="replica"} == 1', 'expired')],
    threshold: above(1),
    shows: ['TechnitiumReplicaZoneSyncFailing', 'TechnitiumZoneExpired'],
  });

  d.timeseries({
    title: 'Zones hidden from the exporter',
    description:
      "Zones each instance counts but does not list to the exporter's user (it lacks View on them): their replication is not watched. " +
      'The user belongs in DNS Administrators.',
    unit: units.Short,
    width: 12,
    min: 0,
    queries: [query('technitium_zones_hidden', '{{server}}')],
    threshold: above(1),
    shows: ['TechnitiumZonesHidden'],
  });
  d.stat({
    title: 'Zone list cut at --max-zones',
    description: 'Per instance, whether the exporter stopped reading its zone list at its limit: the zones past it are not watched.',
    unit: units.NoUnit,
    width: 12,
    queries: [query('technitium_exporter_zone_list_truncated', '{{server}}')],
    mappings: { 0: 'complete', 1: 'cut' },
    threshold: above(1),
    shows: ['TechnitiumZoneListTruncated'],
  });

  d.row('Zone sync job');
  const staleAfter = seconds(c.zoneSync.staleAfter, 'dns.zoneSync.staleAfter');
  d.stat({
    title: 'Last zone-sync run',
    description:
      `Outcome of the last ${c.programs.zoneSync.job} run (every ${c.programs.zoneSync.period}), as pushed to the Pushgateway, ` +
      `while that push is younger than ${c.zoneSync.staleAfter}; an older one is stale (next panel).`,
    unit: units.NoUnit,
    width: 6,
    queries: [query(`technitium_zone_sync_status{${zs}} and on(job) (${zoneSyncSincePush(c)}) < ${staleAfter}`, 'last run')],
    mappings: { 0: 'succeeded', 1: 'failed' },
    threshold: above(1),
    shows: ['TechnitiumZoneSyncRunFailed'],
    customize: (p) => p.noValue('no recent run'),
  });
  d.timeseries({
    title: 'Time since the last successful run',
    description: `Seconds since the last fully successful zone-sync run, and since the last push of any run. Stale after ${c.zoneSync.staleAfter}; no data at all means it never succeeded.`,
    unit: units.Seconds,
    width: 12,
    min: 0,
    queries: [query(zoneSyncSinceSuccess(c), 'since last success'), query(zoneSyncSincePush(c), 'since last push')],
    threshold: above(staleAfter),
    shows: ['TechnitiumZoneSyncNoRecentSuccess', 'TechnitiumZoneSyncNeverSucceeded', 'TechnitiumZoneSyncNotPushing'],
  });
  d.stat({
    title: 'Last run: failures and zones created',
    description: 'Failed zone operations and secondary zones created in the last run.',
    unit: units.Short,
    width: 6,
    queries: [query(`technitium_zone_sync_failures{${zs}}`, 'failures'), query(`technitium_zone_sync_zones_created{${zs}}`, 'zones created')],
  });
  return d.build();
}

function corednsDashboard({ global, config: c }: DomainContext<DnsConfig>): DashboardDef {
  const cd = c.coredns;
  const w = cd.rateWindow;
  const sel = corednsSelector(c);
  const d = new DashboardDraft(global, {
    uid: 'homelab-coredns',
    title: 'DNS: CoreDNS',
    description: `CoreDNS in ${cd.namespace} (its own series: ${sel}; NodeLocal DNSCache left out). Rates over ${w}, as the alerts read them.`,
    tags: ['dns', 'coredns'],
  });

  d.row('Requests and answers');
  d.timeseries({
    title: 'Requests by type',
    description: 'DNS requests per second by query type.',
    unit: units.RequestsPerSecond,
    stacked: true,
    queries: [query(`sum by (type) (rate(coredns_dns_requests_total{${sel}}[${w}]))`, '{{type}}')],
  });
  d.timeseries({
    title: 'Responses by rcode',
    description: 'DNS responses per second by response code.',
    unit: units.RequestsPerSecond,
    stacked: true,
    queries: [query(`sum by (rcode) (rate(coredns_dns_responses_total{${sel}}[${w}]))`, '{{rcode}}')],
  });
  d.timeseries({
    title: 'Request latency p99',
    description: 'The 99th percentile of the time CoreDNS took to answer, per server block.',
    unit: units.Seconds,
    queries: [query(`histogram_quantile(0.99, sum by (le, server) (rate(coredns_dns_request_duration_seconds_bucket{${sel}}[${w}])))`, '{{server}}')],
  });
  d.timeseries({
    title: 'Cache hit ratio',
    description: 'Share of cache lookups answered from the cache, per server block.',
    unit: units.PercentUnit,
    min: 0,
    max: 1,
    queries: [query(`sum by (server) (rate(coredns_cache_hits_total{${sel}}[${w}])) / sum by (server) (rate(coredns_cache_requests_total{${sel}}[${w}]))`, '{{server}}')],
  });

  d.row('Upstreams (forward plugin)');
  d.timeseries({
    title: 'Forward requests by upstream',
    description: 'Queries CoreDNS forwards per second, by upstream.',
    unit: units.RequestsPerSecond,
    width: 8,
    queries: [query(`sum by (to) (rate(${corednsForwardOpen(c)}}[${w}]))`, '{{to}}')],
  });
  d.timeseries({
    title: 'Forward failure share by upstream',
    description: `Share of forwarded queries that come back SERVFAIL or REFUSED, for upstreams receiving more than ${cd.forwardMinRequestsPerSecond} queries/s.`,
    unit: units.PercentUnit,
    width: 8,
    min: 0,
    queries: [query(`${corednsForwardFailureRatio(c)} and on(to) ${corednsBusyUpstreams(c)}`, '{{to}}')],
    threshold: above(cd.forwardFailureRatio),
    shows: ['CoreDNSForwardFailing'],
  });
  d.timeseries({
    title: 'Health-check failures by upstream',
    description: 'Failed health checks per second by upstream. CoreDNS stops sending queries to an upstream that keeps failing them.',
    unit: units.CountsPerSecond,
    width: 8,
    min: 0,
    queries: [query(corednsHealthcheckFailures(c), '{{to}}')],
    threshold: above(cd.healthcheckFailuresPerSecond),
    shows: ['CoreDNSForwardHealthcheckFailing'],
  });
  d.stat({
    title: 'All upstreams of a block down',
    description: `Times within ${w} CoreDNS found every upstream of a forward block unhealthy at once (it then tries a random one). Above 0 is the alert.`,
    unit: units.Short,
    width: 24,
    queries: [query(corednsAllUpstreamsDown(c), 'all upstreams down')],
    threshold: above(1),
    shows: ['CoreDNSAllUpstreamsDown'],
  });

  d.row('Cache and replicas');
  d.timeseries({
    title: 'Served-stale answers',
    description: 'Answers per second from expired cache entries (serve_stale): the upstream is failing and clients get old data.',
    unit: units.CountsPerSecond,
    width: 8,
    min: 0,
    queries: [query(corednsServedStale(c), 'stale answers')],
    threshold: above(cd.servedStalePerSecond),
    shows: ['CoreDNSServingStale'],
  });
  d.timeseries({
    title: 'Cache entries',
    description: 'Entries in the cache: answers (success) and negative answers (denial).',
    unit: units.Short,
    width: 8,
    queries: [query(`sum by (type) (coredns_cache_entries{${sel}})`, '{{type}}')],
  });
  const pdb = `namespace="${cd.namespace}", poddisruptionbudget="${cd.pdb}"`;
  d.timeseries({
    title: 'Replicas available',
    description: `Available CoreDNS pods against the ${cd.minReplicas} the cluster needs (${cd.criticalReplicas} or fewer: critical), and the healthy pods its PodDisruptionBudget counts against the number it requires (dashed).`,
    unit: units.Short,
    width: 8,
    min: 0,
    queries: [
      query(`kube_deployment_status_replicas_available{namespace="${cd.namespace}", deployment="${cd.deployment}"}`, 'available'),
      query(`kube_poddisruptionbudget_status_current_healthy{${pdb}}`, 'healthy (PDB)'),
      query(`kube_poddisruptionbudget_status_desired_healthy{${pdb}}`, 'required (PDB)', { threshold: true }),
    ],
    // Red at criticalReplicas and below (CoreDNSAtMostOneReplica), orange below minReplicas (CoreDNSReplicasBelowMinimum).
    threshold: { steps: [{ value: null, color: 'red' }, { value: cd.criticalReplicas + 1, color: 'orange' }, { value: cd.minReplicas, color: 'green' }] },
    shows: ['CoreDNSReplicasBelowMinimum', 'CoreDNSAtMostOneReplica'],
  });
  return d.build();
}
