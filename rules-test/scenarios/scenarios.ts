// Incident replays: each scenario is one incident as a timeline, turned into the series Prometheus would
// have held in two worlds:
//   - ours:   this package's exporters and zone-sync job (metrics/catalogue.ts) plus upstream metrics;
//   - legacy: what the cluster runs today (docs/design/legacy-findings.md): the dns-anomaly CronJob
//             (broken: it reads zeros), the old zone-sync CronJob (pushes counts, last_run, and a status
//             that ignores Technitium's HTTP-200 errors) plus the same upstream metrics.
// Both worlds are derived from the same timeline below, so the two rule sets see the same incident.
// Used by run.ts (time-to-detect table) and by the regression cases (cases/regressions.ts).
import { counter, gauge, series, seconds, type InputSeries } from '../builder.ts';
import { dnsDefaults } from '../../alerts/dns/config.ts';
import { zoneSyncGroup } from '../../alerts/dns/queries.ts';
import type { Duration } from '../../core/rules.ts';

export interface Scenario {
  readonly id: string;
  readonly title: string;
  /**
   * An incident (ours must detect it, the legacy rules do not), or a healthy stretch that must fire nothing at
   * all (a guard against alerts that would page on normal behaviour). Default: incident.
   */
  readonly kind?: 'incident' | 'healthy';
  /** What happened, one or two sentences (goes into docs/incident-replays.md). */
  readonly story: string;
  /** When the incident begins, from the start of the replay (0: it begins with the replay, nothing before). */
  readonly start: Duration;
  /** How long the replay runs. */
  readonly end: Duration;
  /**
   * When users are hurt (e.g. the volume is full), from the start of the replay, and how long before that our
   * first alert must fire.
   */
  readonly damage?: { readonly at: Duration; readonly what: string; readonly leadAtLeast: Duration };
  /**
   * How often promtool evaluates the rules (default: the cluster's 1m). A long replay whose inputs change every
   * scrape (2m) or slower may be evaluated less often: promtool spends its time on evaluations, and one between
   * two samples sees nothing new (only `for` is then counted in coarser steps).
   */
  readonly evaluationInterval?: Duration;
  readonly ours: { readonly input: readonly InputSeries[]; readonly watch: readonly string[] };
  readonly legacy: { readonly input: readonly InputSeries[]; readonly watch: readonly string[]; readonly sees: string };
}

const i = '2m' as const; // scrape interval: every series is sampled this often

const exporterTarget = { job: 'kubernetes-service-endpoints', instance: '10.42.1.17:9274', namespace: 'monitoring', service: 'technitium-exporter' };
const servers = ['primary', 'secondary', 'tertiary'] as const;
type Server = (typeof servers)[number];
const tx = (server: Server, extra: Record<string, string> = {}) => ({
  server,
  role: server === 'primary' ? 'primary' : 'replica',
  ...exporterTarget,
  ...extra,
});
const corednsPod = (n: number) => ({ job: 'kubernetes-service-endpoints', namespace: 'kube-system', service: 'kube-dns', instance: `10.42.${n}.3:9153` });
const pfsense = '192.168.1.1:53';

/** Prometheus has been up for a day: the legacy CoreDNSErrors guard `time() - process_start_time_seconds > 900` holds. */
const prometheusProcess = series('process_start_time_seconds', { job: 'prometheus', instance: 'localhost:9090' }, '-86400x300');

/** Samples from the start to `d` (inclusive of the start sample). */
const span = (d: Duration) => seconds(d) / seconds(i);

// ---------------------------------------------------------------------------------------------------------
// 1. pfSense upstream flap

/** Minutes of the flap from its start: pfSense fails for 12m, recovers for 6m, three times. */
const flap: readonly [boolean, Duration][] = [
  [true, '12m'], [false, '6m'], [true, '12m'], [false, '6m'], [true, '12m'],
];
/** A counter that rises `down` per second while pfSense fails and `up` per second otherwise. */
function flapCounter(start: Duration, end: Duration, up: number, down: number): string {
  const segments: [number, Duration][] = [[up, start]];
  let used = 0;
  for (const [failing, d] of flap) {
    segments.push([failing ? down : up, d]);
    used += seconds(d);
  }
  segments.push([up, `${seconds(end) - seconds(start) - used}s` as Duration]);
  return counter(i, 0, ...segments);
}

function pfsenseFlap(): Scenario {
  const start = '1h';
  const end = '3h';
  // The same CoreDNS counters exist in both worlds (CoreDNS >= 1.11 exports no coredns_forward_responses_total).
  const coredns = [1, 2].flatMap((pod) => [
    series('coredns_proxy_request_duration_seconds_count', { ...corednsPod(pod), proxy_name: 'forward', to: pfsense, rcode: 'NOERROR' }, flapCounter(start, end, 1, 0.2)),
    series('coredns_proxy_request_duration_seconds_count', { ...corednsPod(pod), proxy_name: 'forward', to: pfsense, rcode: 'SERVFAIL' }, flapCounter(start, end, 0, 0.8)),
    series('coredns_cache_served_stale_total', { ...corednsPod(pod), server: 'dns://:53', zones: '.', view: '' }, flapCounter(start, end, 0, 0.3)),
    // SERVFAILs that reach clients: uncached names while pfSense fails (cached ones are served stale).
    series('coredns_dns_responses_total', { ...corednsPod(pod), server: 'dns://:53', zone: '.', view: '', rcode: 'SERVFAIL', plugin: 'forward' }, flapCounter(start, end, 0, 0.5)),
  ]);
  const healthchecks = [1, 2, 3].map((pod) =>
    series('coredns_proxy_healthcheck_failures_total', { ...corednsPod(pod), proxy_name: 'forward', to: pfsense }, flapCounter(start, end, 0, 0.2)),
  );
  return {
    id: 'pfsense-flap',
    title: 'pfSense upstream flap',
    story:
      'pfSense, the upstream of CoreDNS, fails three times for 12 minutes with 6 minutes of recovery between: forwarded ' +
      'queries come back SERVFAIL, the 5-second health checks fail on every CoreDNS pod, and CoreDNS answers from stale cache.',
    start,
    end,
    ours: { input: [...coredns, ...healthchecks], watch: ['CoreDNSForwardFailing', 'CoreDNSForwardHealthcheckFailing', 'CoreDNSServingStale'] },
    legacy: {
      input: [...coredns, ...healthchecks, prometheusProcess],
      watch: ['CoreDNSForwardFailureRate', 'CoreDNSErrors'],
      sees:
        'the same CoreDNS series; its CoreDNSForwardFailureRate reads coredns_forward_responses_total, which CoreDNS ' +
        '>= 1.11 no longer exports, and CoreDNSErrors needs more than 1 SERVFAIL/s on a single series (each pod sends 0.5/s).',
    },
  };
}

// ---------------------------------------------------------------------------------------------------------
// 2 and 3. Zones: a new primary zone, and a zone-sync job that fails every create

/** Runs of a zone-sync CronJob every 30m from 0 until `end`: `ok(t)` says whether the run at t (seconds) succeeded. */
function runs(end: Duration, ok: (t: number) => boolean) {
  const n = seconds(end) / 1800;
  return Array.from({ length: n }, (_, k) => ({ at: k * 1800, ok: ok(k * 1800) }));
}
type Run = ReturnType<typeof runs>[number];
const held = (rs: readonly Run[], value: (r: Run, k: number) => number | '_'): string =>
  gauge(i, ...rs.map((r, k) => [value(r, k), '30m'] as [number | '_', Duration]));

/** Our zone-sync job's pushes (metrics/catalogue.ts, technitium-zone-sync). */
function ourZoneSync(rs: readonly Run[]): InputSeries[] {
  const job = zoneSyncGroup(dnsDefaults);
  const lastOk = (k: number): number | '_' => {
    for (let j = k; j >= 0; j--) if (rs[j]!.ok) return rs[j]!.at;
    return '_';
  };
  return [
    series('technitium_zone_sync_status', job, held(rs, (r) => (r.ok ? 0 : 1))),
    series('push_time_seconds', job, held(rs, (r) => r.at)),
    series('technitium_zone_sync_last_run_timestamp_seconds', job, held(rs, (r) => r.at)),
    series('technitium_zone_sync_last_success_timestamp_seconds', job, held(rs, (_, k) => lastOk(k))),
  ];
}

/**
 * The legacy zone-sync CronJob's pushes: zone counts per instance as seen at each run, a status that is 0
 * whenever Technitium answered HTTP 200 (create errors come back as HTTP 200 with "status":"error", so they
 * count as success: docs/design/legacy-findings.md item 4), and last_run on every run.
 */
function legacyZoneSync(rs: readonly Run[], zonesAt: (server: Server, t: number) => number): InputSeries[] {
  const job = { job: 'technitium-zone-sync' };
  return [
    ...servers.map((s) => series('technitium_zone_count', { ...job, instance: s }, held(rs, (r) => zonesAt(s, r.at)))),
    series('technitium_zone_sync_status', job, held(rs, () => 0)),
    series('technitium_zone_sync_last_run', job, held(rs, (r) => r.at)),
  ];
}

/** The exporter's view: every instance up; each replica lacks the new zone from `created` on. */
function exporterZones(created: number, end: Duration): InputSeries[] {
  const before = created / seconds(i);
  const after = span(end) - before;
  return servers.flatMap((s) => [
    series('technitium_up', tx(s), `1x${span(end)}`),
    series('technitium_zones', tx(s), `12x${before - 1} ${s === 'primary' ? 13 : 12}x${after}`),
    ...(s === 'primary' ? [] : [series('technitium_replica_zones_missing', tx(s), `0x${before - 1} 1x${after}`)]),
  ]);
}

function newZoneNotReplicated(): Scenario {
  const start = '1h';
  const end = '4h';
  const created = seconds(start);
  const rs = runs(end, () => true);
  return {
    id: 'new-zone-not-replicated',
    title: 'A new primary zone that no replica creates',
    story:
      'A zone is added on the primary at the start of the incident; neither replica ever gets it, while the zone-sync ' +
      'runs themselves report success.',
    start,
    end,
    ours: { input: [...exporterZones(created, end), ...ourZoneSync(rs)], watch: ['TechnitiumReplicaMissingZones'] },
    legacy: {
      input: legacyZoneSync(rs, (s, t) => (s === 'primary' && t >= created ? 13 : 12)),
      watch: ['TechnitiumZoneCountMismatch', 'TechnitiumZoneSyncFailed', 'TechnitiumZoneSyncStale'],
      sees:
        'zone counts pushed by its sync job: primary 13, both replicas 12. It compares replicas with each other only ' +
        '(max - min = 0), and the job reports success.',
    },
  };
}

function zoneSyncFailsEveryCreate(): Scenario {
  const start = '1h';
  const end = '4h';
  const created = seconds(start);
  const rs = runs(end, (t) => t < created);
  return {
    id: 'zone-sync-fails-every-create',
    title: 'Zone-sync keeps running but fails every create',
    story:
      'From the start of the incident every zone-sync run fails to create the new zone on the replicas (Technitium ' +
      'answers HTTP 200 with "status":"error"); the CronJob keeps running every 30 minutes.',
    start,
    end,
    ours: {
      input: [...exporterZones(created, end), ...ourZoneSync(rs)],
      watch: ['TechnitiumZoneSyncRunFailed', 'TechnitiumZoneSyncNoRecentSuccess', 'TechnitiumReplicaMissingZones'],
    },
    legacy: {
      input: legacyZoneSync(rs, (s, t) => (s === 'primary' && t >= created ? 13 : 12)),
      watch: ['TechnitiumZoneSyncFailed', 'TechnitiumZoneSyncStale', 'TechnitiumZoneCountMismatch'],
      sees:
        'status 0 (HTTP 200 counts as success), technitium_zone_sync_last_run refreshed by every failed run, and equal ' +
        'replica zone counts.',
    },
  };
}

// ---------------------------------------------------------------------------------------------------------
// 4 and 5. DNS query volume

/**
 * Per-instance query counters: 5/2/1 queries/s, then `during` for `length`, then back. The legacy world sees
 * dns_anomaly_total_queries = 0 throughout: its CronJob calls a route that does not exist with an empty
 * token, Technitium answers HTTP 200 with an error, and `// 0` turns that into a pushed 0 every 15 minutes
 * (docs/design/legacy-findings.md item 1), whatever the real query volume is.
 */
function queryVolume(start: Duration, length: Duration, end: Duration, during: readonly [number, number, number]) {
  const normal = [5, 2, 1] as const;
  const rest = `${(seconds(end) - seconds(start) - seconds(length)) / 60}m` as Duration;
  const ours = servers.map((s, n) =>
    series('technitium_dns_queries_total', tx(s), counter(i, 0, [normal[n]!, start], [during[n]!, length], [normal[n]!, rest])),
  );
  const anomalyJob = { job: 'dns-anomaly' };
  const legacy = ['dns_anomaly_total_queries', 'dns_anomaly_server_failure'].map((m) => series(m, anomalyJob, `0x${span(end)}`));
  return { ours, legacy };
}

// Both start after a day of steady traffic: the alerts compare with the same time a day earlier.
function querySpike(): Scenario {
  const start = '26h';
  const end = '28h';
  const q = queryVolume(start, '40m', end, [40, 2, 1]);
  return {
    id: 'dns-query-spike',
    title: 'DNS query spike',
    story: 'A client loop drives the primary from 5 to 40 queries/s (8 to 43/s in total) for 40 minutes.',
    start,
    end,
    ours: { input: q.ours, watch: ['TechnitiumQuerySpike'] },
    legacy: { input: q.legacy, watch: ['DNSQuerySpike'], sees: 'dns_anomaly_total_queries = 0 (its CronJob pushes zeros).' },
  };
}

function queryDrop(): Scenario {
  const start = '26h';
  const end = '29h';
  const q = queryVolume(start, '2h', end, [0.4, 0.2, 0.2]);
  return {
    id: 'dns-query-drop',
    title: 'DNS query drop',
    story: 'LAN clients stop reaching Technitium for 2 hours: total queries fall from 8/s to 0.8/s (cluster traffic only).',
    start,
    end,
    ours: { input: q.ours, watch: ['TechnitiumQueryRateDropped'] },
    legacy: { input: q.legacy, watch: ['DNSQueryRateDropped'], sees: 'dns_anomaly_total_queries = 0 (its CronJob pushes zeros).' },
  };
}

// ---------------------------------------------------------------------------------------------------------
// 6 and 7. The Authentik outpost's /dev/shm: the 2026-04-18 outage, and a healthy week

const MiB = 1024 * 1024;
const authentikNs = 'authentik';
const outpostPod = 'ak-outpost-authentik-embedded-outpost-587598dc4b-fvzzz'; // the pod of 2026-04-18 (post-mortem)
const publicPod = 'ak-outpost-public-5d8f7c9b4-x2x7q';
const traefik = { job: 'traefik', instance: 'traefik-6d9f8b7c5-abcde' };
const ksm = { job: 'kubernetes-service-endpoints', instance: '10.42.0.9:8080', service: 'kube-state-metrics' };
/** The tmpfs-exporter sidecar in an outpost pod, scraped by `kubernetes-pods` (the pod's labels labelmapped). */
const sidecar = (pod: string) => ({ job: 'kubernetes-pods', instance: '10.42.2.41:9275', namespace: authentikNs, pod, node: 'k8s-node2', app: 'authentik-outpost', mountpoint: '/dev/shm' });
const proxy = (pod: string) => ({ namespace: authentikNs, pod, container: 'proxy' });
const cadvisor = { job: 'kubernetes-nodes-cadvisor', instance: 'k8s-node2', node: 'k8s-node2', id: '/kubepods/burstable/pod587598dc/proxy', image: 'ghcr.io/goauthentik/proxy:2026.2.2', name: 'proxy' };
const protectedRouters = Array.from({ length: 6 }, (_, n) => `websecure-app${n}-app${n}-viktorbarzin-me@kubernetes`);
const routerSeries = (router: string, code: string, values: string) =>
  series('traefik_router_requests_total', { ...traefik, code, method: 'GET', protocol: 'http', router, service: router.replace('websecure-', '').replace('-viktorbarzin-me@kubernetes', '-80@kubernetes') }, values);

/** `from` + `step` a sample until the sample where the value reaches `cap`, then `cap`: the sample index it caps at. */
function rampTo(from: number, step: number, cap: number, total: number): { values: string; capAt: number } {
  const capAt = Math.ceil((cap - from) / step);
  return { values: `${from}+${step}x${capAt - 1} ${cap}x${total - capAt}`, capAt };
}

function authentikOutpostShmFull(): Scenario {
  // The post-mortem's figures: a 64 MiB runtime /dev/shm, ~18 session files a minute of ~1.5 KB each, ~44,000 files
  // when full after ~40 h; then every forward-auth request without a valid cookie got HTTP 400.
  const size = 64 * MiB;
  const perSample = 18 * 1536 * (seconds(i) / 60); // bytes a scrape interval
  const end = '42h';
  const total = span(end);
  const used = rampTo(0, perSample, size, total);
  const fullAt = used.capAt * seconds(i);
  const files = `0+${18 * (seconds(i) / 60)}x${used.capAt - 1} ${18 * (seconds(i) / 60) * used.capAt}x${total - used.capAt}`;
  const full = `${fullAt}s` as Duration;
  const after = `${seconds(end) - fullAt}s` as Duration;
  // Six protected routers, 0.01 requests/s each (Uptime Kuma probes and users): 200 until /dev/shm is full, then
  // 80% 400 (users with a valid cookie still get through).
  const routers = protectedRouters.flatMap((r) => [
    routerSeries(r, '200', counter(i, 0, [0.01, full], [0.002, after])),
    routerSeries(r, '400', counter(i, 0, [0, full], [0.008, after])),
  ]);
  const workingSet = rampTo(60 * MiB, perSample, 60 * MiB + size, total).values;
  const common = [
    ...routers,
    // The browser's /outpost.goauthentik.io/ callbacks after a login: they stop when nobody gets a redirect any more.
    series('traefik_service_requests_total', { ...traefik, code: '302', method: 'GET', protocol: 'http', service: 'authentik-ak-outpost-authentik-embedded-outpost-9000@kubernetes' }, counter(i, 0, [0.002, full], [0, after])),
    series('traefik_entrypoint_requests_total', { ...traefik, code: '401', method: 'GET', protocol: 'http', entrypoint: 'websecure' }, counter(i, 0, [0.02, end])),
    series('traefik_entrypoint_requests_total', { ...traefik, code: '400', method: 'GET', protocol: 'http', entrypoint: 'websecure' }, counter(i, 0, [0, full], [0.048, after])),
    series('container_memory_working_set_bytes', { ...cadvisor, ...proxy(outpostPod) }, workingSet),
    series('kube_pod_container_resource_limits', { ...ksm, ...proxy(outpostPod), uid: 'a1b2c3d4-0000-4000-8000-000000000418', node: 'k8s-node2', resource: 'memory', unit: 'byte' }, `${256 * MiB}x${total}`),
  ];
  return {
    id: 'authentik-outpost-shm-full',
    title: "Authentik outpost's /dev/shm fills (2026-04-18)",
    story:
      "The embedded outpost's 64 MiB /dev/shm (the runtime's default, no emptyDir) fills with session files from the pod's start: " +
      '~18 a minute of ~1.5 KB (the post-mortem\'s figures; tmpfs charges a whole 4 KiB page per file, so the bytes statfs reports ' +
      'grow faster than this), ~44,000 files when it is full after ~40 h. From then every forward-auth ' +
      'request without a valid cookie gets HTTP 400 and the protected services refuse every login. Our side has the tmpfs-exporter ' +
      'sidecar in the outpost pod.',
    start: '0s',
    end,
    damage: { at: full, what: '/dev/shm full (ENOSPC), forward-auth answers 400', leadAtLeast: '4h' },
    evaluationInterval: i, // once per scrape: 42 h at 1m would be most of the replay's run time
    ours: {
      input: [
        series('tmpfs_volume_size_bytes', sidecar(outpostPod), `${size}x${total}`),
        series('tmpfs_volume_used_bytes', sidecar(outpostPod), used.values),
        series('tmpfs_volume_directory_entries', sidecar(outpostPod), files),
        ...common,
      ],
      watch: ['AuthentikOutpostSessionFilesInShm', 'AuthentikOutpostShmFillingUp', 'AuthentikOutpostShmFullSoon', 'MemoryBackedVolumeFillingUp', 'AuthentikForwardAuth400s', 'AuthentikOutpostMemoryNearLimit'],
    },
    legacy: {
      input: common,
      watch: ['AuthentikOutpostDevShmFull', 'AuthentikOutpostMemoryHigh', 'AuthentikOutpostMemoryCritical', 'AuthentikOutpostForwardAuth400Spike', 'AuthentikForwardAuthFallbackActive'],
      sees:
        'no container_fs_usage_bytes at all (cAdvisor reports no filesystem for a tmpfs and the keep-list drops container_fs_.*); a ' +
        'working set of at most 124 MiB against its fixed 1.5/1.8 GiB; no 400 on the outpost\'s Traefik service (forward-auth ' +
        'requests never pass it; its browser callbacks just stop); and 0.02 401/s on websecure against its 5/s.',
    },
  };
}

/** A triangle wave: from `low` up to `high` over `up`, back down over `down`, `days` times (values every scrape). */
function daily(low: number, high: number, up: Duration, down: Duration, days: number): string {
  const u = span(up);
  const d = span(down);
  const rise = (high - low) / u;
  const fall = (high - low) / d;
  return Array.from({ length: days }, () => `${low}+${rise}x${u - 1} ${high}-${fall}x${d - 1}`).join(' ') + ` ${low}`;
}

function outpostShmDailyCycle(): Scenario {
  // The public outpost keeps guest sessions in files in its 64 MiB /dev/shm: they pile up by day and expire by
  // night (the outpost removes expired session files every 5 minutes, goauthentik/authentik PR #15798).
  const size = 64 * MiB;
  const days = 7;
  const end = `${24 * days}h` as Duration;
  const total = span(end);
  const routers = [
    ...protectedRouters.map((r) => routerSeries(r, '200', counter(i, 0, [0.01, end]))),
    // One app answers 5% 400 on its own all week (a client sending bad requests): one router is no forward-auth failure.
    routerSeries(protectedRouters[0]!, '400', counter(i, 0, [0.0005, end])),
  ];
  const input = [
    series('tmpfs_volume_size_bytes', sidecar(publicPod), `${size}x${total}`),
    series('tmpfs_volume_used_bytes', sidecar(publicPod), daily(0.1 * size, 0.55 * size, '14h', '10h', days)),
    series('tmpfs_volume_directory_entries', sidecar(publicPod), daily(4000, 22000, '14h', '10h', days)),
    ...routers,
  ];
  return {
    id: 'outpost-shm-daily-cycle',
    kind: 'healthy',
    title: "A week of an outpost's /dev/shm filling by day and emptying by night",
    story:
      "The public outpost's 64 MiB /dev/shm goes from 10% to 55% used every day (guest sessions, 4,000 to 22,000 files) and back " +
      'overnight as sessions expire, for 7 days; one app answers 5% of its requests with 400 all week. Nothing is wrong: nothing may fire.',
    start: '0s',
    end,
    evaluationInterval: '10m', // a week; the signals change over hours
    ours: {
      input,
      watch: ['MemoryBackedVolumeFillingUp', 'MemoryBackedVolumeFullSoon', 'AuthentikOutpostShmFillingUp', 'AuthentikOutpostShmFullSoon', 'AuthentikOutpostSessionFilesInShm', 'AuthentikForwardAuth400s'],
    },
    legacy: {
      input: routers,
      watch: ['AuthentikOutpostDevShmFull', 'AuthentikOutpostForwardAuth400Spike'],
      sees: 'the same Traefik routers, and nothing of /dev/shm.',
    },
  };
}

export const scenarios: readonly Scenario[] = [
  pfsenseFlap(),
  newZoneNotReplicated(),
  zoneSyncFailsEveryCreate(),
  querySpike(),
  queryDrop(),
  authentikOutpostShmFull(),
  outpostShmDailyCycle(),
];

export function scenario(id: string): Scenario {
  const s = scenarios.find((x) => x.id === id);
  if (!s) throw new Error(`no scenario ${id}`);
  return s;
}
