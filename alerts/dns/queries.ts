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
