// The DNS domain's typed config: thresholds, durations and selectors of the Technitium, zone-sync and CoreDNS
// alerts, with this cluster's defaults. Where Technitium runs and what our programs are called come from the
// programs' own config (exporters/technitium/config.ts), so the alerts and the manifests cannot disagree.
import type { Duration } from '../../core/duration.ts';
import { technitiumPrograms, type TechnitiumPrograms } from '../../exporters/technitium/config.ts';

export interface DnsConfig {
  /** Technitium's namespace and instances, and our exporter's and zone-sync's names, ports and schedule. */
  readonly programs: TechnitiumPrograms;

  readonly technitium: {
    readonly memoryNearLimitRatio: number;
    readonly memoryNearLimitFor: Duration;
    readonly exporterDownFor: Duration;
    readonly instanceDownFor: Duration;
    /** How long the primary may be down before it is critical: zone changes stop, replicas age. */
    readonly primaryDownCriticalFor: Duration;
    readonly allInstancesDownFor: Duration;
    /** Longest a replica's SOA serial may differ from the primary's (either way) before it is worth a look. */
    readonly serialMismatchFor: Duration;
    readonly missingZonesFor: Duration;
    readonly zoneSyncFailingFor: Duration;
    readonly zoneExpiredFor: Duration;
    /** How long zones may stay hidden from the exporter's user (missing rights) before it is worth a look. */
    readonly zonesHiddenFor: Duration;
    readonly zoneListTruncatedFor: Duration;
  };

  readonly queries: {
    /** Window of the current query rate. */
    readonly rateWindow: Duration;
    /** How far back the baseline is taken (1d: the same time yesterday, so daily cycles cancel out). */
    readonly baselineOffset: Duration;
    readonly baselineWindow: Duration;
    /** Fire when the current rate exceeds baseline times this. */
    readonly spikeFactor: number;
    /** Fire when the current rate falls below baseline times this. */
    readonly dropFactor: number;
    /** Queries per second below which neither spike nor drop means anything. */
    readonly minQueriesPerSecond: number;
    readonly servfailRatio: number;
    readonly spikeFor: Duration;
    readonly dropFor: Duration;
    readonly servfailFor: Duration;
  };

  readonly zoneSync: {
    /** Stale after this long without a successful run (two missed runs plus slack). */
    readonly staleAfter: Duration;
    readonly failedFor: Duration;
    readonly staleFor: Duration;
    /** How long no success may be recorded at all before it is worth a page (two runs). */
    readonly neverSucceededFor: Duration;
  };

  readonly coredns: {
    readonly namespace: string;
    readonly deployment: string;
    readonly pdb: string;
    readonly minReplicas: number;
    /** CoreDNS's Service: selects its own series (NodeLocal DNSCache exports coredns_* on the same job). */
    readonly service: string;
    /** rate() window of the CoreDNS alerts (at least two scrapes). */
    readonly rateWindow: Duration;
    readonly forwardFailureRatio: number;
    /** Forward requests per second below which the failure share is noise. */
    readonly forwardMinRequestsPerSecond: number;
    readonly servedStalePerSecond: number;
    /** Health-check failures per second per upstream (5 s checks: ~0.2/s per CoreDNS pod when it is down). */
    readonly healthcheckFailuresPerSecond: number;
    /** Available replicas at or below which CoreDNS is one failure from down (critical). */
    readonly criticalReplicas: number;
    readonly forwardFor: Duration;
    readonly servedStaleFor: Duration;
    readonly healthcheckFor: Duration;
    readonly replicasFor: Duration;
    readonly criticalReplicasFor: Duration;
    readonly allUpstreamsDownFor: Duration;
  };
}

export const dnsDefaults: DnsConfig = {
  programs: technitiumPrograms,

  technitium: {
    memoryNearLimitRatio: 0.9,
    memoryNearLimitFor: '15m',
    exporterDownFor: '10m',
    instanceDownFor: '6m',
    primaryDownCriticalFor: '1h',
    allInstancesDownFor: '5m',
    serialMismatchFor: '30m',
    // A new primary zone is created by the next zone-sync run (every 30m): allow one run and some slack.
    missingZonesFor: '45m',
    zoneSyncFailingFor: '15m',
    zoneExpiredFor: '5m',
    zonesHiddenFor: '15m',
    zoneListTruncatedFor: '15m',
  },

  queries: {
    rateWindow: '10m',
    baselineOffset: '1d',
    baselineWindow: '1h',
    spikeFactor: 3,
    dropFactor: 0.3,
    minQueriesPerSecond: 1,
    servfailRatio: 0.05,
    spikeFor: '10m',
    dropFor: '15m',
    servfailFor: '10m',
  },

  zoneSync: {
    staleAfter: '75m',
    failedFor: '5m',
    staleFor: '5m',
    neverSucceededFor: '1h',
  },

  coredns: {
    namespace: 'kube-system',
    deployment: 'coredns',
    pdb: 'coredns',
    minReplicas: 3,
    service: 'kube-dns',
    rateWindow: '5m',
    forwardFailureRatio: 0.1,
    forwardMinRequestsPerSecond: 0.05,
    servedStalePerSecond: 0.01,
    healthcheckFailuresPerSecond: 0.05,
    criticalReplicas: 1,
    forwardFor: '10m',
    servedStaleFor: '10m',
    healthcheckFor: '6m',
    replicasFor: '10m',
    criticalReplicasFor: '5m',
    allUpstreamsDownFor: '5m',
  },
};
