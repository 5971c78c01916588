// The DNS domain: Technitium (via our exporter and zone-sync), and CoreDNS. Listed in domains.ts.
import { defineDomain } from '../../core/domain.ts';
import { producers } from '../../metrics/catalogue.ts';
import { technitiumManifests } from '../../exporters/technitium/manifests.ts';
import { dnsInhibitRules, dnsRuleGroups } from './alerts.ts';
import { dnsDefaults } from './config.ts';
import { zoneSyncGroup } from './queries.ts';

export const dns = defineDomain({
  id: 'dns',
  title: 'DNS: Technitium and CoreDNS',
  defaults: dnsDefaults,
  ruleGroups: dnsRuleGroups,
  inhibitRules: dnsInhibitRules,
  manifests: ({ global, config }) => technitiumManifests(global.namespace, config.programs),
  // Our programs' heartbeats follow the names they are deployed under; CoreDNS's follows its config here.
  heartbeats: ({ global, config: c }) => ({
    // A counter the exporter creates at start for every instance: present whenever it is scraped and kept.
    [producers.technitiumExporter.id]: {
      kind: 'series',
      alert: 'TechnitiumExporterDown',
      metric: 'technitium_dns_queries_total',
      matchers: { job: producers.technitiumExporter.scrapeJob, namespace: global.namespace, service: c.programs.exporter.name },
    },
    [producers.technitiumZoneSync.id]: { kind: 'push', alert: 'TechnitiumZoneSyncNotPushing', matchers: zoneSyncGroup(c), maxAge: c.zoneSync.staleAfter },
    // The forward plugin's request counter (CoreDNSForwardFailing reads it; two more read coredns_proxy_*): present once a pod
    // has forwarded one query, and absent when a scrape filter drops it (the cluster's keep-list drops
    // coredns_proxy_* today, while it keeps coredns_build_info: a heartbeat on that would stay quiet).
    [producers.coredns.id]: {
      kind: 'series',
      alert: 'CoreDNSMetricsMissing',
      metric: 'coredns_proxy_request_duration_seconds_count',
      matchers: { job: producers.coredns.scrapeJob, namespace: c.coredns.namespace, service: c.coredns.service, proxy_name: 'forward' },
    },
  }),
});
