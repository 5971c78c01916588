// DNS alerts: Technitium (three instances, two zone-transfer replicas), its zone-sync job, and CoreDNS.
// docs/design/legacy-findings.md items 1-4, 6 and 9 are why each expression looks the way it does.
import type { DomainContext, InhibitRule } from '../../core/domain.ts';
import { seconds } from '../../core/duration.ts';
import { alert, group, promql, type RuleGroup } from '../../core/rules.ts';
import type { DnsConfig } from './config.ts';
import { baselineCovered, baselineRate, corednsForwardOpen, corednsSelector, queryRate, zoneSerialDistance, zoneSyncSelector } from './queries.ts';

export function dnsRuleGroups({ global, config: c }: DomainContext<DnsConfig>): RuleGroup[] {
  const cfg = global;
  const q = c.queries;
  const t = c.technitium;
  const zs = c.zoneSync;
  const cd = c.coredns;
  const programs = c.programs;

  const dnsQueries = group('dns-queries', [
    alert(cfg, {
      name: 'TechnitiumQuerySpike',
      expr: promql`
        ${queryRate(c)}
          > ${q.spikeFactor} * ${baselineRate(c)}
        and on()
        ${queryRate(c)} > ${q.minQueriesPerSecond}
        and on()
        ${baselineCovered(c)}
      `,
      for: q.spikeFor,
      severity: 'warning',
      summary: `Technitium: {{ $value | printf "%.1f" }} queries/s, over ${q.spikeFactor}x the same hour yesterday`,
      description:
        `Technitium is answering {{ $value | printf "%.1f" }} queries/s in total, more than ${q.spikeFactor}x its ` +
        `rate over the same ${q.baselineWindow} ${q.baselineOffset} earlier. A client loop, a misbehaving device or an amplification attempt ` +
        'can exhaust the resolvers and slow every lookup that reaches Technitium (the cluster, and the LAN through pfSense).',
    }),
    alert(cfg, {
      name: 'TechnitiumQueryRateDropped',
      expr: promql`
        ${queryRate(c)}
          < ${q.dropFactor} * ${baselineRate(c)}
        and on()
        ${baselineRate(c)} > ${q.minQueriesPerSecond}
      `,
      // No baselineCovered guard here (TechnitiumQuerySpike has one): a partly recorded baseline hour can only be
      // lower than the real one, which makes a drop less likely, never a false one.
      for: q.dropFor,
      severity: 'warning',
      summary: `Technitium: {{ $value | printf "%.2f" }} queries/s, under ${q.dropFactor}x the same hour yesterday`,
      description:
        `Technitium is answering only {{ $value | printf "%.2f" }} queries/s in total, under ${q.dropFactor}x its ` +
        `rate over the same ${q.baselineWindow} ${q.baselineOffset} earlier. Clients are probably failing to reach Technitium ` +
        "(CoreDNS's forward, NodeLocal DNSCache's .lan forward, pfSense's forward, the LoadBalancer IP) and resolving elsewhere or not at all.",
    }),
    alert(cfg, {
      name: 'TechnitiumHighServfailRatio',
      expr: promql`
        sum by (server) (rate(technitium_dns_responses_total{rcode="SERVFAIL"}[${q.rateWindow}]))
          / sum by (server) (rate(technitium_dns_queries_total[${q.rateWindow}]))
          > ${q.servfailRatio}
        and on(server)
        sum by (server) (rate(technitium_dns_queries_total[${q.rateWindow}])) > ${q.minQueriesPerSecond}
      `,
      for: q.servfailFor,
      severity: 'warning',
      summary: 'Technitium {{ $labels.server }}: {{ $value | humanizePercentage }} of queries answered SERVFAIL',
      description:
        '{{ $value | humanizePercentage }} of the queries answered by Technitium instance {{ $labels.server }} ' +
        `are SERVFAIL (threshold ${percent(q.servfailRatio)}). Names it should resolve fail for every client that ` +
        'asks it: usually its upstream forwarders or DNSSEC validation.',
    }),
  ]);

  const instances = programs.technitium.instances;
  const instanceAbsent = instances
    // server and role as equality matchers, so the absent() series carries both labels.
    .map((i) => `(absent(technitium_up{server="${i.server}", role="${i.role}"}) and on() count(technitium_up) > 0)`)
    .join('\nor\n');
  const deployments = instances.map((i) => i.deployment).join('|');
  const technitiumDeployments = `namespace="${programs.technitium.namespace}", deployment=~"${deployments}"`;

  const technitium = group('technitium', [
    alert(cfg, {
      name: 'TechnitiumInstanceDown',
      expr: promql`
        technitium_up == 0
        or
        ${instanceAbsent}
      `,
      for: t.instanceDownFor,
      severity: 'warning',
      summary: `Technitium {{ $labels.server }} ({{ $labels.role }}): API not answering for ${t.instanceDownFor}`,
      description:
        'The technitium-exporter cannot poll Technitium instance {{ $labels.server }} (role {{ $labels.role }}), ' +
        'or the exporter does not report it at all. A down replica serves no DNS and falls behind on zone ' +
        'transfers; a down primary stops zone changes reaching the replicas. The other instances still answer.',
    }),
    alert(cfg, {
      name: 'TechnitiumPrimaryDown',
      expr: promql`
        technitium_up{role="primary"} == 0
      `,
      for: t.primaryDownCriticalFor,
      severity: 'critical',
      summary: `Technitium primary {{ $labels.server }}: API down for over ${t.primaryDownCriticalFor}`,
      description:
        'The technitium-exporter has not been able to poll the primary, {{ $labels.server }}, for over ' +
        `${t.primaryDownCriticalFor}. Zone changes go nowhere (the primary holds the only writable copy), zone-sync runs ` +
        'fail, and the replicas serve ever older data until their secondary zones expire and stop answering for them.',
    }),
    alert(cfg, {
      name: 'TechnitiumAllInstancesDown',
      // From the pods, not the exporter: an exporter whose credentials fail on every instance sees every API
      // "down" while DNS answers (TechnitiumInstanceDown says that, per instance, at warning).
      // All three Deployments gone (a deleted namespace, renamed Deployments) is down too, while kube-state-metrics
      // reports others: a sum of nothing is nothing, which no comparison catches.
      expr: promql`
        sum by (namespace) (kube_deployment_status_replicas_available{${technitiumDeployments}}) == 0
        or
        (absent(kube_deployment_status_replicas_available{${technitiumDeployments}}) and on() count(kube_deployment_status_replicas_available))
      `,
      for: t.allInstancesDownFor,
      severity: 'critical',
      summary: `Technitium: none of the ${instances.length} instances has a pod available; internal DNS is down`,
      description:
        `None of the ${instances.length} Technitium Deployments has an available pod, or none of them exists (per kube-state-metrics). Every ` +
        'internal name, split-horizon record and blocklist lookup fails: pods lose .lan names within 30 s (NodeLocal ' +
        "DNSCache's cache), CoreDNS's forward blocks answer only from their stale cache.",
    }),
    alert(cfg, {
      name: 'TechnitiumReplicaMissingZones',
      expr: promql`
        technitium_replica_zones_missing > 0
        and on(server)
        technitium_up == 1
      `,
      for: t.missingZonesFor,
      severity: 'warning',
      summary: 'Technitium {{ $labels.server }}: {{ $value | printf "%.0f" }} primary zone(s) missing',
      description:
        'Replica {{ $labels.server }} is missing {{ $value | printf "%.0f" }} zone(s) that the primary serves, ' +
        `for longer than a zone-sync run (every ${programs.zoneSync.period}) takes to create them. Clients that reach this ` +
        'replica get NXDOMAIN or a forwarded answer for names in those zones.',
    }),
    alert(cfg, {
      name: 'TechnitiumZoneSerialMismatch',
      // The replica's serial minus the primary's, in serial arithmetic (RFC 1982): SOA serials are 32-bit and
      // wrap, so a difference beyond 2^31 is the other way round. Negative: behind; positive: ahead (a replica
      // ahead of the primary, e.g. after the primary was restored from a backup, never transfers again).
      expr: promql`
        ${zoneSerialDistance}
          != 0
      `,
      for: t.serialMismatchFor,
      severity: 'warning',
      summary: 'Technitium {{ $labels.server }}: zone {{ $labels.zone }} serial {{ if lt $value 0.0 }}behind{{ else }}ahead of{{ end }} the primary',
      description:
        'Zone {{ $labels.zone }} on replica {{ $labels.server }} differs from the primary by {{ $value | printf "%+.0f" }} in SOA ' +
        '(serial arithmetic: negative is behind, positive is ahead) ' +
        `for more than ${t.serialMismatchFor}. Behind: zone transfers are not reaching it and its clients get outdated records. ` +
        'Ahead: the primary went back in time (a restore), and the replica will not take its zone until the serial passes its own.',
    }),
    alert(cfg, {
      name: 'TechnitiumReplicaZoneSyncFailing',
      expr: promql`
        technitium_zone_sync_failed{role="replica"} == 1
      `,
      for: t.zoneSyncFailingFor,
      severity: 'warning',
      summary: 'Technitium {{ $labels.server }}: zone {{ $labels.zone }} transfers failing',
      description:
        'Zone {{ $labels.zone }} on replica {{ $labels.server }} reports syncFailed: its last zone transfer from the ' +
        'primary failed. It serves ageing data, and stops answering for the zone once the zone expires.',
    }),
    alert(cfg, {
      name: 'TechnitiumZoneExpired',
      expr: promql`
        technitium_zone_expired{role="replica"} == 1
      `,
      for: t.zoneExpiredFor,
      severity: 'critical',
      summary: 'Technitium {{ $labels.server }}: zone {{ $labels.zone }} expired; its names no longer resolve there',
      description:
        'Zone {{ $labels.zone }} on replica {{ $labels.server }} reports isExpired: no transfer from the primary ' +
        'succeeded within the SOA expire time (or ever, for a new zone), so the replica no longer answers for it: it ' +
        'resolves its names as if it hosted no such zone (NXDOMAIN for internal names), for every client that reaches it.',
    }),
    alert(cfg, {
      name: 'TechnitiumZonesHidden',
      // The instance counts more zones than its zone list shows the exporter's user: per-zone View is missing
      // (APIDOCS "List Zones"), so the zone alerts compare what it cannot see.
      expr: promql`
        technitium_zones_hidden > 0
      `,
      for: t.zonesHiddenFor,
      severity: 'warning',
      summary: "Technitium {{ $labels.server }}: {{ $value | printf \"%.0f\" }} zone(s) hidden from the exporter's user",
      description:
        'Technitium instance {{ $labels.server }} ({{ $labels.role }}) counts {{ $value | printf "%.0f" }} zone(s) that its ' +
        "zone list does not show to the exporter's user: the user lacks per-zone View on them. Missing zones, serials " +
        'and transfer failures of those zones are invisible, so the zone alerts stay quiet whatever happens to them.',
    }),
    alert(cfg, {
      name: 'TechnitiumZoneListTruncated',
      expr: promql`
        technitium_exporter_zone_list_truncated == 1
      `,
      for: t.zoneListTruncatedFor,
      severity: 'warning',
      summary: `Technitium {{ $labels.server }}: more than ${programs.exporter.maxZones} zones, the exporter reads only the first`,
      description:
        `Technitium instance {{ $labels.server }} lists more zones than the exporter reads (--max-zones ${programs.exporter.maxZones}). ` +
        'Its zone count and its missing zones are not exported, so TechnitiumReplicaMissingZones cannot fire for it ' +
        '(when it is the primary: for any replica).',
    }),
    alert(cfg, {
      name: 'TechnitiumMemoryNearLimit',
      expr: promql`
        max by (namespace, pod, container) (container_memory_working_set_bytes{namespace="${programs.technitium.namespace}", container!="", container!="POD"})
          / on(namespace, pod, container)
        max by (namespace, pod, container) (kube_pod_container_resource_limits{namespace="${programs.technitium.namespace}", resource="memory"})
          > ${t.memoryNearLimitRatio}
      `,
      for: t.memoryNearLimitFor,
      severity: 'warning',
      summary: 'Technitium {{ $labels.pod }}: memory at {{ $value | humanizePercentage }} of its limit',
      description:
        'Container {{ $labels.container }} of pod {{ $labels.pod }} uses {{ $value | humanizePercentage }} of its ' +
        'memory limit. At the limit the kernel OOM-kills it and that instance stops answering until it restarts.',
    }),
  ]);

  const zsSel = zoneSyncSelector(c);
  const staleAfter = seconds(zs.staleAfter, 'dns.zoneSync.staleAfter');
  const zoneSync = group('technitium-zone-sync', [
    alert(cfg, {
      name: 'TechnitiumZoneSyncRunFailed',
      // Guarded by push_time_seconds: a failed status that is no longer being pushed is TechnitiumZoneSyncNoRecentSuccess's.
      expr: promql`
        technitium_zone_sync_status{${zsSel}} == 1
        and on(job)
        (time() - push_time_seconds{${zsSel}}) < ${staleAfter}
      `,
      for: zs.failedFor,
      severity: 'warning',
      summary: `Technitium zone-sync (${programs.zoneSync.job}): the last run failed`,
      description:
        `The ${programs.zoneSync.job} CronJob reported a failure in its last run. New primary zones may not exist on the ` +
        'replicas and existing ones may point at a wrong primary; its log names the replica, the zone and ' +
        "Technitium's error message.",
    }),
    alert(cfg, {
      name: 'TechnitiumZoneSyncNoRecentSuccess',
      // A job that stopped pushing altogether is the zone-sync's heartbeat alert (generated from the catalogue).
      expr: promql`
        time() - technitium_zone_sync_last_success_timestamp_seconds{${zsSel}} > ${staleAfter}
      `,
      for: zs.staleFor,
      severity: 'warning',
      summary: `Technitium zone-sync (${programs.zoneSync.job}): no successful run for {{ $value | humanizeDuration }}`,
      description:
        `The last successful ${programs.zoneSync.job} run was {{ $value | humanizeDuration }} ago; ` +
        `it should run every ${programs.zoneSync.period}. Until it runs, zones added on the primary never reach the replicas.`,
    }),
    alert(cfg, {
      name: 'TechnitiumZoneSyncNeverSucceeded',
      expr: promql`
        absent(technitium_zone_sync_last_success_timestamp_seconds{${zsSel}})
      `,
      for: zs.neverSucceededFor,
      severity: 'warning',
      summary: `Technitium zone-sync (${programs.zoneSync.job}): no successful run on record`,
      description:
        `The Pushgateway holds no last-success time for ${programs.zoneSync.job}: it has never completed a full run since the ` +
        "Pushgateway's data began, or it pushes somewhere else. Replicas get no new zones.",
    }),
  ]);

  const fwd = corednsForwardOpen(c);
  const corednsSel = corednsSelector(c);
  const coredns = group('coredns', [
    alert(cfg, {
      name: 'CoreDNSForwardFailing',
      expr: promql`
        sum by (to) (rate(${fwd}, rcode=~"SERVFAIL|REFUSED"}[${cd.rateWindow}]))
          / sum by (to) (rate(${fwd}}[${cd.rateWindow}]))
          > ${cd.forwardFailureRatio}
        and on(to)
        sum by (to) (rate(${fwd}}[${cd.rateWindow}])) > ${cd.forwardMinRequestsPerSecond}
      `,
      for: cd.forwardFor,
      severity: 'warning',
      summary: 'CoreDNS upstream {{ $labels.to }}: {{ $value | humanizePercentage }} of forwards answered SERVFAIL or REFUSED',
      description:
        '{{ $value | humanizePercentage }} of the queries CoreDNS forwards to {{ $labels.to }} come back SERVFAIL or ' +
        'REFUSED. Names outside the cluster fail for pods unless CoreDNS still has them in its stale cache.',
    }),
    alert(cfg, {
      name: 'CoreDNSAllUpstreamsDown',
      // The forward plugin counts a query that finds every upstream unhealthy at once.
      expr: promql`
        sum(increase(coredns_forward_healthcheck_broken_total{${corednsSel}}[${cd.rateWindow}])) > 0
      `,
      for: cd.allUpstreamsDownFor,
      severity: 'critical',
      summary: 'CoreDNS: every upstream of a forward block fails its health checks',
      description:
        'CoreDNS found every upstream of a forward block unhealthy at once {{ $value | printf "%.0f" }} time(s) in the ' +
        `last ${cd.rateWindow}. It still tries one at random, but names not in its cache (served stale for up to 24 h) ` +
        'mostly fail for pods.',
    }),
    alert(cfg, {
      name: 'CoreDNSForwardHealthcheckFailing',
      expr: promql`
        sum by (to) (rate(coredns_proxy_healthcheck_failures_total{proxy_name="forward", ${corednsSel}}[${cd.rateWindow}])) > ${cd.healthcheckFailuresPerSecond}
      `,
      for: cd.healthcheckFor,
      severity: 'warning',
      summary: 'CoreDNS upstream {{ $labels.to }}: health checks failing {{ $value | printf "%.2f" }}/s',
      description:
        'CoreDNS health checks of upstream {{ $labels.to }} fail {{ $value | printf "%.2f" }} times/s. CoreDNS ' +
        'marks it down and sends its queries to the next upstream; when every upstream of a block is down it still tries ' +
        'one at random and serves stale cache entries (CoreDNSAllUpstreamsDown).',
    }),
    alert(cfg, {
      name: 'CoreDNSServingStale',
      // serve_stale answers stale while it refreshes in the background even when the upstream is fine: stale
      // answers mean trouble only while an upstream's health checks fail.
      expr: promql`
        sum(rate(coredns_cache_served_stale_total{${corednsSel}}[${cd.rateWindow}])) > ${cd.servedStalePerSecond}
        and on()
        sum(rate(coredns_proxy_healthcheck_failures_total{proxy_name="forward", ${corednsSel}}[${cd.rateWindow}])) > 0
      `,
      for: cd.servedStaleFor,
      severity: 'warning',
      summary: 'CoreDNS: {{ $value | printf "%.2f" }} stale answers/s; its upstream is failing',
      description:
        'CoreDNS serves {{ $value | printf "%.2f" }} stale answers/s. serve_stale keeps cached names resolving for up ' +
        'to 24 h while the upstream is down, so nothing looks broken until the cache runs out or a new name is asked.',
    }),
    alert(cfg, {
      name: 'CoreDNSReplicasBelowMinimum',
      expr: promql`
        kube_deployment_status_replicas_available{namespace="${cd.namespace}", deployment="${cd.deployment}"} < ${cd.minReplicas}
        or
        kube_poddisruptionbudget_status_current_healthy{namespace="${cd.namespace}", poddisruptionbudget="${cd.pdb}"}
          < kube_poddisruptionbudget_status_desired_healthy{namespace="${cd.namespace}", poddisruptionbudget="${cd.pdb}"}
      `,
      for: cd.replicasFor,
      severity: 'warning',
      summary: `CoreDNS in ${cd.namespace}: {{ $value | printf "%.0f" }} pod(s) available or healthy, needs ${cd.minReplicas}`,
      description:
        `CoreDNS in ${cd.namespace} has {{ $value | printf "%.0f" }} available/healthy pod(s), below the ` +
        `${cd.minReplicas} replicas or its PDB minimum. One more node loss or eviction leaves cluster DNS unanswered.`,
    }),
    alert(cfg, {
      name: 'CoreDNSAtMostOneReplica',
      expr: promql`
        kube_deployment_status_replicas_available{namespace="${cd.namespace}", deployment="${cd.deployment}"} <= ${cd.criticalReplicas}
      `,
      for: cd.criticalReplicasFor,
      severity: 'critical',
      summary: `CoreDNS in ${cd.namespace}: {{ $value | printf "%.0f" }} pod(s) available; one more loss and cluster DNS is down`,
      description:
        `CoreDNS in ${cd.namespace} has {{ $value | printf "%.0f" }} available pod(s) of ${cd.minReplicas}. Every DNS lookup ` +
        'of every pod goes through what is left; one more node loss, eviction or crash and no name in the cluster resolves.',
    }),
  ]);

  return [dnsQueries, technitium, zoneSync, coredns];
}

/** A ratio as on-call reads it: 0.05 -> "5%". */
export const percent = (ratio: number) => `${Math.round(ratio * 1000) / 10}%`;

const either = (names: readonly string[]) => `alertname =~ "${names.join('|')}"`;

/**
 * What one DNS alert makes another redundant: the critical form mutes its warning form, everything down mutes
 * one down, and a node being drained or rebooted (the cluster's own node alerts) mutes what that disruption
 * explains on its own (a pod moving, a replica count dipping).
 */
export function dnsInhibitRules({ global }: DomainContext<DnsConfig>): InhibitRule[] {
  return [
    { source_matchers: ['alertname = TechnitiumAllInstancesDown'], target_matchers: [either(['TechnitiumInstanceDown', 'TechnitiumPrimaryDown', 'TechnitiumQueryRateDropped'])], equal: [] },
    { source_matchers: ['alertname = TechnitiumPrimaryDown'], target_matchers: ['alertname = TechnitiumInstanceDown'], equal: ['server'] },
    // A replica whose user cannot see all its zones reports them missing: the rights are the news.
    { source_matchers: ['alertname = TechnitiumZonesHidden'], target_matchers: ['alertname = TechnitiumReplicaMissingZones'], equal: ['server'] },
    { source_matchers: ['alertname = TechnitiumZoneExpired'], target_matchers: [either(['TechnitiumReplicaZoneSyncFailing', 'TechnitiumZoneSerialMismatch'])], equal: ['server', 'zone'] },
    { source_matchers: ['alertname = CoreDNSAtMostOneReplica'], target_matchers: ['alertname = CoreDNSReplicasBelowMinimum'], equal: [] },
    // Technitium's forward blocks in CoreDNS have it as their only upstream: Technitium down makes them "all down".
    { source_matchers: ['alertname = TechnitiumAllInstancesDown'], target_matchers: ['alertname = CoreDNSAllUpstreamsDown'], equal: [] },
    { source_matchers: ['alertname = CoreDNSAllUpstreamsDown'], target_matchers: [either(['CoreDNSForwardFailing', 'CoreDNSForwardHealthcheckFailing', 'CoreDNSServingStale'])], equal: [] },
    { source_matchers: [either(global.nodeDisruptionAlerts)], target_matchers: [either(['TechnitiumInstanceDown', 'TechnitiumExporterDown', 'CoreDNSReplicasBelowMinimum', 'CoreDNSMetricsMissing'])], equal: [] },
  ];
}
