// Rule unit tests of the DNS alerts (alerts/dns.ts): for every alert, a case where it fires (labels and
// rendered annotations asserted) and one where the same situation stays quiet (below the threshold, or
// shorter than `for`). Series are named and labelled as metrics/catalogue.ts and their producers make them.
// Eval times follow the window-edge rule (builder.ts checkTime): rules with 10m / 1h windows are asserted
// at odd minutes, rules with 5m windows at even minutes (inputs arrive every 2m).
import { counter, gauge, ourRules, RuleTestSuite, seconds, series } from '../builder.ts';
import type { Duration } from '../../core/duration.ts';
import { dnsDefaults as c } from '../../alerts/dns/config.ts';
import { percent } from '../../alerts/dns/alerts.ts';
import { zoneSyncGroup } from '../../alerts/dns/queries.ts';

export const suite = new RuleTestSuite('dns').expect({
  TechnitiumQuerySpike: { severity: 'warning' },
  TechnitiumQueryRateDropped: { severity: 'warning' },
  TechnitiumHighServfailRatio: { severity: 'warning' },
  TechnitiumInstanceDown: { severity: 'warning' },
  TechnitiumPrimaryDown: { severity: 'critical' },
  TechnitiumAllInstancesDown: { severity: 'critical', summary: `Technitium: none of the ${c.programs.technitium.instances.length} instances has a pod available; internal DNS is down` },
  TechnitiumReplicaMissingZones: { severity: 'warning' },
  TechnitiumZoneSerialMismatch: { severity: 'warning' },
  TechnitiumReplicaZoneSyncFailing: { severity: 'warning' },
  TechnitiumZoneExpired: { severity: 'critical' },
  TechnitiumMemoryNearLimit: { severity: 'warning' },
  TechnitiumZonesHidden: { severity: 'warning' },
  TechnitiumZoneListTruncated: { severity: 'warning' },
  TechnitiumZoneSyncRunFailed: { severity: 'warning', summary: `Technitium zone-sync (${c.programs.zoneSync.job}): the last run failed` },
  TechnitiumZoneSyncNoRecentSuccess: { severity: 'warning' },
  TechnitiumZoneSyncNeverSucceeded: { severity: 'warning', summary: `Technitium zone-sync (${c.programs.zoneSync.job}): no successful run on record` },
  CoreDNSForwardFailing: { severity: 'warning' },
  CoreDNSAllUpstreamsDown: { severity: 'critical', summary: 'CoreDNS: every upstream of a forward block fails its health checks' },
  CoreDNSForwardHealthcheckFailing: { severity: 'warning' },
  CoreDNSServingStale: { severity: 'warning' },
  CoreDNSReplicasBelowMinimum: { severity: 'warning' },
  CoreDNSAtMostOneReplica: { severity: 'critical' },
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
/** Pushed by our zone-sync CronJob, under its own grouping key (the legacy CronJob pushes to job alone). */
const zoneSync = zoneSyncGroup(c);
/** The legacy zone-sync's group: job only (instance="" is no label at all). */
const legacyZoneSync = { job: zoneSyncJob };
const ksm = { job: 'kubernetes-service-endpoints', instance: '10.42.0.9:8080', service: 'kube-state-metrics' };
const corednsPod = (n: number) => ({ job: 'kubernetes-service-endpoints', namespace: c.coredns.namespace, service: c.coredns.service, instance: `10.42.${n}.3:9153` });
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

/** TechnitiumQuerySpike's summary and description as on-call reads them, for a rendered rate such as '43.0' (also used by regressions.ts). */
export const spikeSummary = (rate: string) => `Technitium: ${rate} queries/s, over ${q.spikeFactor}x the same hour yesterday`;
export const spikeDescription = (rate: string) =>
  `Technitium is answering ${rate} queries/s in total, more than ${q.spikeFactor}x its rate over the same ${q.baselineWindow} ${q.baselineOffset} earlier. A client loop, ` +
  'a misbehaving device or an amplification attempt can exhaust the resolvers and slow every lookup that reaches Technitium (the cluster, and the LAN through pfSense).';

suite
  .case('TechnitiumQuerySpike fires: total queries go from 8/s to 43/s', rules, { input: queries([5, 2, 1], [40, 2, 1]) })
  .fires('TechnitiumQuerySpike', '25h17m', { summary: spikeSummary('43.0'), description: spikeDescription('43.0') })
  // Active from 25h4m or 25h5m (the 10m window fills with the spike): pending at 25h11m, firing from 25h15m.
  .pending('TechnitiumQuerySpike', '25h11m');

suite
  .case('TechnitiumQuerySpike fires: a small spike from 0.5/s to 2/s (over 3x, and over the 1/s floor)', rules, { input: queries([0.3, 0.1, 0.1], [1.8, 0.1, 0.1]) })
  .fires('TechnitiumQuerySpike', '25h17m', { summary: spikeSummary('2.0'), description: spikeDescription('2.0') });

suite
  .case('TechnitiumQuerySpike quiet: 0.2/s to 0.9/s is 4.5x, but under the 1/s floor', rules, { input: queries([0.1, 0.05, 0.05], [0.8, 0.05, 0.05]) })
  .neverActive('TechnitiumQuerySpike', '25h17m', 'below the traffic floor of 1 query/s');

suite
  .case('TechnitiumQuerySpike quiet: steady 8/s on an exporter started 24h13m ago (the baseline hour is mostly unrecorded)', rules, {
    input: queries([5, 2, 1], [5, 2, 1], '24h'),
  })
  // A day earlier only the last 13 minutes of the baseline hour have data, so its rate reads ~1.9/s and 8/s
  // looks like 4x; the baseline-coverage guard keeps it quiet.
  .neverActive('TechnitiumQuerySpike', '24h13m', 'the baseline hour a day earlier is only partly recorded');

suite
  .case('TechnitiumQuerySpike quiet: total queries go from 8/s to 18/s (under 3x)', rules, { input: queries([5, 2, 1], [15, 2, 1]) })
  .quiet('TechnitiumQuerySpike', '25h17m', 'below threshold: 18/s is 2.25x the baseline');

suite
  .case('TechnitiumQuerySpike quiet: the same jump to 43/s on a series younger than a day (new exporter)', rules, { input: queries([5, 2, 1], [40, 2, 1], '80m') })
  .quiet('TechnitiumQuerySpike', '1h37m', 'no baseline: nothing was recorded a day earlier');

const dropSummary = (rate: string) => `Technitium: ${rate} queries/s, under ${q.dropFactor}x the same hour yesterday`;

suite
  .case('TechnitiumQueryRateDropped fires: total queries fall from 8/s to 0.8/s', rules, { input: queries([5, 2, 1], [0.4, 0.2, 0.2]) })
  .fires('TechnitiumQueryRateDropped', '25h29m', {
    summary: dropSummary('0.80'),
    description:
      `Technitium is answering only 0.80 queries/s in total, under ${q.dropFactor}x its rate over the same ${q.baselineWindow} ${q.baselineOffset} earlier. Clients are ` +
      "probably failing to reach Technitium (CoreDNS's forward, NodeLocal DNSCache's .lan forward, pfSense's forward, the LoadBalancer IP) and resolving elsewhere or not at all.",
  })
  // Active from 25h8m (the 10m rate falls under 2.4/s): pending at 25h19m, firing from 25h23m.
  .pending('TechnitiumQueryRateDropped', '25h19m');

suite
  .case('TechnitiumQueryRateDropped fires: 2/s falls to 0.2/s (a baseline just over the 1/s floor)', rules, { input: queries([1, 0.5, 0.5], [0.1, 0.05, 0.05]) })
  .fires('TechnitiumQueryRateDropped', '25h29m', {
    summary: dropSummary('0.20'),
    description:
      `Technitium is answering only 0.20 queries/s in total, under ${q.dropFactor}x its rate over the same ${q.baselineWindow} ${q.baselineOffset} earlier. Clients are ` +
      "probably failing to reach Technitium (CoreDNS's forward, NodeLocal DNSCache's .lan forward, pfSense's forward, the LoadBalancer IP) and resolving elsewhere or not at all.",
  });

suite
  .case('TechnitiumQueryRateDropped quiet: 0.8/s falls to 0.1/s, but the baseline is under the 1/s floor', rules, { input: queries([0.4, 0.2, 0.2], [0.05, 0.025, 0.025]) })
  .neverActive('TechnitiumQueryRateDropped', '25h29m', 'baseline below the traffic floor of 1 query/s');

suite
  .case('TechnitiumQueryRateDropped quiet: total queries fall from 8/s to 4.8/s (over 0.3x)', rules, { input: queries([5, 2, 1], [3, 1.2, 0.6]) })
  .quiet('TechnitiumQueryRateDropped', '25h29m', 'below threshold: 60% of the baseline');

const servfailSummary = (server: string, share: string) => `Technitium ${server}: ${share} of queries answered SERVFAIL`;

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
  .case('TechnitiumHighServfailRatio fires: the primary answers 20% SERVFAIL', rules, { input: servfails(10, 2) })
  .fires('TechnitiumHighServfailRatio', '41m', {
    labels: { server: 'primary' },
    summary: servfailSummary('primary', '20%'),
    description:
      `20% of the queries answered by Technitium instance primary are SERVFAIL (threshold ${percent(q.servfailRatio)}). Names it should ` +
      'resolve fail for every client that asks it: usually its upstream forwarders or DNSSEC validation.',
  })
  .pending('TechnitiumHighServfailRatio', '29m', { server: 'primary' });

suite
  .case('TechnitiumHighServfailRatio fires: 8% SERVFAIL at 2.5 queries/s (just over the ratio and the floor)', rules, { input: servfails(2.5, 0.2) })
  .fires('TechnitiumHighServfailRatio', '41m', {
    labels: { server: 'primary' },
    summary: servfailSummary('primary', '8%'),
    description:
      `8% of the queries answered by Technitium instance primary are SERVFAIL (threshold ${percent(q.servfailRatio)}). Names it should ` +
      'resolve fail for every client that asks it: usually its upstream forwarders or DNSSEC validation.',
  });

suite
  .case('TechnitiumHighServfailRatio quiet: the primary answers 3% SERVFAIL', rules, { input: servfails(10, 0.3) })
  .quiet('TechnitiumHighServfailRatio', '41m', 'below threshold: 3% < 5%');

suite
  .case('TechnitiumHighServfailRatio quiet: 50% SERVFAIL but only 0.5 queries/s', rules, { input: servfails(0.5, 0.25) })
  .quiet('TechnitiumHighServfailRatio', '41m', 'below the traffic floor of 1 query/s');

// --- Technitium instances and the exporter ----------------------------------------------------------------

const up = (server: 'primary' | 'secondary' | 'tertiary', values: string) => series('technitium_up', tx(server), values);

const instanceDownSummary = (server: string, role: string) => `Technitium ${server} (${role}): API not answering for ${c.technitium.instanceDownFor}`;
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
    summary: instanceDownSummary('secondary', 'replica'),
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
      summary: instanceDownSummary(missing.server, missing.role),
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

const primaryDownText = (server: string) =>
  `The technitium-exporter has not been able to poll the primary, ${server}, for over ${c.technitium.primaryDownCriticalFor}. ` +
  'Zone changes go nowhere (the primary holds the only writable copy), zone-sync runs fail, and the replicas serve ' +
  'ever older data until their secondary zones expire and stop answering for them.';

suite
  .case('TechnitiumPrimaryDown fires: the primary stops answering at 10m and stays down', rules, {
    input: [up('primary', gauge(i, [1, '10m'], [0, '1h30m'])), up('secondary', gauge(i, [1, '1h40m']))],
  })
  // Active from 10m, firing from 1h10m.
  .fires('TechnitiumPrimaryDown', '1h13m', {
    labels: tx('primary'),
    summary: `Technitium primary primary: API down for over ${c.technitium.primaryDownCriticalFor}`,
    description: primaryDownText('primary'),
  })
  .pending('TechnitiumPrimaryDown', '1h7m', tx('primary'));

suite
  .case('TechnitiumPrimaryDown quiet: a replica down as long is not the primary', rules, {
    input: [up('primary', gauge(i, [1, '1h40m'])), up('secondary', gauge(i, [1, '10m'], [0, '1h30m']))],
  })
  .neverActive('TechnitiumPrimaryDown', '1h13m', 'only the replica is down');

const deployment = (name: string, values: string) =>
  series('kube_deployment_status_replicas_available', { ...ksm, namespace: c.programs.technitium.namespace, deployment: name }, values);

const allDown = `None of the ${c.programs.technitium.instances.length} Technitium Deployments has an available pod, or none of them exists (per kube-state-metrics). Every ` +
  'internal name, split-horizon record and blocklist lookup fails: pods lose .lan names within 30 s (NodeLocal ' +
  "DNSCache's cache), CoreDNS's forward blocks answer only from their stale cache.";

suite
  .case('TechnitiumAllInstancesDown quiet: the exporter polls no instance from 30m (its credentials fail), the pods run', rules, {
    input: [
      up('primary', gauge(i, [1, '30m'], [0, '30m'])),
      up('secondary', gauge(i, [1, '30m'], [0, '30m'])),
      up('tertiary', gauge(i, [1, '30m'], [0, '30m'])),
      ...c.programs.technitium.instances.map((x) => deployment(x.deployment, gauge(i, [1, '1h']))),
    ],
  })
  .neverActive('TechnitiumAllInstancesDown', '41m', 'the pods are available: an exporter that cannot poll any API is not DNS down');


suite
  .case('TechnitiumAllInstancesDown fires: no pod available from 30m', rules, {
    input: [
      deployment('technitium', gauge(i, [1, '30m'], [0, '30m'])),
      deployment('technitium-secondary', gauge(i, [1, '30m'], [0, '30m'])),
      deployment('technitium-tertiary', gauge(i, [1, '30m'], [0, '30m'])),
    ],
  })
  // Active from 30m, firing from 35m.
  .fires('TechnitiumAllInstancesDown', '37m', { labels: { namespace: c.programs.technitium.namespace }, description: allDown })
  .pending('TechnitiumAllInstancesDown', '33m', { namespace: c.programs.technitium.namespace });

/** Another namespace's Deployment: kube-state-metrics is up and reporting. */
const otherDeployment = series('kube_deployment_status_replicas_available', { ...ksm, namespace: 'kube-system', deployment: 'coredns' }, gauge(i, [3, '1h']));

suite
  .case('TechnitiumAllInstancesDown fires: the three Deployments are gone from 30m (namespace deleted), others still reported', rules, {
    input: [...c.programs.technitium.instances.map((x) => deployment(x.deployment, gauge(i, [1, '30m']))), otherDeployment],
  })
  // The last samples (28m) go stale after 5m: absent from 34m, firing from 39m.
  .fires('TechnitiumAllInstancesDown', '41m', { labels: { namespace: c.programs.technitium.namespace }, description: allDown })
  .pending('TechnitiumAllInstancesDown', '37m', { namespace: c.programs.technitium.namespace });
suite
  .case('TechnitiumAllInstancesDown quiet: kube-state-metrics reports no Deployment at all from 30m (its heartbeat says so)', rules, {
    input: c.programs.technitium.instances.map((x) => deployment(x.deployment, gauge(i, [1, '30m']))),
  })
  .neverActive('TechnitiumAllInstancesDown', '59m', 'no Deployment series at all: KubeStateMetricsMissing, not DNS down');

// Whichever Deployment keeps the last pod, DNS is still up: each one is counted.
for (const last of c.programs.technitium.instances) {
  suite
    .case(`TechnitiumAllInstancesDown quiet: only ${last.deployment} still has a pod`, rules, {
      input: c.programs.technitium.instances.map((x) => deployment(x.deployment, x === last ? gauge(i, [1, '1h']) : gauge(i, [1, '30m'], [0, '30m']))),
    })
    .neverActive('TechnitiumAllInstancesDown', '41m', 'one instance left');
}

// The others deleted, whichever Deployment is left with a pod keeps DNS up: the absent() branch names each of them.
for (const last of c.programs.technitium.instances) {
  suite
    .case(`TechnitiumAllInstancesDown quiet: ${last.deployment} is left with a pod, the other Deployments deleted at 30m`, rules, {
      input: c.programs.technitium.instances.map((x) => deployment(x.deployment, x === last ? gauge(i, [1, '1h']) : gauge(i, [1, '30m']))),
    })
    .neverActive('TechnitiumAllInstancesDown', '59m', 'one instance left: the deleted ones are not DNS down');
}

// TechnitiumExporterDown is the exporter's heartbeat alert, generated and tested with the others (cases/heartbeats.ts).

// --- zone-sync CronJob (pushed) ---------------------------------------------------------------------------

/** TechnitiumZoneSyncNoRecentSuccess's summary and description as on-call reads them, for a rendered age (also used by regressions.ts). */
export const staleSummary = (age: string) => `Technitium zone-sync (${zoneSyncJob}): no successful run for ${age}`;
export const staleDescription = (age: string) =>
  `The last successful ${zoneSyncJob} run was ${age} ago; it should run ` +
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
  .case('TechnitiumZoneSyncRunFailed fires: the 30m run fails', rules, { input: zoneSyncRuns([true, false, false]) })
  // Active from 30m, firing from 35m.
  .fires('TechnitiumZoneSyncRunFailed', '37m', { labels: zoneSync })
  .pending('TechnitiumZoneSyncRunFailed', '33m', zoneSync);

suite
  .case('TechnitiumZoneSyncRunFailed fires: the 30m run failed and the next run is 35 minutes late', rules, { input: zoneSyncRuns([true, false], '40m') })
  .fires('TechnitiumZoneSyncRunFailed', '1h5m', { labels: zoneSync });

suite
  .case('TechnitiumZoneSyncRunFailed quiet: the failed status was pushed 83 minutes ago and nothing since', rules, { input: zoneSyncRuns([true, false], '90m') })
  .quiet('TechnitiumZoneSyncRunFailed', '1h53m', 'the failure is older than the staleness limit: TechnitiumZoneSyncNoRecentSuccess reports it');

suite
  .case("TechnitiumZoneSyncRunFailed quiet: the legacy zone-sync's group reports a failure, ours succeeds", rules, {
    input: [
      ...zoneSyncRuns([true, true, true]),
      series('technitium_zone_sync_status', legacyZoneSync, gauge(i, [1, '1h30m'])),
      series('push_time_seconds', legacyZoneSync, gauge(i, [1800, '1h30m'])),
    ],
  })
  .neverActive('TechnitiumZoneSyncRunFailed', '41m', "the legacy job's pushes are not ours");

suite
  .case('TechnitiumZoneSyncRunFailed quiet: every run succeeds', rules, { input: zoneSyncRuns([true, true, true]) })
  .quiet('TechnitiumZoneSyncRunFailed', '41m', 'below threshold: status 0');

suite
  .case('TechnitiumZoneSyncNoRecentSuccess fires: runs keep failing after the 30m success', rules, { input: zoneSyncRuns([true, true, false, false, false]) })
  .fires('TechnitiumZoneSyncNoRecentSuccess', '1h53m', {
    labels: zoneSync,
    summary: staleSummary('1h 23m 0s'),
    description: staleDescription('1h 23m 0s'),
  })
  // Active from 1h46m (the 30m success is 75m old), firing from 1h51m.
  .pending('TechnitiumZoneSyncNoRecentSuccess', '1h49m', zoneSync);

suite
  .case('TechnitiumZoneSyncNoRecentSuccess quiet: the last run, successful, was 40 minutes ago (one run late)', rules, { input: zoneSyncRuns([true, true], '50m') })
  .quiet('TechnitiumZoneSyncNoRecentSuccess', '1h10m', 'below threshold: 40m < 75m since the last run');

suite
  .case('TechnitiumZoneSyncNoRecentSuccess quiet: last success 61m ago', rules, { input: zoneSyncRuns([true, true, false, false]) })
  .quiet('TechnitiumZoneSyncNoRecentSuccess', '1h31m', 'below threshold: 61m < 75m since the last success');

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
export const missingSummary = (server: string) => `Technitium ${server}: 1 primary zone(s) missing`;
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
    { labels: tx('secondary'), summary: missingSummary('secondary'), description: missingText('secondary') },
    { labels: tx('tertiary'), summary: missingSummary('tertiary'), description: missingText('tertiary') },
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

const serialSummary = (direction: 'behind' | 'ahead of') => `Technitium secondary: zone home.lan serial ${direction} the primary`;
const serialText = (difference: string) =>
  `Zone home.lan on replica secondary differs from the primary by ${difference} in SOA (serial arithmetic: negative is ` +
  `behind, positive is ahead) for more than ${c.technitium.serialMismatchFor}. Behind: zone transfers are not reaching it ` +
  'and its clients get outdated records. Ahead: the primary went back in time (a restore), and the replica will not ' +
  'take its zone until the serial passes its own.';
const serialPair = (primary: number, replica: number) => [serial('primary', gauge(i, [primary, '1h'])), serial('secondary', gauge(i, [replica, '1h']))];

suite
  .case('TechnitiumZoneSerialMismatch fires: the secondary stays at the old serial', rules, {
    input: [
      serial('primary', gauge(i, [2024010101, '10m'], [2024010102, '60m'])),
      serial('secondary', gauge(i, [2024010101, '70m'])),
      serial('tertiary', gauge(i, [2024010101, '12m'], [2024010102, '58m'])),
    ],
  })
  .fires('TechnitiumZoneSerialMismatch', '45m', { labels: tx('secondary', { zone: 'home.lan' }), summary: serialSummary('behind'), description: serialText('-1') });

suite
  .case('TechnitiumZoneSerialMismatch fires: a replica ahead of the primary (the primary was restored from a backup)', rules, { input: serialPair(2024010101, 2024010103) })
  .fires('TechnitiumZoneSerialMismatch', '45m', { labels: tx('secondary', { zone: 'home.lan' }), summary: serialSummary('ahead of'), description: serialText('+2') });

suite
  .case('TechnitiumZoneSerialMismatch fires: behind across the 2^32 wrap (primary wrapped to 5, replica at 4294967290)', rules, { input: serialPair(5, 4294967290) })
  .fires('TechnitiumZoneSerialMismatch', '45m', { labels: tx('secondary', { zone: 'home.lan' }), summary: serialSummary('behind'), description: serialText('-11') });

suite
  .case('TechnitiumZoneSerialMismatch fires: ahead across the 2^32 wrap (replica wrapped to 3, primary at 4294967294)', rules, { input: serialPair(4294967294, 3) })
  .fires('TechnitiumZoneSerialMismatch', '45m', { labels: tx('secondary', { zone: 'home.lan' }), summary: serialSummary('ahead of'), description: serialText('+5') });

suite
  .case('TechnitiumZoneSerialMismatch quiet: the same serial on both, near the top of the range', rules, { input: serialPair(4294967290, 4294967290) })
  .neverActive('TechnitiumZoneSerialMismatch', '45m', 'the serials are equal');

suite
  .case('TechnitiumZoneSerialMismatch quiet: the secondary catches up after 20m', rules, {
    input: [
      serial('primary', gauge(i, [2024010101, '10m'], [2024010102, '60m'])),
      serial('secondary', gauge(i, [2024010101, '30m'], [2024010102, '40m'])),
      serial('tertiary', gauge(i, [2024010101, '12m'], [2024010102, '58m'])),
    ],
  })
  // Behind from 10m to 30m: pending at 27m (17m in), never firing (30m).
  .pending('TechnitiumZoneSerialMismatch', '27m', tx('secondary', { zone: 'home.lan' }))
  .quiet('TechnitiumZoneSerialMismatch', '45m', 'shorter than for: 20m < 30m');

const zoneFlag = (metric: string, values: string) => series(metric, tx('secondary', { zone: 'home.lan' }), values);
const zoneSyncFailingSummary = 'Technitium secondary: zone home.lan transfers failing';
const zoneSyncFailingText =
  'Zone home.lan on replica secondary reports syncFailed: its last zone transfer from the primary failed. It serves ' +
  'ageing data, and stops answering for the zone once the zone expires.';
const expiredSummary = 'Technitium secondary: zone home.lan expired; its names no longer resolve there';
const expiredText =
  'Zone home.lan on replica secondary reports isExpired: no transfer from the primary succeeded within the SOA ' +
  'expire time (or ever, for a new zone), so the replica no longer answers for it: it resolves its names as if it ' +
  'hosted no such zone (NXDOMAIN for internal names), for every client that reaches it.';
const zoneLabels = tx('secondary', { zone: 'home.lan' });

suite
  .case('TechnitiumReplicaZoneSyncFailing fires: a secondary zone reports syncFailed from 10m', rules, {
    input: [zoneFlag('technitium_zone_sync_failed', gauge(i, [0, '10m'], [1, '50m'])), zoneFlag('technitium_zone_expired', gauge(i, [0, '1h']))],
  })
  .fires('TechnitiumReplicaZoneSyncFailing', '31m', { labels: zoneLabels, summary: zoneSyncFailingSummary, description: zoneSyncFailingText })
  .pending('TechnitiumReplicaZoneSyncFailing', '15m', zoneLabels)
  .neverActive('TechnitiumZoneExpired', '31m', 'syncFailed alone has not expired the zone');

suite
  .case('TechnitiumZoneExpired fires: the zone is both syncFailed and expired', rules, {
    input: [zoneFlag('technitium_zone_sync_failed', gauge(i, [0, '10m'], [1, '50m'])), zoneFlag('technitium_zone_expired', gauge(i, [0, '10m'], [1, '50m']))],
  })
  // Expired from 10m: firing from 15m.
  .fires('TechnitiumZoneExpired', '17m', { labels: zoneLabels, summary: expiredSummary, description: expiredText })
  .pending('TechnitiumZoneExpired', '13m', zoneLabels)
  .fires('TechnitiumReplicaZoneSyncFailing', '31m', { labels: zoneLabels, summary: zoneSyncFailingSummary, description: zoneSyncFailingText });

suite
  .case('TechnitiumZoneExpired fires: the zone has expired while its last transfer reports no failure', rules, {
    input: [zoneFlag('technitium_zone_sync_failed', gauge(i, [0, '1h'])), zoneFlag('technitium_zone_expired', gauge(i, [0, '10m'], [1, '50m']))],
  })
  .fires('TechnitiumZoneExpired', '31m', { labels: zoneLabels, summary: expiredSummary, description: expiredText })
  .neverActive('TechnitiumReplicaZoneSyncFailing', '31m', 'no transfer failure is reported');

suite
  .case('TechnitiumReplicaZoneSyncFailing quiet: one failed transfer, retried fine 10m later', rules, {
    input: [zoneFlag('technitium_zone_sync_failed', gauge(i, [0, '10m'], [1, '10m'], [0, '40m'])), zoneFlag('technitium_zone_expired', gauge(i, [0, '1h']))],
  })
  // Failing from 10m to 20m: pending at 19m (9m in).
  .pending('TechnitiumReplicaZoneSyncFailing', '19m', zoneLabels)
  .quiet('TechnitiumReplicaZoneSyncFailing', '31m', 'shorter than for: 10m < 15m');

suite
  .case('TechnitiumZoneExpired quiet: expired for 3m, then transferred again', rules, {
    input: [zoneFlag('technitium_zone_sync_failed', gauge(i, [0, '1h'])), zoneFlag('technitium_zone_expired', gauge(i, [0, '10m'], [1, '4m'], [0, '46m']))],
  })
  .quiet('TechnitiumZoneExpired', '31m', 'shorter than for: 4m < 5m');

const hidden = (server: 'primary' | 'secondary', values: string) => series('technitium_zones_hidden', tx(server), values);

suite
  .case("TechnitiumZonesHidden fires: from 10m the secondary hides 5 zones from the exporter's user", rules, { input: [hidden('primary', gauge(i, [0, '1h'])), hidden('secondary', gauge(i, [0, '10m'], [5, '50m']))] })
  // Active from 10m, firing from 25m.
  .fires('TechnitiumZonesHidden', '28m', {
    labels: tx('secondary'),
    summary: "Technitium secondary: 5 zone(s) hidden from the exporter's user",
    description:
      "Technitium instance secondary (replica) counts 5 zone(s) that its zone list does not show to the exporter's user: " +
      'the user lacks per-zone View on them. Missing zones, serials and transfer failures of those zones are invisible, ' +
      'so the zone alerts stay quiet whatever happens to them.',
  })
  .pending('TechnitiumZonesHidden', '22m', tx('secondary'));

suite
  .case('TechnitiumZonesHidden quiet: every zone visible on every instance', rules, { input: [hidden('primary', gauge(i, [0, '1h'])), hidden('secondary', gauge(i, [0, '1h']))] })
  .neverActive('TechnitiumZonesHidden', '51m', 'nothing hidden');

const truncated = (values: string) => series('technitium_exporter_zone_list_truncated', tx('primary'), values);

suite
  .case('TechnitiumZoneListTruncated fires: the primary lists more zones than the exporter reads from 10m', rules, { input: [truncated(gauge(i, [0, '10m'], [1, '50m']))] })
  .fires('TechnitiumZoneListTruncated', '28m', {
    labels: tx('primary'),
    summary: `Technitium primary: more than ${c.programs.exporter.maxZones} zones, the exporter reads only the first`,
    description:
      `Technitium instance primary lists more zones than the exporter reads (--max-zones ${c.programs.exporter.maxZones}). ` +
      'Its zone count and its missing zones are not exported, so TechnitiumReplicaMissingZones cannot fire for it (when it is the primary: for any replica).',
  })
  .pending('TechnitiumZoneListTruncated', '22m', tx('primary'));

suite
  .case('TechnitiumZoneListTruncated quiet: the list fits', rules, { input: [truncated(gauge(i, [0, '1h']))] })
  .neverActive('TechnitiumZoneListTruncated', '51m', 'the whole list is read');

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
    summary: 'Technitium technitium-7d9f8b6c5-x2k4q: memory at 93.75% of its limit',
    description:
      'Container technitium of pod technitium-7d9f8b6c5-x2k4q uses 93.75% of its memory limit. At the limit the kernel ' +
      'OOM-kills it and that instance stops answering until it restarts.',
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

const forwardFailureSummary = (share: string) => `CoreDNS upstream ${pfsense}: ${share} of forwards answered SERVFAIL or REFUSED`;
const forwardFailureText = (share: string) =>
  `${share} of the queries CoreDNS forwards to ${pfsense} come back SERVFAIL or REFUSED. Names outside the cluster ` +
  'fail for pods unless CoreDNS still has them in its stale cache.';

suite
  .case('CoreDNSForwardFailing fires: 25% of forwards to pfSense come back SERVFAIL', rules, { input: forwards(1.5, 0.5) })
  .fires('CoreDNSForwardFailing', '48m', {
    labels: { to: pfsense },
    summary: forwardFailureSummary('25%'),
    description: forwardFailureText('25%'),
  })
  // Active from 32m (the first failures in the 5m window), firing from 42m.
  .pending('CoreDNSForwardFailing', '38m', { to: pfsense });

suite
  .case('CoreDNSForwardFailing fires: 25% of forwards come back REFUSED', rules, { input: forwards(1.5, 0.5, 'REFUSED') })
  .fires('CoreDNSForwardFailing', '48m', { labels: { to: pfsense }, summary: forwardFailureSummary('25%'), description: forwardFailureText('25%') });

suite
  .case('CoreDNSForwardFailing fires: half of 0.1 forwards/s fail (just over the traffic floor)', rules, { input: forwards(3 / 120, 3 / 120) })
  .fires('CoreDNSForwardFailing', '48m', { labels: { to: pfsense }, summary: forwardFailureSummary('50%'), description: forwardFailureText('50%') });

suite
  .case('CoreDNSForwardFailing quiet: half of 0.033 forwards/s fail (under the traffic floor)', rules, { input: forwards(1 / 120, 1 / 120) })
  .neverActive('CoreDNSForwardFailing', '48m', 'below the traffic floor of 0.05 forwards/s');

suite
  .case('CoreDNSForwardFailing quiet: 5% of forwards come back SERVFAIL', rules, { input: forwards(1.9, 0.1) })
  .quiet('CoreDNSForwardFailing', '48m', 'below threshold: 5% < 10%');

/** Health-check failure counters of the pfSense upstream on three CoreDNS pods. */
const healthchecks = (values: string) =>
  [1, 2, 3].map((pod) => series('coredns_proxy_healthcheck_failures_total', { ...corednsPod(pod), proxy_name: 'forward', to: pfsense }, values));

suite
  .case('CoreDNSForwardHealthcheckFailing fires: every 5s check fails on 3 pods from 30m', rules, {
    input: healthchecks(counter(i, 0, [0, '30m'], [0.2, '30m'])),
  })
  .fires('CoreDNSForwardHealthcheckFailing', '42m', {
    labels: { to: pfsense },
    summary: `CoreDNS upstream ${pfsense}: health checks failing 0.60/s`,
    description:
      'CoreDNS health checks of upstream 192.168.1.1:53 fail 0.60 times/s. CoreDNS marks it down and sends its ' +
      'queries to the next upstream; when every upstream of a block is down it still tries one at random and serves stale cache entries (CoreDNSAllUpstreamsDown).',
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
    summary: `CoreDNS upstream ${pfsense}: health checks failing 0.10/s`,
    description:
      'CoreDNS health checks of upstream 192.168.1.1:53 fail 0.10 times/s. CoreDNS marks it down and sends its ' +
      'queries to the next upstream; when every upstream of a block is down it still tries one at random and serves stale cache entries (CoreDNSAllUpstreamsDown).',
  });

suite
  .case('CoreDNSForwardHealthcheckFailing quiet: one failed check every 2m', rules, {
    input: healthchecks(counter(i, 0, [1 / 120, '1h'])),
  })
  .quiet('CoreDNSForwardHealthcheckFailing', '42m', 'below threshold: 0.025/s on 3 pods < 0.05/s');

/** Stale answers on two CoreDNS pods from 30m; with `upstreamFailing`, pfSense's health checks fail meanwhile too. */
const stale = (perSecond: number, upstreamFailing = true) => [
  ...[1, 2].map((pod) =>
    series('coredns_cache_served_stale_total', { ...corednsPod(pod), server: 'dns://:53', zones: '.', view: '' }, counter(i, 0, [0, '30m'], [perSecond, '30m'])),
  ),
  series('coredns_proxy_healthcheck_failures_total', { ...corednsPod(1), proxy_name: 'forward', to: pfsense }, counter(i, 0, [0, '30m'], [upstreamFailing ? 0.2 : 0, '30m'])),
];

suite
  .case('CoreDNSServingStale fires: 0.5 stale answers/s from 30m', rules, { input: stale(0.25) })
  .fires('CoreDNSServingStale', '46m', {
    summary: 'CoreDNS: 0.50 stale answers/s; its upstream is failing',
    description:
      'CoreDNS serves 0.50 stale answers/s. serve_stale keeps cached names resolving for up to 24 h while the upstream ' +
      'is down, so nothing looks broken until the cache runs out or a new name is asked.',
  })
  // Active from 32m, firing from 42m.
  .pending('CoreDNSServingStale', '38m');

suite
  .case('CoreDNSServingStale fires: 0.017 stale answers/s (just over the threshold)', rules, { input: stale(1 / 120) })
  .fires('CoreDNSServingStale', '46m', {
    summary: 'CoreDNS: 0.02 stale answers/s; its upstream is failing',
    description:
      'CoreDNS serves 0.02 stale answers/s. serve_stale keeps cached names resolving for up to 24 h while the upstream ' +
      'is down, so nothing looks broken until the cache runs out or a new name is asked.',
  });

suite
  .case('CoreDNSServingStale quiet: 0.5 stale answers/s while every upstream passes its health checks (background refreshes)', rules, { input: stale(0.25, false) })
  .neverActive('CoreDNSServingStale', '46m', 'serve_stale answers stale while it refreshes; the upstream is fine');

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
const replicasSummary = (n: number) => `CoreDNS in ${c.coredns.namespace}: ${n} pod(s) available or healthy, needs ${c.coredns.minReplicas}`;
const replicasText = (n: number) =>
  `CoreDNS in ${c.coredns.namespace} has ${n} available/healthy pod(s), below the ${c.coredns.minReplicas} replicas or its PDB minimum. One more node ` +
  'loss or eviction leaves cluster DNS unanswered.';

suite
  .case('CoreDNSReplicasBelowMinimum fires: 2 of 3 replicas available from 30m', rules, {
    input: [corednsAvailable(gauge(i, [3, '30m'], [2, '30m']))],
  })
  .fires('CoreDNSReplicasBelowMinimum', '43m', { labels: corednsDeployment, summary: replicasSummary(2), description: replicasText(2) });

suite
  .case('CoreDNSReplicasBelowMinimum quiet: scaled up to 4 replicas', rules, { input: [corednsAvailable(gauge(i, [3, '30m'], [4, '30m']))] })
  .neverActive('CoreDNSReplicasBelowMinimum', '43m', 'more replicas than the minimum');

suite
  .case('CoreDNSReplicasBelowMinimum fires: the PDB has 1 healthy pod where it needs 2', rules, { input: pdb(gauge(i, [3, '30m'], [1, '30m']), gauge(i, [2, '1h'])) })
  .fires('CoreDNSReplicasBelowMinimum', '43m', { labels: corednsPdb, summary: replicasSummary(1), description: replicasText(1) });

suite
  .case('CoreDNSReplicasBelowMinimum quiet: the PDB has 3 healthy pods where it needs 2', rules, { input: pdb(gauge(i, [3, '1h']), gauge(i, [2, '1h'])) })
  .neverActive('CoreDNSReplicasBelowMinimum', '43m', 'the PDB is satisfied');

suite
  .case('CoreDNSReplicasBelowMinimum quiet: a rolling update leaves 2 replicas for 6m', rules, {
    input: [corednsAvailable(gauge(i, [3, '30m'], [2, '6m'], [3, '24m']))],
  })
  .pending('CoreDNSReplicasBelowMinimum', '35m', corednsDeployment)
  .quiet('CoreDNSReplicasBelowMinimum', '43m', 'shorter than for: 6m < 10m');

const lastReplicaText = (n: number) =>
  `CoreDNS in ${c.coredns.namespace} has ${n} available pod(s) of ${c.coredns.minReplicas}. Every DNS lookup of every pod ` +
  'goes through what is left; one more node loss, eviction or crash and no name in the cluster resolves.';

suite
  .case('CoreDNSAtMostOneReplica fires: 1 replica left from 30m', rules, { input: [corednsAvailable(gauge(i, [3, '30m'], [1, '30m']))] })
  // Active from 30m, firing from 35m.
  .fires('CoreDNSAtMostOneReplica', '37m', {
    labels: corednsDeployment,
    summary: `CoreDNS in ${c.coredns.namespace}: 1 pod(s) available; one more loss and cluster DNS is down`,
    description: lastReplicaText(1),
  })
  .pending('CoreDNSAtMostOneReplica', '33m', corednsDeployment);

suite
  .case('CoreDNSAtMostOneReplica quiet: 2 replicas left is degraded, not critical', rules, { input: [corednsAvailable(gauge(i, [3, '30m'], [2, '30m']))] })
  .neverActive('CoreDNSAtMostOneReplica', '57m', 'two replicas still serve');

/** coredns_forward_healthcheck_broken_total on two CoreDNS pods: each query that finds every upstream unhealthy counts. */
const broken = (values: string) => [1, 2].map((pod) => series('coredns_forward_healthcheck_broken_total', corednsPod(pod), values));

suite
  .case('CoreDNSAllUpstreamsDown fires: every upstream unhealthy from 30m', rules, { input: broken(counter(i, 0, [0, '30m'], [0.5, '30m'])) })
  // Active from 32m (the first increase in the 5m window), firing from 37m.
  .fires('CoreDNSAllUpstreamsDown', '40m', {
    description:
      `CoreDNS found every upstream of a forward block unhealthy at once 300 time(s) in the last ${c.coredns.rateWindow}. ` +
      'It still tries one at random, but names not in its cache (served stale for up to 24 h) mostly fail for pods.',
  })
  .pending('CoreDNSAllUpstreamsDown', '36m');

suite
  .case('CoreDNSAllUpstreamsDown quiet: the counter exists but never moves', rules, { input: broken(counter(i, 7, [0, '1h'])) })
  .neverActive('CoreDNSAllUpstreamsDown', '56m', 'no query found every upstream down');
