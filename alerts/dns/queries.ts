// PromQL fragments of the DNS domain, shared by its alerts (alerts.ts) and its dashboard panels, so a query
// and its threshold are written once. Each takes the config it reads.
import type { GlobalConfig } from '../../core/config.ts';
import { formatDuration, seconds } from '../../core/duration.ts';
import { producers } from '../../metrics/catalogue.ts';
import type { DnsConfig } from './config.ts';

/** Total queries per second across every Technitium instance, over the current window. */
export const queryRate = (c: DnsConfig) => `sum(rate(technitium_dns_queries_total[${c.queries.rateWindow}]))`;

/**
 * The baseline: the same stretch of time a day earlier, so daily traffic cycles cancel out, and a spike or
 * drop that lasts hours never becomes its own baseline (as a trailing window would).
 */
export const baselineRate = (c: DnsConfig) =>
  `sum(rate(technitium_dns_queries_total[${c.queries.baselineWindow}] offset ${c.queries.baselineOffset}))`;

/** True once the whole baseline window has data: a series younger than that underestimates it. */
export const baselineCovered = (c: DnsConfig) =>
  `count(technitium_dns_queries_total offset ${formatDuration(seconds(c.queries.baselineOffset, 'dns.queries.baselineOffset') + seconds(c.queries.baselineWindow, 'dns.queries.baselineWindow'))}) > 0`;

/** The technitium-exporter's own scrape target: the Service our manifests create, scraped by its job. */
export const exporterUpSelector = (g: GlobalConfig, c: DnsConfig) =>
  `up{job="${producers.technitiumExporter.scrapeJob}", namespace="${g.namespace}", service="${c.programs.exporter.name}"}`;

/** What our zone-sync job pushes, by its grouping key (its own group: the legacy job pushes to job alone). */
export const zoneSyncGroup = (c: DnsConfig) => ({ job: c.programs.zoneSync.job, instance: c.programs.zoneSync.pushInstance });
export const zoneSyncSelector = (c: DnsConfig) =>
  Object.entries(zoneSyncGroup(c)).map(([k, v]) => `${k}="${v}"`).join(', ');

/** CoreDNS's own series (not NodeLocal DNSCache's, which come on the same scrape job). */
export const corednsSelector = (c: DnsConfig) => `namespace="${c.coredns.namespace}", service="${c.coredns.service}"`;

/** Forwarded requests of CoreDNS's forward plugin (CoreDNS >= 1.11), without the closing brace: callers add matchers. */
export const corednsForwardOpen = (c: DnsConfig) => `coredns_proxy_request_duration_seconds_count{proxy_name="forward", ${corednsSelector(c)}`;

// Fragments the dashboard panels draw (dashboards/dns.ts). Each is, word for word, a part of an alert's
// expression in alerts.ts (test/dashboards.test.ts checks that), so a panel plots what the alert compares.

/** Share of each Technitium instance's answers that are SERVFAIL (TechnitiumHighServfailRatio). */
export const servfailRatioByServer = (c: DnsConfig) =>
  `sum by (server) (rate(technitium_dns_responses_total{rcode="SERVFAIL"}[${c.queries.rateWindow}])) / sum by (server) (rate(technitium_dns_queries_total[${c.queries.rateWindow}]))`;

/** Instances answering enough queries for a share of them to mean something (TechnitiumHighServfailRatio's guard). */
export const busyServers = (c: DnsConfig) => `sum by (server) (rate(technitium_dns_queries_total[${c.queries.rateWindow}])) > ${c.queries.minQueriesPerSecond}`;

/** Each Technitium container's working set over its memory limit (TechnitiumMemoryNearLimit). */
export const technitiumMemoryRatio = (c: DnsConfig) => {
  const ns = c.programs.technitium.namespace;
  return `max by (namespace, pod, container) (container_memory_working_set_bytes{namespace="${ns}", container!="", container!="POD"}) / on(namespace, pod, container) max by (namespace, pod, container) (kube_pod_container_resource_limits{namespace="${ns}", resource="memory"})`;
};

/** Seconds since the zone-sync job last succeeded (TechnitiumZoneSyncNoRecentSuccess). */
export const zoneSyncSinceSuccess = (c: DnsConfig) => `time() - technitium_zone_sync_last_success_timestamp_seconds{${zoneSyncSelector(c)}}`;

/** Seconds since the zone-sync job last pushed anything (TechnitiumZoneSyncNotPushing, the heartbeat). */
export const zoneSyncSincePush = (c: DnsConfig) => `time() - push_time_seconds{${zoneSyncSelector(c)}}`;

/** Share of the queries CoreDNS forwards to each upstream that come back SERVFAIL or REFUSED (CoreDNSForwardFailing). */
export const corednsForwardFailureRatio = (c: DnsConfig) => {
  const fwd = corednsForwardOpen(c);
  const w = c.coredns.rateWindow;
  return `sum by (to) (rate(${fwd}, rcode=~"SERVFAIL|REFUSED"}[${w}])) / sum by (to) (rate(${fwd}}[${w}]))`;
};

/** Upstreams CoreDNS forwards enough queries to for a failure share to mean something (its guard). */
export const corednsBusyUpstreams = (c: DnsConfig) => `sum by (to) (rate(${corednsForwardOpen(c)}}[${c.coredns.rateWindow}])) > ${c.coredns.forwardMinRequestsPerSecond}`;

/** How often CoreDNS found every upstream of a forward block down at once, within the window (CoreDNSAllUpstreamsDown). */
export const corednsAllUpstreamsDown = (c: DnsConfig) => `sum(increase(coredns_forward_healthcheck_broken_total{${corednsSelector(c)}}[${c.coredns.rateWindow}]))`;

/** Failed health checks per second by upstream (CoreDNSForwardHealthcheckFailing). */
export const corednsHealthcheckFailures = (c: DnsConfig) =>
  `sum by (to) (rate(coredns_proxy_healthcheck_failures_total{proxy_name="forward", ${corednsSelector(c)}}[${c.coredns.rateWindow}]))`;

/** Answers per second served from expired cache entries (CoreDNSServingStale). */
export const corednsServedStale = (c: DnsConfig) => `sum(rate(coredns_cache_served_stale_total{${corednsSelector(c)}}[${c.coredns.rateWindow}]))`;

const serialDifference = '(technitium_zone_soa_serial{role="replica"} - on(zone) group_left() max by (zone) (technitium_zone_soa_serial{role="primary"}))';

/**
 * Each replica's SOA serial minus the primary's, in serial arithmetic (RFC 1982): serials are 32-bit and wrap, so
 * a difference beyond 2^31 is the other way round (TechnitiumZoneSerialMismatch).
 */
export const zoneSerialDistance = `${serialDifference}\n  + ${2 ** 32} * ((${serialDifference} < bool ${-(2 ** 31)}) - (${serialDifference} > bool ${2 ** 31 - 1}))`;
