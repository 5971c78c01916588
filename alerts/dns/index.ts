// The DNS domain: Technitium (via our exporter and zone-sync), and CoreDNS. Listed in domains.ts.
import { defineDomain } from '../../core/domain.ts';
import { technitiumManifests } from '../../exporters/technitium/manifests.ts';
import { dnsRuleGroups } from './alerts.ts';
import { dnsDefaults } from './config.ts';

export const dns = defineDomain({
  id: 'dns',
  title: 'DNS: Technitium and CoreDNS',
  defaults: dnsDefaults,
  ruleGroups: dnsRuleGroups,
  manifests: ({ global, config }) => technitiumManifests(global.namespace, config.programs),
});
