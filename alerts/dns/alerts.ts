// DNS alerts: Technitium (three instances, two zone-transfer replicas), its zone-sync job, and CoreDNS.
// docs/design/legacy-findings.md items 1-4, 6 and 9 are why each expression looks the way it does.
import type { DomainContext } from '../../core/domain.ts';
import { seconds } from '../../core/duration.ts';
import { alert, group, promql, type RuleGroup } from '../../core/rules.ts';
import type { DnsConfig } from './config.ts';
import { baselineCovered, baselineRate, corednsForwardOpen, exporterUpSelector, queryRate, zoneSyncSelector } from './queries.ts';

export function dnsRuleGroups({ global, config: c }: DomainContext<DnsConfig>): RuleGroup[] {
  const cfg = global;
  const q = c.queries;
  const t = c.technitium;
  const zs = c.zoneSync;
  const cd = c.coredns;
  const programs = c.programs;

  const dnsQueries = group('dns-queries', [
    alert(cfg, {
      name: 'DNSQuerySpike',
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
      summary: 'DNS query rate across all Technitium instances is far above its recent baseline.',
      description:
        `Technitium is answering {{ $value | printf "%.1f" }} queries/s in total, more than ${q.spikeFactor}x its ` +
        `rate over the same ${q.baselineWindow} ${q.baselineOffset} earlier. A client loop, a misbehaving device or an amplification attempt ` +
        'can exhaust the resolvers and slow every lookup in the cluster and the LAN.',
    }),
    alert(cfg, {
      name: 'DNSQueryRateDropped',
      expr: promql`
        ${queryRate(c)}
          < ${q.dropFactor} * ${baselineRate(c)}
        and on()
        ${baselineRate(c)} > ${q.minQueriesPerSecond}
      `,
      // No baselineCovered guard here (DNSQuerySpike has one): a partly recorded baseline hour can only be
      // lower than the real one, which makes a drop less likely, never a false one.
      for: q.dropFor,
      severity: 'warning',
      summary: 'DNS query rate across all Technitium instances fell far below its recent baseline.',
      description:
        `Technitium is answering only {{ $value | printf "%.2f" }} queries/s in total, under ${q.dropFactor}x its ` +
        `rate over the same ${q.baselineWindow} ${q.baselineOffset} earlier. Clients are probably failing to reach Technitium ` +
        '(CoreDNS forward, DHCP-advertised resolver, LoadBalancer IP) and resolving elsewhere or not at all.',
    }),
    alert(cfg, {
      name: 'DNSHighServfailRatio',
      expr: promql`
        sum by (server) (rate(technitium_dns_responses_total{rcode="SERVFAIL"}[${q.rateWindow}]))
          / sum by (server) (rate(technitium_dns_queries_total[${q.rateWindow}]))
          > ${q.servfailRatio}
        and on(server)
        sum by (server) (rate(technitium_dns_queries_total[${q.rateWindow}])) > ${q.minQueriesPerSecond}
      `,
      for: q.servfailFor,
      severity: 'warning',
      summary: 'A Technitium instance answers a high share of queries with SERVFAIL.',
      description:
        '{{ $value | humanizePercentage }} of the queries answered by Technitium instance {{ $labels.server }} ' +
        `are SERVFAIL (threshold ${percent(q.servfailRatio)}). Names it should resolve fail for every client that ` +
        'asks it: usually its upstream forwarders, DNSSEC validation, or an expired secondary zone.',
    }),
  ]);

  const exporterUp = exporterUpSelector(global, c);
  const instances = programs.technitium.instances;
  const instanceAbsent = instances
    // server and role as equality matchers, so the absent() series carries both labels.
    .map((i) => `(absent(technitium_up{server="${i.server}", role="${i.role}"}) and on() count(technitium_up) > 0)`)
    .join('\nor\n');
  const deployments = instances.map((i) => i.deployment).join('|');

  const technitium = group('technitium', [
    alert(cfg, {
      name: 'TechnitiumExporterDown',
      expr: promql`
        ${exporterUp} == 0
        or
        absent(${exporterUp})
      `,
      for: t.exporterDownFor,
      severity: 'warning',
      summary: 'Prometheus cannot scrape the technitium-exporter: every Technitium alert is blind.',
      description:
        'The technitium-exporter target is down or missing from service discovery. While it is, ' +
        'TechnitiumInstanceDown, the zone comparison alerts and the DNS query alerts cannot fire.',
    }),
    alert(cfg, {
      name: 'TechnitiumInstanceDown',
      expr: promql`
        technitium_up == 0
        or
        ${instanceAbsent}
      `,
      for: t.instanceDownFor,
      severity: 'warning',
      summary: 'A Technitium DNS instance does not answer its API.',
      description:
        'The technitium-exporter cannot poll Technitium instance {{ $labels.server }} (role {{ $labels.role }}), ' +
        'or the exporter does not report it at all. A down replica serves no DNS and falls behind on zone ' +
        'transfers; a down primary stops zone changes reaching the replicas. The other instances still answer.',
    }),
    alert(cfg, {
      name: 'TechnitiumAllInstancesDown',
      expr: promql`
        sum(technitium_up) == 0
        or
        sum(kube_deployment_status_replicas_available{namespace="${programs.technitium.namespace}", deployment=~"${deployments}"}) == 0
      `,
      for: t.allInstancesDownFor,
      severity: 'critical',
      summary: 'No Technitium DNS instance is available: internal DNS is down.',
      description:
        `None of the ${instances.length} Technitium instances answers (per the exporter) or has an available ` +
        'pod (per kube-state-metrics). Every internal name, split-horizon record and blocklist lookup fails; ' +
        'CoreDNS serves only what is still in its stale cache.',
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
      summary: 'A Technitium replica lacks zones that exist on the primary.',
      description:
        'Replica {{ $labels.server }} is missing {{ $value | printf "%.0f" }} zone(s) that the primary serves, ' +
        `for longer than a zone-sync run (every ${programs.zoneSync.period}) takes to create them. Clients that reach this ` +
        'replica get NXDOMAIN or a forwarded answer for names in those zones.',
    }),
    alert(cfg, {
      name: 'TechnitiumZoneSerialBehind',
      expr: promql`
        technitium_zone_soa_serial{role="replica"}
          < on(zone) group_left()
        max by (zone) (technitium_zone_soa_serial{role="primary"})
      `,
      for: t.serialBehindFor,
      severity: 'warning',
      summary: "A Technitium replica's zone serial is behind the primary's.",
      description:
        'Zone {{ $labels.zone }} on replica {{ $labels.server }} is at SOA serial {{ $value | printf "%.0f" }}, ' +
        `behind the primary, for more than ${t.serialBehindFor}. Zone transfers are not reaching it: clients of ` +
        'this replica get outdated records.',
    }),
    alert(cfg, {
      name: 'TechnitiumReplicaZoneSyncFailing',
      expr: promql`
        technitium_zone_sync_failed{role="replica"} == 1
        or
        technitium_zone_expired{role="replica"} == 1
      `,
      for: t.zoneSyncFailingFor,
      severity: 'warning',
      summary: 'A secondary zone on a Technitium replica fails to transfer or has expired.',
      description:
        'Zone {{ $labels.zone }} on replica {{ $labels.server }} reports syncFailed or isExpired. A failing zone ' +
        'serves ageing data; an expired one answers SERVFAIL for every name in it.',
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
      summary: 'A Technitium container is close to its memory limit.',
      description:
        'Container {{ $labels.container }} of pod {{ $labels.pod }} uses {{ $value | humanizePercentage }} of its ' +
        'memory limit. At the limit the kernel OOM-kills it and that instance stops answering until it restarts ' +
        '(the primary did this at its old 512Mi ceiling).',
    }),
  ]);

  const zsSel = zoneSyncSelector(c);
  const staleAfter = seconds(zs.staleAfter, 'dns.zoneSync.staleAfter');
  const zoneSync = group('technitium-zone-sync', [
    alert(cfg, {
      name: 'TechnitiumZoneSyncFailed',
      // Guarded by push_time_seconds: a failed status that is no longer being pushed is TechnitiumZoneSyncStale.
      expr: promql`
        technitium_zone_sync_status{${zsSel}} == 1
        and on(job)
        (time() - push_time_seconds{${zsSel}}) < ${staleAfter}
      `,
      for: zs.failedFor,
      severity: 'warning',
      summary: 'The last Technitium zone-sync run failed.',
      description:
        `The ${programs.zoneSync.job} CronJob reported a failure in its last run. New primary zones may not exist on the ` +
        'replicas and existing ones may point at a wrong primary; its log names the replica, the zone and ' +
        "Technitium's error message.",
    }),
    alert(cfg, {
      name: 'TechnitiumZoneSyncStale',
      expr: promql`
        time() - technitium_zone_sync_last_success_timestamp_seconds{${zsSel}} > ${staleAfter}
        or
        time() - push_time_seconds{${zsSel}} > ${staleAfter}
      `,
      for: zs.staleFor,
      severity: 'warning',
      summary: 'The Technitium zone-sync job has not succeeded recently, or has stopped running.',
      description:
        `The last successful ${programs.zoneSync.job} run (or the last push of any run) was {{ $value | humanizeDuration }} ago; ` +
        `it should run every ${programs.zoneSync.period}. Until it runs, zones added on the primary never reach the replicas.`,
    }),
    alert(cfg, {
      name: 'TechnitiumZoneSyncNeverSucceeded',
      expr: promql`
        absent(technitium_zone_sync_last_success_timestamp_seconds{${zsSel}})
      `,
      for: zs.neverSucceededFor,
      severity: 'warning',
      summary: 'The Technitium zone-sync job has never pushed a successful run.',
      description:
        `The Pushgateway holds no last-success time for ${programs.zoneSync.job}: it has never completed a full run since the ` +
        "Pushgateway's data began, or it pushes somewhere else. Replicas get no new zones.",
    }),
  ]);

  const fwd = corednsForwardOpen(c);
  const coredns = group('coredns', [
    alert(cfg, {
      name: 'CoreDNSForwardFailureRate',
      expr: promql`
        sum by (to) (rate(${fwd}, rcode=~"SERVFAIL|REFUSED"}[${cd.rateWindow}]))
          / sum by (to) (rate(${fwd}}[${cd.rateWindow}]))
          > ${cd.forwardFailureRatio}
        and on(to)
        sum by (to) (rate(${fwd}}[${cd.rateWindow}])) > ${cd.forwardMinRequestsPerSecond}
      `,
      for: cd.forwardFor,
      severity: 'warning',
      summary: 'CoreDNS gets SERVFAIL or REFUSED for a large share of forwarded queries.',
      description:
        '{{ $value | humanizePercentage }} of the queries CoreDNS forwards to {{ $labels.to }} come back SERVFAIL or ' +
        'REFUSED. Names outside the cluster fail for pods unless CoreDNS still has them in its stale cache.',
    }),
    alert(cfg, {
      name: 'CoreDNSForwardHealthcheckFailing',
      expr: promql`
        sum by (to) (rate(coredns_proxy_healthcheck_failures_total{proxy_name="forward", ${cd.selector}}[${cd.rateWindow}])) > ${cd.healthcheckFailuresPerSecond}
      `,
      for: cd.healthcheckFor,
      severity: 'warning',
      summary: 'CoreDNS health checks of a forward upstream keep failing.',
      description:
        'CoreDNS health checks of upstream {{ $labels.to }} fail {{ $value | printf "%.2f" }} times/s. CoreDNS ' +
        'marks it down and sends its queries to the next upstream; when every upstream is down it serves stale cache only.',
    }),
    alert(cfg, {
      name: 'CoreDNSServingStale',
      expr: promql`
        sum(rate(coredns_cache_served_stale_total{${cd.selector}}[${cd.rateWindow}])) > ${cd.servedStalePerSecond}
      `,
      for: cd.servedStaleFor,
      severity: 'warning',
      summary: 'CoreDNS is answering from expired cache entries: its upstream is failing.',
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
      summary: 'Fewer CoreDNS replicas are available than the cluster needs.',
      description:
        `CoreDNS in ${cd.namespace} has {{ $value | printf "%.0f" }} available/healthy pod(s), below the ` +
        `${cd.minReplicas} replicas or its PDB minimum. One more node loss or eviction leaves cluster DNS unanswered.`,
    }),
  ]);

  return [dnsQueries, technitium, zoneSync, coredns];
}

/** A ratio as on-call reads it: 0.05 -> "5%". */
export const percent = (ratio: number) => `${Math.round(ratio * 1000) / 10}%`;

