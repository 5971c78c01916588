// Mutants that no test can kill because they do not change what the alert does, each with its reason.
// Reviewed like code: an entry here says "this change is harmless", so it needs an argument, not a shrug.
// The mutation run fails on an entry that is killed or no longer made (so this list cannot go stale).
export interface Equivalent {
  readonly alert: string;
  /** The mutant's `change` text exactly as `npm run test:mutation` prints it. */
  readonly change: string;
  readonly reason: string;
}

const countNeverZero = 'count() returns no series at all, never 0, so `> 0` and `!= 0` keep exactly the same series';

export const equivalents: readonly Equivalent[] = [
  { alert: 'TechnitiumQuerySpike', change: 'comparison `>` -> `!=` in `count(technitium_dns_queries_total offset 1d1h) > 0`', reason: countNeverZero },
  { alert: 'TechnitiumInstanceDown', change: 'comparison `>` -> `!=` in `count(technitium_up) > 0`', reason: countNeverZero },
  { alert: 'TechnitiumInstanceDown', change: 'comparison `>` -> `!=` in `count(technitium_up) > 0` (occurrence 2)', reason: countNeverZero },
  { alert: 'TechnitiumInstanceDown', change: 'comparison `>` -> `!=` in `count(technitium_up) > 0` (occurrence 3)', reason: countNeverZero },
  {
    alert: 'TechnitiumReplicaMissingZones',
    change: 'comparison `>` -> `!=` in `technitium_replica_zones_missing > 0`',
    reason: 'a count of missing zones is never negative (the exporter counts set members), so `> 0` and `!= 0` select the same values',
  },
  {
    alert: 'TechnitiumMemoryNearLimit',
    change: 'drop matcher `container!=""`',
    reason: 'the division on(namespace, pod, container) by kube_pod_container_resource_limits drops the pod-level series anyway: kube-state-metrics has no limit series with container="" (the matcher only saves work)',
  },
  {
    alert: 'TechnitiumMemoryNearLimit',
    change: 'drop matcher `container!="POD"`',
    reason: 'likewise for the pause container: kube-state-metrics has no limit series with container="POD"',
  },
  {
    alert: 'CoreDNSAllUpstreamsDown',
    change: 'comparison `>` -> `!=` in `sum(increase(coredns_forward_healthcheck_broken_total{namespace="kube-system", s`',
    reason: 'increase() of a counter is never negative, so `> 0` and `!= 0` select the same values',
  },
  {
    alert: 'CoreDNSServingStale',
    change: 'comparison `>` -> `!=` in `sum(rate(coredns_proxy_healthcheck_failures_total{proxy_name="forward", namespac`',
    reason: 'rate() of a counter is never negative, so `> 0` and `!= 0` select the same values',
  },
  {
    alert: 'TechnitiumZonesHidden',
    change: 'comparison `>` -> `!=` in `technitium_zones_hidden > 0`',
    reason: 'the exporter exports max(0, counted - listed), never a negative count',
  },
  {
    alert: 'TmpfsExporterCannotRead',
    change: 'comparison `>` -> `!=` in `sum by (namespace, service, pod, node, instance, reason) (rate(tmpfs_exporter_po`',
    reason: 'rate() of a counter is never negative, so `> 0` and `!= 0` keep exactly the same series',
  },
];
