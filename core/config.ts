// The one typed config every alert, dashboard and manifest reads. Defaults describe this cluster
// (docs/design/cluster.md says where each fact comes from); change a value here, not in a rule.
import type { Duration } from './rules.ts';

export interface TechnitiumInstance {
  /** Value of the `server` label the exporter sets. */
  readonly server: string;
  readonly role: 'primary' | 'replica';
  /** Kubernetes Deployment (and pod name prefix) in the technitium namespace. */
  readonly deployment: string;
  /** Base URL of the web API, as the exporter reaches it. */
  readonly url: string;
}

export interface Config {
  /** Namespace everything generated is applied into. */
  readonly namespace: string;
  /** Base of every alert's runbook_url; `<AlertName>.md` is appended. */
  readonly runbookBaseUrl: string;
  /** Labels put on every PrometheusRule so an operator's ruleSelector picks them up. */
  readonly prometheusRuleLabels: Readonly<Record<string, string>>;
  /** Prometheus scrape interval: `for` and rate windows are checked against it. */
  readonly scrapeInterval: Duration;
  readonly evaluationInterval: Duration;

  readonly technitium: {
    readonly namespace: string;
    readonly instances: readonly TechnitiumInstance[];
    /** Selector of the technitium-exporter's own scrape target (for the exporter-down alert). */
    readonly exporterUpSelector: string;
    readonly memoryNearLimitRatio: number;
    readonly memoryNearLimitFor: Duration;
    readonly exporterDownFor: Duration;
    readonly instanceDownFor: Duration;
    readonly allInstancesDownFor: Duration;
    /** Longest a replica may lag the primary's SOA serial before it is worth a look. */
    readonly serialBehindFor: Duration;
    readonly missingZonesFor: Duration;
    readonly zoneSyncFailingFor: Duration;
  };

  readonly dnsQueries: {
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
    readonly job: string;
    /** CronJob schedule period; staleness is measured in missed runs. */
    readonly period: Duration;
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
    /** Selects CoreDNS's own series (NodeLocal DNSCache exports coredns_* on the same job). */
    readonly selector: string;
    /** rate() window of the CoreDNS alerts (at least two scrapes). */
    readonly rateWindow: Duration;
    readonly forwardFailureRatio: number;
    /** Forward requests per second below which the failure share is noise. */
    readonly forwardMinRequestsPerSecond: number;
    readonly servedStalePerSecond: number;
    /** Health-check failures per second per upstream (5 s checks: ~0.2/s per CoreDNS pod when it is down). */
    readonly healthcheckFailuresPerSecond: number;
    readonly forwardFor: Duration;
    readonly servedStaleFor: Duration;
    readonly healthcheckFor: Duration;
    readonly replicasFor: Duration;
  };
}

export const defaultConfig: Config = {
  namespace: 'monitoring',
  runbookBaseUrl: 'https://github.com/ViktorBarzin/homelab-observability/blob/main/docs/runbooks',
  prometheusRuleLabels: { 'app.kubernetes.io/part-of': 'homelab-observability', role: 'alert-rules' },
  scrapeInterval: '2m',
  evaluationInterval: '1m',

  technitium: {
    namespace: 'technitium',
    instances: [
      { server: 'primary', role: 'primary', deployment: 'technitium', url: 'http://technitium-web.technitium:5380' },
      { server: 'secondary', role: 'replica', deployment: 'technitium-secondary', url: 'http://technitium-secondary-web.technitium:5380' },
      { server: 'tertiary', role: 'replica', deployment: 'technitium-tertiary', url: 'http://technitium-tertiary-web.technitium:5380' },
    ],
    exporterUpSelector: 'job="kubernetes-service-endpoints", namespace="monitoring", service="technitium-exporter"',
    memoryNearLimitRatio: 0.9,
    memoryNearLimitFor: '15m',
    exporterDownFor: '10m',
    instanceDownFor: '6m',
    allInstancesDownFor: '5m',
    serialBehindFor: '30m',
    // A new primary zone is created by the next zone-sync run (every 30m): allow one run and some slack.
    missingZonesFor: '45m',
    zoneSyncFailingFor: '15m',
  },

  dnsQueries: {
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
    job: 'technitium-zone-sync',
    period: '30m',
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
    selector: 'namespace="kube-system", service="kube-dns"',
    rateWindow: '5m',
    forwardFailureRatio: 0.1,
    forwardMinRequestsPerSecond: 0.05,
    servedStalePerSecond: 0.01,
    healthcheckFailuresPerSecond: 0.05,
    forwardFor: '10m',
    servedStaleFor: '10m',
    healthcheckFor: '6m',
    replicasFor: '10m',
  },
};
