// The DNS domain: Technitium (via our exporter and zone-sync), and CoreDNS. Listed in domains.ts.
import { defineDomain } from '../../core/domain.ts';
import { producers } from '../../metrics/catalogue.ts';
import { technitiumManifests } from '../../exporters/technitium/manifests.ts';
import { dnsInhibitRules, dnsRuleGroups } from './alerts.ts';
import { dnsDefaults } from './config.ts';

export const dns = defineDomain({
  id: 'dns',
  title: 'DNS: Technitium and CoreDNS',
  defaults: dnsDefaults,
  ruleGroups: dnsRuleGroups,
  inhibitRules: dnsInhibitRules,
  manifests: ({ global, config }) => technitiumManifests(global.namespace, config.programs),
  // Our programs' heartbeats follow the names they are deployed under; CoreDNS's follows its config here.
  heartbeats: ({ global, config: c }) => ({
    [producers.technitiumExporter.id]: {
      kind: 'scrape',
      alert: 'TechnitiumExporterDown',
      matchers: { job: producers.technitiumExporter.scrapeJob, namespace: global.namespace, service: c.programs.exporter.name },
    },
    [producers.technitiumZoneSync.id]: { kind: 'push', alert: 'TechnitiumZoneSyncNotPushing', matchers: { job: c.programs.zoneSync.job }, maxAge: c.zoneSync.staleAfter },
    [producers.coredns.id]: {
      kind: 'scrape',
      alert: 'CoreDNSMetricsMissing',
      matchers: { job: producers.coredns.scrapeJob, namespace: c.coredns.namespace, service: c.coredns.service },
    },
  }),
});
