// Rule unit tests of the DNS alerts (alerts/dns.ts): for every alert, a case where it fires (labels and
// rendered annotations asserted) and one where the same situation stays quiet (below the threshold, or
// shorter than `for`). Series are named and labelled as metrics/catalogue.ts and their producers make them.
// Eval times follow the window-edge rule (builder.ts checkTime): rules with 10m / 1h windows are asserted
// at odd minutes, rules with 5m windows at even minutes (inputs arrive every 2m).
import { counter, gauge, ourRules, RuleTestSuite, seconds, series } from '../builder.ts';
import type { Duration } from '../../core/duration.ts';
import { dnsDefaults as c } from '../../alerts/dns/config.ts';
import { percent } from '../../alerts/dns/alerts.ts';

export const suite = new RuleTestSuite('dns').expect({
  DNSQuerySpike: { severity: 'warning', summary: 'DNS query rate across all Technitium instances is far above its recent baseline.' },
  DNSQueryRateDropped: { severity: 'warning', summary: 'DNS query rate across all Technitium instances fell far below its recent baseline.' },
  DNSHighServfailRatio: { severity: 'warning', summary: 'A Technitium instance answers a high share of queries with SERVFAIL.' },
  TechnitiumExporterDown: { severity: 'warning', summary: 'Prometheus cannot scrape the technitium-exporter: every Technitium alert is blind.' },
  TechnitiumInstanceDown: { severity: 'warning', summary: 'A Technitium DNS instance does not answer its API.' },
  TechnitiumAllInstancesDown: { severity: 'critical', summary: 'No Technitium DNS instance is available: internal DNS is down.' },
  TechnitiumReplicaMissingZones: { severity: 'warning', summary: 'A Technitium replica lacks zones that exist on the primary.' },
  TechnitiumZoneSerialBehind: { severity: 'warning', summary: "A Technitium replica's zone serial is behind the primary's." },
  TechnitiumReplicaZoneSyncFailing: { severity: 'warning', summary: 'A secondary zone on a Technitium replica fails to transfer or has expired.' },
  TechnitiumMemoryNearLimit: { severity: 'warning', summary: 'A Technitium container is close to its memory limit.' },
  TechnitiumZoneSyncFailed: { severity: 'warning', summary: 'The last Technitium zone-sync run failed.' },
  TechnitiumZoneSyncStale: { severity: 'warning', summary: 'The Technitium zone-sync job has not succeeded recently, or has stopped running.' },
  TechnitiumZoneSyncNeverSucceeded: { severity: 'warning', summary: 'The Technitium zone-sync job has never pushed a successful run.' },
  CoreDNSForwardFailureRate: { severity: 'warning', summary: 'CoreDNS gets SERVFAIL or REFUSED for a large share of forwarded queries.' },
  CoreDNSForwardHealthcheckFailing: { severity: 'warning', summary: 'CoreDNS health checks of a forward upstream keep failing.' },
  CoreDNSServingStale: { severity: 'warning', summary: 'CoreDNS is answering from expired cache entries: its upstream is failing.' },
  CoreDNSReplicasBelowMinimum: { severity: 'warning', summary: 'Fewer CoreDNS replicas are available than the cluster needs.' },
});
const rules = ourRules();
const i = suite.cfg.scrapeInterval; // every input arrives once per scrape interval (2m)
const q = c.queries;
const zoneSyncJob = c.programs.zoneSync.job;

// --- labels as Prometheus stores them ------------------------------------------------------------------

/** technitium-exporter series: its own server/role plus the kubernetes-service-endpoints target labels. */
const exporterTarget = { job: 'kubernetes-service-endpoints', instance: '10.42.1.17:9274', namespace: suite.cfg.namespace, service: c.programs.exporter.name };
const tx = (server: 'primary' | 'secondary' | 'tertiary', extra: Record<string, string> = {}) => ({
  server,
  role: server === 'primary' ? 'primary' : 'replica',
  ...exporterTarget,
  ...extra,
});
/** Pushed by the zone-sync CronJob (grouping key job only; instance="" is no label at all). */
const zoneSync = { job: zoneSyncJob };
const ksm = { job: 'kubernetes-service-endpoints', instance: '10.42.0.9:8080', service: 'kube-state-metrics' };
const corednsPod = (n: number) => ({ job: 'kubernetes-service-endpoints', namespace: c.coredns.namespace, service: 'kube-dns', instance: `10.42.${n}.3:9153` });
const pfsense = '192.168.1.1:53';

// --- DNS query volume ----------------------------------------------------------------------------------

/**
 * Per-instance query counters: steady for `steady`, then each instance's new rate (per second) for 40m. The
 * default 25h gives the alerts their baseline: the same hour a day earlier, fully covered by data.
 */
function queries(before: [number, number, number], after: [number, number, number], steady: Duration = '25h') {
  const servers = ['primary', 'secondary', 'tertiary'] as const;
  return servers.map((s, n) => series('technitium_dns_queries_total', tx(s), counter(i, 0, [before[n]!, steady], [after[n]!, '40m'])));
}

/** DNSQuerySpike's description as on-call reads it, for a rendered rate such as '43.0' (also used by regressions.ts). */
export const spikeDescription = (rate: string) =>
  `Technitium is answering ${rate} queries/s in total, more than ${q.spikeFactor}x its rate over the same ${q.baselineWindow} ${q.baselineOffset} earlier. A client loop, ` +
  'a misbehaving device or an amplification attempt can exhaust the resolvers and slow every lookup in the cluster and the LAN.';

suite
  .case('DNSQuerySpike fires: total queries go from 8/s to 43/s', rules, { input: queries([5, 2, 1], [40, 2, 1]) })
  .fires('DNSQuerySpike', '25h17m', {
    description: spikeDescription('43.0'),
  })
  // Active from 25h4m or 25h5m (the 10m window fills with the spike): pending at 25h11m, firing from 25h15m.
  .pending('DNSQuerySpike', '25h11m');

suite
  .case('DNSQuerySpike fires: a small spike from 0.5/s to 2/s (over 3x, and over the 1/s floor)', rules, { input: queries([0.3, 0.1, 0.1], [1.8, 0.1, 0.1]) })
  .fires('DNSQuerySpike', '25h17m', { description: spikeDescription('2.0') });

suite
  .case('DNSQuerySpike quiet: 0.2/s to 0.9/s is 4.5x, but under the 1/s floor', rules, { input: queries([0.1, 0.05, 0.05], [0.8, 0.05, 0.05]) })
  .neverActive('DNSQuerySpike', '25h17m', 'below the traffic floor of 1 query/s');

suite
  .case('DNSQuerySpike quiet: steady 8/s on an exporter started 24h13m ago (the baseline hour is mostly unrecorded)', rules, {
    input: queries([5, 2, 1], [5, 2, 1], '24h'),
  })
  // A day earlier only the last 13 minutes of the baseline hour have data, so its rate reads ~1.9/s and 8/s
  // looks like 4x; the baseline-coverage guard keeps it quiet.
  .neverActive('DNSQuerySpike', '24h13m', 'the baseline hour a day earlier is only partly recorded');

suite
  .case('DNSQuerySpike quiet: total queries go from 8/s to 18/s (under 3x)', rules, { input: queries([5, 2, 1], [15, 2, 1]) })
  .quiet('DNSQuerySpike', '25h17m', 'below threshold: 18/s is 2.25x the baseline');

suite
  .case('DNSQuerySpike quiet: the same jump to 43/s on a series younger than a day (new exporter)', rules, { input: queries([5, 2, 1], [40, 2, 1], '80m') })
  .quiet('DNSQuerySpike', '1h37m', 'no baseline: nothing was recorded a day earlier');

suite
  .case('DNSQueryRateDropped fires: total queries fall from 8/s to 0.8/s', rules, { input: queries([5, 2, 1], [0.4, 0.2, 0.2]) })
  .fires('DNSQueryRateDropped', '25h29m', {
    description:
      `Technitium is answering only 0.80 queries/s in total, under ${q.dropFactor}x its rate over the same ${q.baselineWindow} ${q.baselineOffset} earlier. Clients are ` +
      'probably failing to reach Technitium (CoreDNS forward, DHCP-advertised resolver, LoadBalancer IP) and resolving elsewhere or not at all.',
  })
  // Active from 25h8m (the 10m rate falls under 2.4/s): pending at 25h19m, firing from 25h23m.
  .pending('DNSQueryRateDropped', '25h19m');

suite
  .case('DNSQueryRateDropped fires: 2/s falls to 0.2/s (a baseline just over the 1/s floor)', rules, { input: queries([1, 0.5, 0.5], [0.1, 0.05, 0.05]) })
  .fires('DNSQueryRateDropped', '25h29m', {
    description:
      `Technitium is answering only 0.20 queries/s in total, under ${q.dropFactor}x its rate over the same ${q.baselineWindow} ${q.baselineOffset} earlier. Clients are ` +
      'probably failing to reach Technitium (CoreDNS forward, DHCP-advertised resolver, LoadBalancer IP) and resolving elsewhere or not at all.',
  });

suite
  .case('DNSQueryRateDropped quiet: 0.8/s falls to 0.1/s, but the baseline is under the 1/s floor', rules, { input: queries([0.4, 0.2, 0.2], [0.05, 0.025, 0.025]) })
  .neverActive('DNSQueryRateDropped', '25h29m', 'baseline below the traffic floor of 1 query/s');

suite
  .case('DNSQueryRateDropped quiet: total queries fall from 8/s to 4.8/s (over 0.3x)', rules, { input: queries([5, 2, 1], [3, 1.2, 0.6]) })
  .quiet('DNSQueryRateDropped', '25h29m', 'below threshold: 60% of the baseline');

/** Queries and SERVFAIL responses per instance: the primary's SERVFAILs begin at 20m. */
function servfails(primaryQps: number, primaryServfailPerSecond: number) {
  return [
    series('technitium_dns_queries_total', tx('primary'), counter(i, 0, [primaryQps, '1h'])),
    series('technitium_dns_responses_total', tx('primary', { rcode: 'SERVFAIL' }), counter(i, 0, [0, '20m'], [primaryServfailPerSecond, '40m'])),
    series('technitium_dns_queries_total', tx('secondary'), counter(i, 0, [2, '1h'])),
    series('technitium_dns_responses_total', tx('secondary', { rcode: 'SERVFAIL' }), counter(i, 0, [0, '1h'])),
  ];
}

suite
  .case('DNSHighServfailRatio fires: the primary answers 20% SERVFAIL', rules, { input: servfails(10, 2) })
  .fires('DNSHighServfailRatio', '41m', {
    labels: { server: 'primary' },
    description:
      `20% of the queries answered by Technitium instance primary are SERVFAIL (threshold ${percent(q.servfailRatio)}). Names it should ` +
      'resolve fail for every client that asks it: usually its upstream forwarders, DNSSEC validation, or an expired secondary zone.',
  })
  .pending('DNSHighServfailRatio', '29m', { server: 'primary' });

suite
  .case('DNSHighServfailRatio fires: 8% SERVFAIL at 2.5 queries/s (just over the ratio and the floor)', rules, { input: servfails(2.5, 0.2) })
  .fires('DNSHighServfailRatio', '41m', {
    labels: { server: 'primary' },
    description:
      `8% of the queries answered by Technitium instance primary are SERVFAIL (threshold ${percent(q.servfailRatio)}). Names it should ` +
      'resolve fail for every client that asks it: usually its upstream forwarders, DNSSEC validation, or an expired secondary zone.',
  });

suite
  .case('DNSHighServfailRatio quiet: the primary answers 3% SERVFAIL', rules, { input: servfails(10, 0.3) })
  .quiet('DNSHighServfailRatio', '41m', 'below threshold: 3% < 5%');

suite
  .case('DNSHighServfailRatio quiet: 50% SERVFAIL but only 0.5 queries/s', rules, { input: servfails(0.5, 0.25) })
  .quiet('DNSHighServfailRatio', '41m', 'below the traffic floor of 1 query/s');

// --- Technitium instances and the exporter ----------------------------------------------------------------

const up = (server: 'primary' | 'secondary' | 'tertiary', values: string) => series('technitium_up', tx(server), values);

const instanceDownText = (server: string, role: string) =>
  `The technitium-exporter cannot poll Technitium instance ${server} (role ${role}), or the exporter does not ` +
  'report it at all. A down replica serves no DNS and falls behind on zone transfers; a down primary stops zone ' +
  'changes reaching the replicas. The other instances still answer.';


suite
  .case('TechnitiumInstanceDown fires: the secondary stops answering at 30m', rules, {
    input: [up('primary', gauge(i, [1, '1h'])), up('secondary', gauge(i, [1, '30m'], [0, '30m'])), up('tertiary', gauge(i, [1, '1h']))],
  })
  .fires('TechnitiumInstanceDown', '41m', {
    labels: tx('secondary'),
    description: instanceDownText('secondary', 'replica'),
  })
  .quiet('TechnitiumAllInstancesDown', '41m', 'two of three instances still answer');

// Each configured instance has its own absent() branch: each is proven by an instance the exporter leaves out.
for (const missing of c.programs.technitium.instances) {
  const others = c.programs.technitium.instances.filter((x) => x !== missing);
  suite
    .case(`TechnitiumInstanceDown fires: the exporter does not report the ${missing.server} at all`, rules, {
      input: others.map((o) => up(o.server as 'primary' | 'secondary' | 'tertiary', gauge(i, [1, '1h']))),
    })
    .fires('TechnitiumInstanceDown', '21m', {
      // absent() carries only the selector's equality labels: server and role, from the configured instances.
      labels: { server: missing.server, role: missing.role },
      description: instanceDownText(missing.server, missing.role),
    });
}

suite
  .case('TechnitiumInstanceDown quiet: the exporter reports no instance at all (its own scrape fails)', rules, {
    input: [series('up', { job: 'kubernetes-service-endpoints', namespace: suite.cfg.namespace, service: c.programs.exporter.name, instance: '10.42.1.17:9274' }, gauge(i, [0, '1h']))],
  })
  .neverActive('TechnitiumInstanceDown', '31m', 'no technitium_up at all is TechnitiumExporterDown, not three instances down');

suite
  .case('TechnitiumInstanceDown quiet: the secondary misses polls for 4m (restart)', rules, {
    input: [up('primary', gauge(i, [1, '1h'])), up('secondary', gauge(i, [1, '30m'], [0, '4m'], [1, '26m'])), up('tertiary', gauge(i, [1, '1h']))],
  })
  .pending('TechnitiumInstanceDown', '33m', tx('secondary'))
  .quiet('TechnitiumInstanceDown', '41m', 'shorter than for: back after 4m');

const allDown = `None of the ${c.programs.technitium.instances.length} Technitium instances answers (per the exporter) or has an available pod (per kube-state-metrics). ` +
  'Every internal name, split-horizon record and blocklist lookup fails; CoreDNS serves only what is still in its stale cache.';

suite
  .case('TechnitiumAllInstancesDown fires: every instance stops answering at 30m', rules, {
    input: [
      up('primary', gauge(i, [1, '30m'], [0, '30m'])),
      up('secondary', gauge(i, [1, '30m'], [0, '30m'])),
      up('tertiary', gauge(i, [1, '30m'], [0, '30m'])),
    ],
  })
  // Active from 30m, firing from 35m.
  .fires('TechnitiumAllInstancesDown', '37m', { description: allDown })
  .pending('TechnitiumAllInstancesDown', '33m');

const deployment = (name: string, values: string) =>
  series('kube_deployment_status_replicas_available', { ...ksm, namespace: c.programs.technitium.namespace, deployment: name }, values);

suite
  .case('TechnitiumAllInstancesDown fires: no pod available and the exporter gone too', rules, {
    input: [
      deployment('technitium', gauge(i, [1, '30m'], [0, '30m'])),
      deployment('technitium-secondary', gauge(i, [1, '30m'], [0, '30m'])),
      deployment('technitium-tertiary', gauge(i, [1, '30m'], [0, '30m'])),
    ],
  })
  .fires('TechnitiumAllInstancesDown', '37m', { description: allDown });

// Whichever Deployment keeps the last pod, DNS is still up: each one is counted.
for (const last of c.programs.technitium.instances) {
  suite
    .case(`TechnitiumAllInstancesDown quiet: only ${last.deployment} still has a pod`, rules, {
      input: c.programs.technitium.instances.map((x) => deployment(x.deployment, x === last ? gauge(i, [1, '1h']) : gauge(i, [1, '30m'], [0, '30m']))),
    })
    .neverActive('TechnitiumAllInstancesDown', '41m', 'one instance left');
}

const exporterUp = { job: 'kubernetes-service-endpoints', namespace: suite.cfg.namespace, service: c.programs.exporter.name };

suite
  .case('TechnitiumExporterDown fires: its scrape fails from 30m', rules, {
    input: [series('up', { ...exporterUp, instance: '10.42.1.17:9274' }, gauge(i, [1, '30m'], [0, '30m']))],
  })
  .fires('TechnitiumExporterDown', '43m', { labels: { ...exporterUp, instance: '10.42.1.17:9274' } }) // static description: taken from the rule)
  .pending('TechnitiumExporterDown', '35m', { ...exporterUp, instance: '10.42.1.17:9274' });

suite
  .case('TechnitiumExporterDown fires: the target is gone from service discovery', rules, {
    input: [series('up', { job: 'kubernetes-service-endpoints', namespace: 'monitoring', service: 'kube-state-metrics', instance: '10.42.0.9:8080' }, gauge(i, [1, '1h']))],
  })
  .fires('TechnitiumExporterDown', '13m', { labels: exporterUp });

suite
  .case('TechnitiumExporterDown quiet: one failed scrape window of 6m (pod restart)', rules, {
    input: [series('up', { ...exporterUp, instance: '10.42.1.17:9274' }, gauge(i, [1, '30m'], [0, '6m'], [1, '24m']))],
  })
  .quiet('TechnitiumExporterDown', '43m', 'shorter than for: 6m < 10m');

// --- zone-sync CronJob (pushed) ---------------------------------------------------------------------------

/** TechnitiumZoneSyncStale's description as on-call reads it, for a rendered age (also used by regressions.ts). */
export const staleDescription = (age: string) =>
  `The last successful ${zoneSyncJob} run (or the last push of any run) was ${age} ago; it should run ` +
  `every ${c.programs.zoneSync.period}. Until it runs, zones added on the primary never reach the replicas.`;

/**
 * The CronJob's pushed series for runs every 30m starting at 0: `ok[n]` says whether run n succeeded.
 * A run pushes status, last_run and push_time (the Pushgateway's) each time; last_success only when it
 * succeeded (POST keeps the previous one). Each value is what Prometheus scrapes from the Pushgateway
 * until the next run (the last run's values until `heldFor` after it: the Pushgateway keeps them when runs
 * stop); a timestamp series is the run's time in seconds (promtool's clock starts at 0).
 */
function zoneSyncRuns(ok: readonly boolean[], heldFor: Duration = c.programs.zoneSync.period) {
  const step = seconds(c.programs.zoneSync.period);
  const steps = (f: (run: number) => number | '_') =>
    ok.map((_, n) => [f(n), n === ok.length - 1 ? heldFor : c.programs.zoneSync.period] as [number | '_', Duration]);
  const lastOk = (n: number) => {
    for (let k = n; k >= 0; k--) if (ok[k]) return k * step;
    return '_' as const;
  };
  const out = [
    series('technitium_zone_sync_status', zoneSync, gauge(i, ...steps((n) => (ok[n] ? 0 : 1)))),
    series('push_time_seconds', zoneSync, gauge(i, ...steps((n) => n * step))),
    series('technitium_zone_sync_last_run_timestamp_seconds', zoneSync, gauge(i, ...steps((n) => n * step))),
  ];
  if (ok.some(Boolean)) out.push(series('technitium_zone_sync_last_success_timestamp_seconds', zoneSync, gauge(i, ...steps(lastOk))));
  return out;
}

suite
  .case('TechnitiumZoneSyncFailed fires: the 30m run fails', rules, { input: zoneSyncRuns([true, false, false]) })
  // Active from 30m, firing from 35m.
  .fires('TechnitiumZoneSyncFailed', '37m', { labels: zoneSync })
  .pending('TechnitiumZoneSyncFailed', '33m', zoneSync);

suite
  .case('TechnitiumZoneSyncFailed fires: the 30m run failed and the next run is 35 minutes late', rules, { input: zoneSyncRuns([true, false], '40m') })
  .fires('TechnitiumZoneSyncFailed', '1h5m', { labels: zoneSync });

suite
  .case('TechnitiumZoneSyncFailed quiet: the failed status was pushed 83 minutes ago and nothing since', rules, { input: zoneSyncRuns([true, false], '90m') })
  .quiet('TechnitiumZoneSyncFailed', '1h53m', 'the failure is older than the staleness limit: TechnitiumZoneSyncStale reports it');

suite
  .case('TechnitiumZoneSyncFailed quiet: every run succeeds', rules, { input: zoneSyncRuns([true, true, true]) })
  .quiet('TechnitiumZoneSyncFailed', '41m', 'below threshold: status 0');

suite
  .case('TechnitiumZoneSyncStale fires: runs keep failing after the 30m success', rules, { input: zoneSyncRuns([true, true, false, false, false]) })
  .fires('TechnitiumZoneSyncStale', '1h53m', {
    labels: zoneSync,
    description:
      staleDescription('1h 23m 0s'),
  })
  // Active from 1h46m (the 30m success is 75m old), firing from 1h51m.
  .pending('TechnitiumZoneSyncStale', '1h49m', zoneSync);

suite
  .case('TechnitiumZoneSyncStale fires: the job never succeeded and stopped running after its 30m run', rules, { input: zoneSyncRuns([false, false], '90m') })
  .fires('TechnitiumZoneSyncStale', '1h53m', { labels: zoneSync, description: staleDescription('1h 23m 0s') });

suite
  .case('TechnitiumZoneSyncStale quiet: the last run, successful, was 40 minutes ago (one run late)', rules, { input: zoneSyncRuns([true, true], '50m') })
  .quiet('TechnitiumZoneSyncStale', '1h10m', 'below threshold: 40m < 75m since the last run');

suite
  .case('TechnitiumZoneSyncStale quiet: last success 61m ago', rules, { input: zoneSyncRuns([true, true, false, false]) })
  .quiet('TechnitiumZoneSyncStale', '1h31m', 'below threshold: 61m < 75m since the last success');

suite
  .case('TechnitiumZoneSyncNeverSucceeded fires: every run since the start failed', rules, { input: zoneSyncRuns([false, false, false]) })
  .fires('TechnitiumZoneSyncNeverSucceeded', '1h5m', { labels: zoneSync })
  .pending('TechnitiumZoneSyncNeverSucceeded', '51m', zoneSync);

suite
  .case('TechnitiumZoneSyncNeverSucceeded quiet: the second run succeeds', rules, { input: zoneSyncRuns([false, true, false]) })
  .quiet('TechnitiumZoneSyncNeverSucceeded', '1h5m', 'a success exists (pushed at 30m)');

// --- zones on the replicas -------------------------------------------------------------------------------

const upAll = (['primary', 'secondary', 'tertiary'] as const).map((s) => up(s, gauge(i, [1, '2h'])));
const missing = (server: 'secondary' | 'tertiary', values: string) => series('technitium_replica_zones_missing', tx(server), values);
export const missingText = (server: string) =>
  `Replica ${server} is missing 1 zone(s) that the primary serves, for longer than a zone-sync run (every ${c.programs.zoneSync.period}) ` +
  'takes to create them. Clients that reach this replica get NXDOMAIN or a forwarded answer for names in those zones.';

suite
  .case('TechnitiumReplicaMissingZones fires: a new primary zone at 10m reaches no replica', rules, {
    input: [...upAll, missing('secondary', gauge(i, [0, '10m'], [1, '110m'])), missing('tertiary', gauge(i, [0, '10m'], [1, '110m']))],
  })
  .fires(
    'TechnitiumReplicaMissingZones',
    '1h3m',
    { labels: tx('secondary'), description: missingText('secondary') },
    { labels: tx('tertiary'), description: missingText('tertiary') },
  );

suite
  .case('TechnitiumReplicaMissingZones quiet: the next sync run creates the zone at 40m', rules, {
    input: [...upAll, missing('secondary', gauge(i, [0, '10m'], [1, '30m'], [0, '80m'])), missing('tertiary', gauge(i, [0, '10m'], [1, '30m'], [0, '80m']))],
  })
  // Active from 10m: pending at 37m (27m in), never firing (45m).
  .pending('TechnitiumReplicaMissingZones', '37m', tx('secondary'), tx('tertiary'))
  .quiet('TechnitiumReplicaMissingZones', '1h3m', 'shorter than for: created after 30m < 45m');

suite
  .case('TechnitiumReplicaMissingZones quiet: a replica whose polls fail keeps its last count of missing zones', rules, {
    input: [up('primary', gauge(i, [1, '2h'])), up('secondary', gauge(i, [0, '2h'])), missing('secondary', gauge(i, [1, '2h']))],
  })
  .neverActive('TechnitiumReplicaMissingZones', '1h3m', 'a replica that does not answer is TechnitiumInstanceDown; its zone list is not current');

const serial = (server: 'primary' | 'secondary' | 'tertiary', values: string) =>
  series('technitium_zone_soa_serial', tx(server, { zone: 'home.lan' }), values);

suite
  .case('TechnitiumZoneSerialBehind fires: the secondary stays at the old serial', rules, {
    input: [
      serial('primary', gauge(i, [2024010101, '10m'], [2024010102, '60m'])),
      serial('secondary', gauge(i, [2024010101, '70m'])),
      serial('tertiary', gauge(i, [2024010101, '12m'], [2024010102, '58m'])),
    ],
  })
  .fires('TechnitiumZoneSerialBehind', '45m', {
    labels: tx('secondary', { zone: 'home.lan' }),
    description:
      `Zone home.lan on replica secondary is at SOA serial 2024010101, behind the primary, for more than ${c.technitium.serialBehindFor}. ` +
      'Zone transfers are not reaching it: clients of this replica get outdated records.',
  });

suite
  .case('TechnitiumZoneSerialBehind quiet: the secondary catches up after 20m', rules, {
    input: [
      serial('primary', gauge(i, [2024010101, '10m'], [2024010102, '60m'])),
      serial('secondary', gauge(i, [2024010101, '30m'], [2024010102, '40m'])),
      serial('tertiary', gauge(i, [2024010101, '12m'], [2024010102, '58m'])),
    ],
  })
  // Behind from 10m to 30m: pending at 27m (17m in), never firing (30m).
  .pending('TechnitiumZoneSerialBehind', '27m', tx('secondary', { zone: 'home.lan' }))
  .quiet('TechnitiumZoneSerialBehind', '45m', 'shorter than for: 20m < 30m');

suite
  .case('TechnitiumZoneSerialBehind quiet: a replica ahead of the primary is not behind', rules, {
    input: [serial('primary', gauge(i, [2024010101, '70m'])), serial('secondary', gauge(i, [2024010102, '70m']))],
  })
  .neverActive('TechnitiumZoneSerialBehind', '45m', 'the replica is ahead, not behind');

const zoneFlag = (metric: string, values: string) => series(metric, tx('secondary', { zone: 'home.lan' }), values);
const zoneSyncFailingText =
  'Zone home.lan on replica secondary reports syncFailed or isExpired. A failing zone serves ageing data; an ' +
  'expired one answers SERVFAIL for every name in it.';

suite
  .case('TechnitiumReplicaZoneSyncFailing fires: a secondary zone reports syncFailed from 10m', rules, {
    input: [zoneFlag('technitium_zone_sync_failed', gauge(i, [0, '10m'], [1, '50m'])), zoneFlag('technitium_zone_expired', gauge(i, [0, '1h']))],
  })
  .fires('TechnitiumReplicaZoneSyncFailing', '31m', { labels: tx('secondary', { zone: 'home.lan' }), description: zoneSyncFailingText })
  .pending('TechnitiumReplicaZoneSyncFailing', '15m', tx('secondary', { zone: 'home.lan' }));

suite
  .case('TechnitiumReplicaZoneSyncFailing fires: the zone is both syncFailed and expired', rules, {
    input: [zoneFlag('technitium_zone_sync_failed', gauge(i, [0, '10m'], [1, '50m'])), zoneFlag('technitium_zone_expired', gauge(i, [0, '10m'], [1, '50m']))],
  })
  .fires('TechnitiumReplicaZoneSyncFailing', '31m', { labels: tx('secondary', { zone: 'home.lan' }), description: zoneSyncFailingText });

suite
  .case('TechnitiumReplicaZoneSyncFailing fires: the zone has expired while its last transfer reports no failure', rules, {
    input: [zoneFlag('technitium_zone_sync_failed', gauge(i, [0, '1h'])), zoneFlag('technitium_zone_expired', gauge(i, [0, '10m'], [1, '50m']))],
  })
  .fires('TechnitiumReplicaZoneSyncFailing', '31m', { labels: tx('secondary', { zone: 'home.lan' }), description: zoneSyncFailingText });

suite
  .case('TechnitiumReplicaZoneSyncFailing quiet: one failed transfer, retried fine 10m later', rules, {
    input: [zoneFlag('technitium_zone_sync_failed', gauge(i, [0, '10m'], [1, '10m'], [0, '40m'])), zoneFlag('technitium_zone_expired', gauge(i, [0, '1h']))],
  })
  // Failing from 10m to 20m: pending at 19m (9m in).
  .pending('TechnitiumReplicaZoneSyncFailing', '19m', tx('secondary', { zone: 'home.lan' }))
  .quiet('TechnitiumReplicaZoneSyncFailing', '31m', 'shorter than for: 10m < 15m');

const technitiumPod = { namespace: c.programs.technitium.namespace, pod: 'technitium-7d9f8b6c5-x2k4q', container: 'technitium' };
const memory = (workingSet: number) => [
  series('container_memory_working_set_bytes', { ...technitiumPod, job: 'kubernetes-nodes-cadvisor', instance: 'node2', node: 'node2', id: '/kubepods/pod1/abc', image: 'technitium/dns-server:14.3.0', name: 'abc' }, gauge(i, [workingSet, '1h'])),
  // The pod-level cgroup (container="") is larger and has no limit series: the join on the limit leaves it out.
  series('container_memory_working_set_bytes', { namespace: c.programs.technitium.namespace, pod: technitiumPod.pod, container: '', job: 'kubernetes-nodes-cadvisor', instance: 'node2', node: 'node2', id: '/kubepods/pod1' }, gauge(i, [workingSet + 5e6, '1h'])),
  series('kube_pod_container_resource_limits', { ...technitiumPod, ...ksm, uid: 'u-1', resource: 'memory', unit: 'byte' }, gauge(i, [1073741824, '1h'])),
];

suite
  .case('TechnitiumMemoryNearLimit fires: working set at 93.75% of the 1Gi limit', rules, { input: memory(1006632960) })
  .fires('TechnitiumMemoryNearLimit', '21m', {
    labels: technitiumPod,
    description:
      'Container technitium of pod technitium-7d9f8b6c5-x2k4q uses 93.75% of its memory limit. At the limit the kernel ' +
      'OOM-kills it and that instance stops answering until it restarts (the primary did this at its old 512Mi ceiling).',
  })
  .pending('TechnitiumMemoryNearLimit', '11m', technitiumPod);

suite
  .case('TechnitiumMemoryNearLimit quiet: working set at 85% of the limit', rules, { input: memory(912680550) })
  .quiet('TechnitiumMemoryNearLimit', '21m', 'below threshold: 85% < 90%');

// --- CoreDNS ----------------------------------------------------------------------------------------------

/** Forwarded requests to pfSense from two CoreDNS pods (rates per pod): NOERROR all along, the failing rcode from 30m. */
function forwards(noerrorPerSecond: number, failingPerSecond: number, rcode: 'SERVFAIL' | 'REFUSED' = 'SERVFAIL') {
  return [1, 2].flatMap((pod) => [
    series('coredns_proxy_request_duration_seconds_count', { ...corednsPod(pod), proxy_name: 'forward', to: pfsense, rcode: 'NOERROR' }, counter(i, 0, [noerrorPerSecond, '1h'])),
    series('coredns_proxy_request_duration_seconds_count', { ...corednsPod(pod), proxy_name: 'forward', to: pfsense, rcode }, counter(i, 0, [0, '30m'], [failingPerSecond, '30m'])),
  ]);
}

const forwardFailureText = (share: string) =>
  `${share} of the queries CoreDNS forwards to ${pfsense} come back SERVFAIL or REFUSED. Names outside the cluster ` +
  'fail for pods unless CoreDNS still has them in its stale cache.';

suite
  .case('CoreDNSForwardFailureRate fires: 25% of forwards to pfSense come back SERVFAIL', rules, { input: forwards(1.5, 0.5) })
  .fires('CoreDNSForwardFailureRate', '48m', {
    labels: { to: pfsense },
    description: forwardFailureText('25%'),
  })
  // Active from 32m (the first failures in the 5m window), firing from 42m.
  .pending('CoreDNSForwardFailureRate', '38m', { to: pfsense });

suite
  .case('CoreDNSForwardFailureRate fires: 25% of forwards come back REFUSED', rules, { input: forwards(1.5, 0.5, 'REFUSED') })
  .fires('CoreDNSForwardFailureRate', '48m', { labels: { to: pfsense }, description: forwardFailureText('25%') });

suite
  .case('CoreDNSForwardFailureRate fires: half of 0.1 forwards/s fail (just over the traffic floor)', rules, { input: forwards(3 / 120, 3 / 120) })
  .fires('CoreDNSForwardFailureRate', '48m', { labels: { to: pfsense }, description: forwardFailureText('50%') });

suite
  .case('CoreDNSForwardFailureRate quiet: half of 0.033 forwards/s fail (under the traffic floor)', rules, { input: forwards(1 / 120, 1 / 120) })
  .neverActive('CoreDNSForwardFailureRate', '48m', 'below the traffic floor of 0.05 forwards/s');

suite
  .case('CoreDNSForwardFailureRate quiet: 5% of forwards come back SERVFAIL', rules, { input: forwards(1.9, 0.1) })
  .quiet('CoreDNSForwardFailureRate', '48m', 'below threshold: 5% < 10%');

/** Health-check failure counters of the pfSense upstream on three CoreDNS pods. */
const healthchecks = (values: string) =>
  [1, 2, 3].map((pod) => series('coredns_proxy_healthcheck_failures_total', { ...corednsPod(pod), proxy_name: 'forward', to: pfsense }, values));

suite
  .case('CoreDNSForwardHealthcheckFailing fires: every 5s check fails on 3 pods from 30m', rules, {
    input: healthchecks(counter(i, 0, [0, '30m'], [0.2, '30m'])),
  })
  .fires('CoreDNSForwardHealthcheckFailing', '42m', {
    labels: { to: pfsense },
    description:
      'CoreDNS health checks of upstream 192.168.1.1:53 fail 0.60 times/s. CoreDNS marks it down and sends its ' +
      'queries to the next upstream; when every upstream is down it serves stale cache only.',
  })
  // Active from 32m, firing from 38m.
  .pending('CoreDNSForwardHealthcheckFailing', '36m', { to: pfsense });

suite
  .case('CoreDNSForwardHealthcheckFailing fires: one pod fails every other check (0.1/s)', rules, {
    input: [
      series('coredns_proxy_healthcheck_failures_total', { ...corednsPod(1), proxy_name: 'forward', to: pfsense }, counter(i, 0, [0, '30m'], [0.1, '30m'])),
      ...[2, 3].map((pod) => series('coredns_proxy_healthcheck_failures_total', { ...corednsPod(pod), proxy_name: 'forward', to: pfsense }, counter(i, 0, [0, '1h']))),
    ],
  })
  .fires('CoreDNSForwardHealthcheckFailing', '42m', {
    labels: { to: pfsense },
    description:
      'CoreDNS health checks of upstream 192.168.1.1:53 fail 0.10 times/s. CoreDNS marks it down and sends its ' +
      'queries to the next upstream; when every upstream is down it serves stale cache only.',
  });

suite
  .case('CoreDNSForwardHealthcheckFailing quiet: one failed check every 2m', rules, {
    input: healthchecks(counter(i, 0, [1 / 120, '1h'])),
  })
  .quiet('CoreDNSForwardHealthcheckFailing', '42m', 'below threshold: 0.025/s on 3 pods < 0.05/s');

const stale = (perSecond: number) =>
  [1, 2].map((pod) =>
    series('coredns_cache_served_stale_total', { ...corednsPod(pod), server: 'dns://:53', zones: '.', view: '' }, counter(i, 0, [0, '30m'], [perSecond, '30m'])),
  );

suite
  .case('CoreDNSServingStale fires: 0.5 stale answers/s from 30m', rules, { input: stale(0.25) })
  .fires('CoreDNSServingStale', '46m', {
    description:
      'CoreDNS serves 0.50 stale answers/s. serve_stale keeps cached names resolving for up to 24 h while the upstream ' +
      'is down, so nothing looks broken until the cache runs out or a new name is asked.',
  })
  // Active from 32m, firing from 42m.
  .pending('CoreDNSServingStale', '38m');

suite
  .case('CoreDNSServingStale fires: 0.017 stale answers/s (just over the threshold)', rules, { input: stale(1 / 120) })
  .fires('CoreDNSServingStale', '46m', {
    description:
      'CoreDNS serves 0.02 stale answers/s. serve_stale keeps cached names resolving for up to 24 h while the upstream ' +
      'is down, so nothing looks broken until the cache runs out or a new name is asked.',
  });

suite
  .case('CoreDNSServingStale quiet: 0.005 stale answers/s', rules, { input: stale(0.0025) })
  .quiet('CoreDNSServingStale', '46m', 'below threshold: 0.005/s < 0.01/s');

const corednsDeployment = { ...ksm, namespace: c.coredns.namespace, deployment: c.coredns.deployment };
const corednsAvailable = (values: string) => series('kube_deployment_status_replicas_available', corednsDeployment, values);
const corednsPdb = { ...ksm, namespace: c.coredns.namespace, poddisruptionbudget: c.coredns.pdb };
const pdb = (current: string, desired: string) => [
  series('kube_poddisruptionbudget_status_current_healthy', corednsPdb, current),
  series('kube_poddisruptionbudget_status_desired_healthy', corednsPdb, desired),
];
const replicasText = (n: number) =>
  `CoreDNS in ${c.coredns.namespace} has ${n} available/healthy pod(s), below the ${c.coredns.minReplicas} replicas or its PDB minimum. One more node ` +
  'loss or eviction leaves cluster DNS unanswered.';

suite
  .case('CoreDNSReplicasBelowMinimum fires: 2 of 3 replicas available from 30m', rules, {
    input: [corednsAvailable(gauge(i, [3, '30m'], [2, '30m']))],
  })
  .fires('CoreDNSReplicasBelowMinimum', '43m', { labels: corednsDeployment, description: replicasText(2) });

suite
  .case('CoreDNSReplicasBelowMinimum quiet: scaled up to 4 replicas', rules, { input: [corednsAvailable(gauge(i, [3, '30m'], [4, '30m']))] })
  .neverActive('CoreDNSReplicasBelowMinimum', '43m', 'more replicas than the minimum');

suite
  .case('CoreDNSReplicasBelowMinimum fires: the PDB has 1 healthy pod where it needs 2', rules, { input: pdb(gauge(i, [3, '30m'], [1, '30m']), gauge(i, [2, '1h'])) })
  .fires('CoreDNSReplicasBelowMinimum', '43m', { labels: corednsPdb, description: replicasText(1) });

suite
  .case('CoreDNSReplicasBelowMinimum quiet: the PDB has 3 healthy pods where it needs 2', rules, { input: pdb(gauge(i, [3, '1h']), gauge(i, [2, '1h'])) })
  .neverActive('CoreDNSReplicasBelowMinimum', '43m', 'the PDB is satisfied');

suite
  .case('CoreDNSReplicasBelowMinimum quiet: a rolling update leaves 2 replicas for 6m', rules, {
    input: [corednsAvailable(gauge(i, [3, '30m'], [2, '6m'], [3, '24m']))],
  })
  .pending('CoreDNSReplicasBelowMinimum', '35m', corednsDeployment)
  .quiet('CoreDNSReplicasBelowMinimum', '43m', 'shorter than for: 6m < 10m');
