// Regressions side by side: three legacy rules, read verbatim from rules-test/legacy/alerting-rules.yaml
// at test time, run on the same incident as ours (rules-test/scenarios/scenarios.ts derives both worlds'
// series from one timeline) and shown never to fire — not pending, not firing, at any evaluation — where
// ours fire with the labels and text on-call would get.
import { legacyRules, ourRules, RuleTestSuite } from '../builder.ts';
import { scenario } from '../scenarios/scenarios.ts';
import { dnsDefaults } from '../../alerts/dns/config.ts';
import { zoneSyncGroup } from '../../alerts/dns/queries.ts';
import { missingSummary, missingText, spikeDescription, spikeSummary, staleDescription, staleSummary, suite as dnsSuite } from './dns.ts';

// The same expectations of our alerts as the DNS cases (severity and summary written once, there).
export const suite = new RuleTestSuite('regressions').expect(Object.fromEntries(['TechnitiumQuerySpike', 'TechnitiumReplicaMissingZones', 'TechnitiumZoneSyncNoRecentSuccess'].map((a) => [a, dnsSuite.expectation(a)])));
const ours = ourRules();
const legacy = legacyRules(['DNSQuerySpike', 'TechnitiumZoneCountMismatch', 'TechnitiumZoneSyncStale']);
const exporterTarget = { job: 'kubernetes-service-endpoints', instance: '10.42.1.17:9274', namespace: suite.cfg.namespace, service: dnsDefaults.programs.exporter.name };

// DNS query spike (8 -> 43 queries/s at 26h, after a day of steady traffic for our baseline). The legacy rule reads dns_anomaly_total_queries, which its
// CronJob fills with zeros (wrong route, empty token, `// 0`: docs/design/legacy-findings.md item 1), so it sees 0.
const spike = scenario('dns-query-spike');
suite
  .case('TechnitiumQuerySpike (ours) fires on the query spike', ours, { input: spike.ours.input })
  .fires('TechnitiumQuerySpike', '26h17m', { summary: spikeSummary('43.0'), description: spikeDescription('43.0') });
suite
  .case('DNSQuerySpike (legacy) never fires on the same spike', legacy, { input: spike.legacy.input })
  // The legacy window (1h offset 15m) needs even minutes where ours (10m, 1h offset 1d) needs odd ones.
  .neverActive('DNSQuerySpike', '26h18m', 'legacy: reads zeros')
  .neverActive('DNSQuerySpike', '27h58m', 'legacy: reads zeros');

// A new primary zone (1h) that no replica creates. The legacy rule compares replica zone counts with each
// other: both replicas lack the same zone, max - min = 0 (docs/design/legacy-findings.md item 3).
const newZone = scenario('new-zone-not-replicated');
suite
  .case('TechnitiumReplicaMissingZones (ours) fires when no replica gets a new zone', ours, { input: newZone.ours.input })
  .fires(
    'TechnitiumReplicaMissingZones',
    '1h51m',
    { labels: { server: 'secondary', role: 'replica', ...exporterTarget }, summary: missingSummary('secondary'), description: missingText('secondary') },
    { labels: { server: 'tertiary', role: 'replica', ...exporterTarget }, summary: missingSummary('tertiary'), description: missingText('tertiary') },
  );
suite
  .case('TechnitiumZoneCountMismatch (legacy) never fires when no replica gets a new zone', legacy, { input: newZone.legacy.input })
  .neverActive('TechnitiumZoneCountMismatch', '1h51m', 'legacy: replicas agree with each other')
  .neverActive('TechnitiumZoneCountMismatch', '3h59m', 'legacy: replicas agree with each other');

// Zone-sync keeps running but every create fails (from 1h). The legacy rule reads technitium_zone_sync_last_run,
// which every run pushes, failed or not (docs/design/legacy-findings.md item 4).
const failing = scenario('zone-sync-fails-every-create');
suite
  .case('TechnitiumZoneSyncNoRecentSuccess (ours) fires when every run fails', ours, { input: failing.ours.input })
  .fires('TechnitiumZoneSyncNoRecentSuccess', '1h53m', {
    labels: zoneSyncGroup(dnsDefaults),
    summary: staleSummary('1h 23m 0s'),
    description: staleDescription('1h 23m 0s'),
  });
suite
  .case('TechnitiumZoneSyncStale (legacy) never fires when every run fails', legacy, { input: failing.legacy.input })
  .neverActive('TechnitiumZoneSyncStale', '1h53m', 'legacy: last_run is pushed by failed runs too')
  .neverActive('TechnitiumZoneSyncStale', '3h59m', 'legacy: last_run is pushed by failed runs too');
