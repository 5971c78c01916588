// Rule unit tests of the Authentik domain (alerts/authentik/alerts.ts): for every alert a case where it fires
// (labels and rendered annotations asserted) and cases where it stays quiet just below each threshold, outside
// each guard, or shorter than `for`. Series are named and labelled as metrics/catalogue.ts and their producers
// make them, with the target labels each scrape job adds (cluster/scrape-configs.yml):
//   tmpfs-exporter node mode  kubernetes-service-endpoints: job, instance, namespace (monitoring), service, node
//   tmpfs-exporter sidecar    kubernetes-pods: job, instance, namespace and pod of the outpost, node, pod labels
//   kube-state-metrics        kubernetes-service-endpoints (honor_labels: its own namespace, pod, node win)
//   Traefik                   traefik: job, instance (the Traefik pod)
//   blackbox                  blackbox-authentik-walloff: job, instance (the URL), service (static)
// Eval times follow the window-edge rule (builder.ts checkTime): rules with 10m / 30m / 1h windows are asserted
// at odd minutes, rules with 5m windows at even minutes (inputs arrive every 2m).
import { counter, gauge, ourRules, RuleTestSuite, seconds, series, type InputSeries } from '../builder.ts';
import type { Duration } from '../../core/duration.ts';
import { authentikDefaults as c } from '../../alerts/authentik/config.ts';
import { percent } from '../../alerts/authentik/alerts.ts';

export const suite = new RuleTestSuite('authentik').expect({
  // Summaries are templates here: fires() writes each one out as rendered.
  MemoryBackedVolumeFillingUp: { severity: 'warning', summary: 'tmpfs {{ $labels.volume }} of {{ $labels.namespace }}/{{ $labels.pod }}: {{ $value | humanizePercentage }} full' },
  MemoryBackedVolumeFullSoon: { severity: 'warning', summary: 'tmpfs {{ $labels.volume }} of {{ $labels.namespace }}/{{ $labels.pod }}: full in {{ $value | humanizeDuration }}' },
  TmpfsExporterCannotRead: { severity: 'warning', summary: 'tmpfs-exporter {{ $labels.instance }}: cannot read volumes ({{ $labels.reason }})' },
  AuthentikOutpostShmFillingUp: { severity: 'critical', summary: 'Authentik outpost {{ $labels.pod }}: /dev/shm {{ $value | humanizePercentage }} full' },
  AuthentikOutpostShmFullSoon: { severity: 'critical', summary: 'Authentik outpost {{ $labels.pod }}: /dev/shm full in {{ $value | humanizeDuration }}' },
  AuthentikOutpostShmUnwatched: { severity: 'warning', summary: 'Authentik outpost {{ $labels.pod }}: no tmpfs-exporter reports its /dev/shm' },
  AuthentikOutpostSessionFilesInShm: { severity: 'warning', summary: 'Authentik outpost {{ $labels.pod }}: {{ $value }} files in /dev/shm, sessions not in PostgreSQL' },
  AuthentikOutpostMemoryNearLimit: { severity: 'warning', summary: 'Authentik outpost {{ $labels.pod }}: memory at {{ $value | humanizePercentage }} of its limit' },
  AuthentikOutpostRestartingOften: { severity: 'warning', summary: 'Authentik outpost {{ $labels.pod }}: {{ $value | printf "%.0f" }} restarts in 30m' },
  AuthentikForwardAuth400s: { severity: 'critical', summary: 'Authentik forward-auth: {{ $value }} Traefik routers answer mostly HTTP 400' },
  AuthentikForwardAuthEmergencyAccess: { severity: 'critical', summary: 'Authentik forward-auth: Emergency Access fallback, {{ $value }} routers answer mostly 401' },
  AuthentikServerReplicasBelowDesired: { severity: 'warning', summary: 'Authentik server authentik/goauthentik-server: {{ $value }} replica(s) unavailable' },
  AuthentikServerDown: { severity: 'critical', summary: 'Authentik server authentik/goauthentik-server: no available replica' },
  AuthentikUIErrorRatioHigh: { severity: 'warning', summary: 'Authentik UI: {{ $value | humanizePercentage }} of requests to its / router get 502/503/504' },
  PublicPathRedirectsToAuthentik: { severity: 'warning', summary: 'Public path walled off by Authentik: {{ $labels.service }} ({{ $labels.instance }})' },
});
const rules = ourRules();
const i = suite.cfg.scrapeInterval; // every input arrives once per scrape interval (2m)
const step = seconds(i);
const v = c.volumes;
const o = c.outposts;
const a = c.authentik;

// --- values as Prometheus renders them in templates ---------------------------------------------------------

/** Prometheus's humanizePercentage: the ratio x 100 with %.4g, then "%". */
const pct = (ratio: number) => `${Number((ratio * 100).toPrecision(4))}%`;
/** Prometheus's humanizeDuration for a value of at least 1 s: whole seconds, largest unit first. */
function humanizeDuration(sec: number): string {
  const d = Math.floor(sec);
  const [days, hours, minutes, s] = [Math.floor(d / 86400), Math.floor(d / 3600) % 24, Math.floor(d / 60) % 60, d % 60];
  if (days) return `${days}d ${hours}h ${minutes}m ${s}s`;
  if (hours) return `${hours}h ${minutes}m ${s}s`;
  if (minutes) return `${minutes}m ${s}s`;
  return `${s}s`;
}

// --- labels as Prometheus stores them ---------------------------------------------------------------------

const node = 'k8s-node2';
/** The DaemonSet's target (kubernetes-service-endpoints). */
const exporterTarget = { job: 'kubernetes-service-endpoints', instance: '10.42.2.21:9275', namespace: suite.cfg.namespace, service: c.programs.name, node };
/** The same node's exporter during a rollout: a second pod reporting the same volumes. */
const exporterTarget2 = { ...exporterTarget, instance: '10.42.2.22:9275' };
const ksm = { job: 'kubernetes-service-endpoints', instance: '10.42.0.9:8080', service: 'kube-state-metrics' };

interface Pod {
  readonly namespace: string;
  readonly pod: string;
  readonly uid: string;
}
const embedded: Pod = { namespace: a.namespace, pod: `${a.outpostDeploymentPrefix}${a.outposts[0]!.name}-7c9d8f6b5-k2x4p`, uid: '3f0c1e2d-4b5a-4c6d-8e7f-9a0b1c2d3e01' };
const embedded2: Pod = { namespace: a.namespace, pod: `${a.outpostDeploymentPrefix}${a.outposts[0]!.name}-7c9d8f6b5-q8w7z`, uid: '3f0c1e2d-4b5a-4c6d-8e7f-9a0b1c2d3e02' };
const publicOutpost: Pod = { namespace: a.namespace, pod: `${a.outpostDeploymentPrefix}${a.outposts[1]!.name}-5d8f7c9b4-x2x7q`, uid: '5a6b7c8d-9e0f-4a1b-8c2d-3e4f5a6b7c03' };
const browser: Pod = { namespace: 'chrome-service', pod: 'browser-pool-0', uid: '8e9f0a1b-2c3d-4e5f-9a6b-7c8d9e0f1a04' };

const podInfo = (p: Pod) =>
  series('kube_pod_info', { ...ksm, namespace: p.namespace, pod: p.pod, uid: p.uid, node, host_ip: '10.0.20.12', pod_ip: '10.42.2.40', created_by_kind: 'ReplicaSet', created_by_name: p.pod.replace(/-[a-z0-9]+$/, ''), host_network: 'false' }, gauge(i, [1, '2h']));

/** A node-mode volume series (pod_uid, volume). */
const nodeSeries = (metric: string, p: Pod, volume: string, values: string, target = exporterTarget) => series(metric, { ...target, pod_uid: p.uid, volume }, values);
/** A path-mode series from the sidecar in pod p, scraped by kubernetes-pods (pod labels labelmapped). */
const sidecarTarget = (p: Pod) => ({
  job: 'kubernetes-pods',
  instance: '10.42.2.41:9275',
  namespace: p.namespace,
  pod: p.pod,
  node,
  app: 'authentik-outpost',
  app_kubernetes_io_name: 'authentik-outpost-proxy',
  goauthentik_io_outpost_type: 'proxy',
});
const pathSeries = (metric: string, p: Pod, values: string, mountpoint = c.programs.sidecar.path) => series(metric, { ...sidecarTarget(p), mountpoint }, values);

const MiB = 1024 * 1024;
const GiB = 1024 * MiB;

/** promtool notation of a gauge moving linearly by `perSecond` from `start`, sampled every scrape for `d`. */
function ramp(start: number, perSecond: number, d: Duration = '2h'): string {
  const n = seconds(d) / step - 1;
  const inc = perSecond * step;
  return inc >= 0 ? `${start}+${inc}x${n}` : `${start}-${-inc}x${n}`;
}

/** Used and size series of one volume, in node mode (reported by `targets`) or path mode. */
function volume(mode: 'node' | 'path', p: Pod, name: string, size: number, used: string, targets = [exporterTarget]): InputSeries[] {
  if (mode === 'path') return [pathSeries('tmpfs_volume_size_bytes', p, gauge(i, [size, '2h'])), pathSeries('tmpfs_volume_used_bytes', p, used)];
  return targets.flatMap((t) => [nodeSeries('tmpfs_volume_size_bytes', p, name, gauge(i, [size, '2h']), t), nodeSeries('tmpfs_volume_used_bytes', p, name, used, t)]);
}

/** The labels a volume alert carries: namespace, pod, volume (and pod_uid in node mode, mountpoint in path mode). */
const volumeLabels = (mode: 'node' | 'path', p: Pod, name: string): Record<string, string> =>
  mode === 'node' ? { namespace: p.namespace, pod: p.pod, pod_uid: p.uid, volume: name } : { namespace: p.namespace, pod: p.pod, mountpoint: name, volume: name };

// --- MemoryBackedVolumeFillingUp ---------------------------------------------------------------------------

const fillingText = (p: Pod, name: string, ratio: number) => ({
  summary: `tmpfs ${name} of ${p.namespace}/${p.pod}: ${pct(ratio)} full`,
  description:
    `The memory-backed (tmpfs) volume ${name} of pod ${p.pod} in namespace ${p.namespace} is ${pct(ratio)} full (threshold ${percent(v.fillingUpRatio)}). ` +
    'When it is full, every write there fails with ENOSPC: whatever the pod keeps in it (sessions, caches, browser shared memory) stops working, ' +
    "and what it holds counts against the pod's memory limit.",
});

for (const mode of ['node', 'path'] as const) {
  // node mode: the browser pool's 1 GiB /dev/shm (reported twice: two exporter pods during a rollout);
  // path mode: the public outpost's 64 MiB runtime /dev/shm, from its sidecar.
  const [p, name, size] = mode === 'node' ? [browser, 'dshm', GiB] : [publicOutpost, c.programs.sidecar.path, 64 * MiB];
  const input = (ratio: number) => [
    ...volume(mode, p, name, size, gauge(i, [size / 2, '30m'], [size * ratio, '90m']), [exporterTarget, exporterTarget2]),
    podInfo(p),
  ];
  suite
    .case(`MemoryBackedVolumeFillingUp fires (${mode} mode): the volume goes from 50% to 85% at 30m`, rules, { input: input(0.85) })
    // Active from 30m, firing from 35m.
    .fires('MemoryBackedVolumeFillingUp', '37m', { labels: volumeLabels(mode, p, name), ...fillingText(p, name, 0.85) })
    .pending('MemoryBackedVolumeFillingUp', '33m', volumeLabels(mode, p, name));
  suite
    .case(`MemoryBackedVolumeFillingUp quiet (${mode} mode): the volume goes from 50% to 70%`, rules, { input: input(0.7) })
    .neverActive('MemoryBackedVolumeFillingUp', '59m', `below threshold: 70% < ${percent(v.fillingUpRatio)}`);
}

suite
  .case('MemoryBackedVolumeFillingUp quiet: a tmpfs without a size limit (statfs reports 0 blocks)', rules, {
    input: [...volume('node', browser, 'scratch', 0, gauge(i, [0, '1h'])), podInfo(browser)],
  })
  .neverActive('MemoryBackedVolumeFillingUp', '59m', '0 of 0 is no share: an unlimited tmpfs is bounded by the memory limit instead');

// --- MemoryBackedVolumeFullSoon ----------------------------------------------------------------------------

/**
 * A volume filling at `perSecond` that is full `fullAfter` seconds after the start (a .5 s fraction keeps the
 * rendered whole seconds clear of float noise), and the seconds to full Prometheus computes at eval time `at`:
 * (size - the last sample) / deriv.
 */
function filling(size: number, perSecond: number, fullAfter: number) {
  const start = size - perSecond * fullAfter;
  const lastSample = (at: Duration) => Math.floor(seconds(at) / step) * step;
  return { values: ramp(start, perSecond), share: (at: Duration) => (start + perSecond * lastSample(at)) / size, toFull: (at: Duration) => fullAfter - lastSample(at) };
}

const fullSoonText = (p: Pod, name: string, toFull: number) => ({
  summary: `tmpfs ${name} of ${p.namespace}/${p.pod}: full in ${humanizeDuration(toFull)}`,
  description:
    `At its trend over the last ${v.trendWindow}, the memory-backed (tmpfs) volume ${name} of pod ${p.pod} in namespace ${p.namespace} is full in about ` +
    `${humanizeDuration(toFull)} (within ${v.fullSoonHorizon}). Then every write there fails with ENOSPC. Volumes less than ${percent(v.fullSoonMinRatio)} ` +
    'used are left out: a burst into a nearly empty volume extrapolates to anything.',
});

for (const mode of ['node', 'path'] as const) {
  const [p, name, size] = mode === 'node' ? [browser, 'dshm', GiB] : [publicOutpost, c.programs.sidecar.path, 64 * MiB];
  // size/16384 per second: a quarter of the volume every ~68 minutes. Full 3h00m00.5s after the start, at 34% used.
  const rate = size / 16384;
  const fill = filling(size, rate, 10800.5);
  suite
    .case(`MemoryBackedVolumeFullSoon fires (${mode} mode): 34% used, growing a quarter an hour, full in 3h`, rules, { input: [...volume(mode, p, name, size, fill.values), podInfo(p)] })
    // Active from 2m (two samples make a trend), firing from 17m; at 21m it is 42% used (between the 20% guard and 3x it).
    .fires('MemoryBackedVolumeFullSoon', '21m', { labels: volumeLabels(mode, p, name), ...fullSoonText(p, name, fill.toFull('21m')) })
    .pending('MemoryBackedVolumeFullSoon', '11m', volumeLabels(mode, p, name));
  suite
    .case(`MemoryBackedVolumeFullSoon quiet (${mode} mode): 60% used and steady`, rules, { input: [...volume(mode, p, name, size, gauge(i, [size * 0.6, '2h'])), podInfo(p)] })
    .neverActive('MemoryBackedVolumeFullSoon', '59m', 'a flat trend never reaches the size');
  // A nearly empty volume filling fast: predict_linear reaches the size from 33m on (12% used), but it stays
  // under the 20% guard until 54m.
  suite
    .case(`MemoryBackedVolumeFullSoon quiet (${mode} mode): a burst into an empty volume, under 20% used`, rules, { input: [...volume(mode, p, name, size, ramp(0, rate)), podInfo(p)] })
    .neverActive('MemoryBackedVolumeFullSoon', '51m', `nearly empty: ${pct(filling(size, rate, 16384).share('51m'))} used < ${percent(v.fullSoonMinRatio)}`);
}

// --- TmpfsExporterCannotRead -------------------------------------------------------------------------------

const errors = (reason: string, values: string) => series('tmpfs_exporter_poll_errors_total', { ...exporterTarget, reason }, values);
suite
  .case('TmpfsExporterCannotRead fires: every poll fails to list the kubelet pods directory (2 a minute)', rules, {
    input: [errors('pods_dir', counter(i, 0, [1 / 30, '1h'])), errors('statfs', counter(i, 0, [0, '1h']))],
  })
  // Active from 2m, firing from 32m.
  .fires('TmpfsExporterCannotRead', '35m', {
    labels: { namespace: exporterTarget.namespace, service: exporterTarget.service, node, instance: exporterTarget.instance, reason: 'pods_dir' },
    summary: `tmpfs-exporter ${exporterTarget.instance}: cannot read volumes (pods_dir)`,
    description:
      `The tmpfs-exporter at ${exporterTarget.instance} (node ${node}) keeps failing to read memory-backed volumes (pods_dir: pods_dir is the kubelet ` +
      'pods directory or a pod folder, statfs a volume, readdir its entries). Volumes it cannot read have no series, so the MemoryBackedVolume and ' +
      'outpost /dev/shm alerts cannot fire for them.',
  })
  .pending('TmpfsExporterCannotRead', '25m', { namespace: exporterTarget.namespace, service: exporterTarget.service, node, instance: exporterTarget.instance, reason: 'pods_dir' });
suite
  .case('TmpfsExporterCannotRead fires: a sidecar whose --path is not mounted', rules, {
    input: [series('tmpfs_exporter_poll_errors_total', { ...sidecarTarget(publicOutpost), reason: 'statfs' }, counter(i, 0, [1 / 30, '1h']))],
  })
  .fires('TmpfsExporterCannotRead', '35m', {
    labels: { namespace: publicOutpost.namespace, pod: publicOutpost.pod, node, instance: sidecarTarget(publicOutpost).instance, reason: 'statfs' },
    summary: `tmpfs-exporter ${sidecarTarget(publicOutpost).instance}: cannot read volumes (statfs)`,
    description:
      `The tmpfs-exporter at ${sidecarTarget(publicOutpost).instance} (node ${node}, pod ${publicOutpost.pod}) keeps failing to read memory-backed volumes ` +
      '(statfs: pods_dir is the kubelet pods directory or a pod folder, statfs a volume, readdir its entries). Volumes it cannot read have no series, ' +
      'so the MemoryBackedVolume and outpost /dev/shm alerts cannot fire for them.',
  });
suite
  .case('TmpfsExporterCannotRead quiet: the errors stopped at 10m (a pod deleted mid-poll, a restart)', rules, {
    input: [errors('statfs', counter(i, 0, [1 / 30, '10m'], [0, '50m']))],
  })
  .quiet('TmpfsExporterCannotRead', '45m', 'shorter than for: errors for 10m < 30m');

// --- The outposts' /dev/shm --------------------------------------------------------------------------------

const shmFilling = (p: Pod, ratio: number) => ({
  summary: `Authentik outpost ${p.pod}: /dev/shm ${pct(ratio)} full`,
  description:
    `The /dev/shm of Authentik outpost pod ${p.pod} is ${pct(ratio)} full (threshold ${percent(o.shmFillingUpRatio)}). The outpost keeps its sessions ` +
    'there as files; when it is full, every forward-auth request gets HTTP 400 and every protected service refuses every login (2026-04-18).',
});
const podLabels = (p: Pod) => ({ namespace: p.namespace, pod: p.pod });

/**
 * The embedded outpost's 2 GiB dshm emptyDir, seen by the DaemonSet AND by its sidecar (one alert, not two);
 * the public outpost's 64 MiB runtime /dev/shm, seen by its sidecar only; the browser pool, which is no outpost.
 */
function outpostVolumes(embeddedUsed: (size: number) => string, publicUsed: (size: number) => string, browserUsed: (size: number) => string) {
  return [
    ...volume('node', embedded, a.outposts[0]!.shmVolume, 2 * GiB, embeddedUsed(2 * GiB)),
    ...volume('path', embedded, c.programs.sidecar.path, 2 * GiB, embeddedUsed(2 * GiB)),
    ...volume('path', publicOutpost, c.programs.sidecar.path, 64 * MiB, publicUsed(64 * MiB)),
    ...volume('node', browser, 'dshm', GiB, browserUsed(GiB)),
    podInfo(embedded),
    podInfo(publicOutpost),
    podInfo(browser),
  ];
}
const at = (ratio: number) => (size: number) => gauge(i, [size / 2, '30m'], [size * ratio, '90m']);

suite
  .case('AuthentikOutpostShmFillingUp fires: both outposts reach 85% at 30m (one alert each, whoever reports it)', rules, { input: outpostVolumes(at(0.85), at(0.85), at(0.95)) })
  .fires('AuthentikOutpostShmFillingUp', '37m', { labels: podLabels(embedded), ...shmFilling(embedded, 0.85) }, { labels: podLabels(publicOutpost), ...shmFilling(publicOutpost, 0.85) })
  .pending('AuthentikOutpostShmFillingUp', '33m', podLabels(embedded), podLabels(publicOutpost));
suite
  .case('AuthentikOutpostShmFillingUp fires: the embedded outpost seen by the DaemonSet only', rules, {
    input: [...volume('node', embedded, a.outposts[0]!.shmVolume, 2 * GiB, at(0.85)(2 * GiB)), podInfo(embedded)],
  })
  .fires('AuthentikOutpostShmFillingUp', '37m', { labels: podLabels(embedded), ...shmFilling(embedded, 0.85) });
suite
  .case('AuthentikOutpostShmFillingUp quiet: both outposts at 70%, a browser pod at 95%', rules, { input: outpostVolumes(at(0.7), at(0.7), at(0.95)) })
  .neverActive('AuthentikOutpostShmFillingUp', '59m', `below threshold: 70% < ${percent(o.shmFillingUpRatio)}; the browser pod is no outpost`);
suite
  .case('AuthentikOutpostShmFillingUp quiet: the embedded outpost at 70%, seen by the DaemonSet only', rules, {
    input: [...volume('node', embedded, a.outposts[0]!.shmVolume, 2 * GiB, at(0.7)(2 * GiB)), podInfo(embedded)],
  })
  .neverActive('AuthentikOutpostShmFillingUp', '59m', `below threshold: 70% < ${percent(o.shmFillingUpRatio)}`);

const shmFullSoon = (p: Pod, toFull: number) => ({
  summary: `Authentik outpost ${p.pod}: /dev/shm full in ${humanizeDuration(toFull)}`,
  description:
    `At its trend over the last ${v.trendWindow}, the /dev/shm of Authentik outpost pod ${p.pod} is full in about ${humanizeDuration(toFull)} ` +
    `(within ${v.fullSoonHorizon}). Then every forward-auth request gets HTTP 400 and every protected service refuses every login.`,
});

for (const mode of ['node', 'path'] as const) {
  const [p, name, size] = mode === 'node' ? [embedded, a.outposts[0]!.shmVolume, 2 * GiB] : [publicOutpost, c.programs.sidecar.path, 64 * MiB];
  const rate = size / 16384;
  const fill = filling(size, rate, 10800.5);
  const others = [...volume('node', browser, 'dshm', GiB, filling(GiB, GiB / 16384, 10800.5).values), podInfo(browser)];
  suite
    .case(`AuthentikOutpostShmFullSoon fires (${mode} mode): full in 3h`, rules, { input: [...volume(mode, p, name, size, fill.values), podInfo(p), ...others] })
    .fires('AuthentikOutpostShmFullSoon', '21m', { labels: podLabels(p), ...shmFullSoon(p, fill.toFull('21m')) })
    .pending('AuthentikOutpostShmFullSoon', '11m', podLabels(p));
  suite
    .case(`AuthentikOutpostShmFullSoon quiet (${mode} mode): 60% used and steady`, rules, { input: [...volume(mode, p, name, size, gauge(i, [size * 0.6, '2h'])), podInfo(p)] })
    .neverActive('AuthentikOutpostShmFullSoon', '59m', 'a flat trend never reaches the size');
  suite
    .case(`AuthentikOutpostShmFullSoon quiet (${mode} mode): a burst into an empty /dev/shm, under 20% used`, rules, { input: [...volume(mode, p, name, size, ramp(0, rate)), podInfo(p)] })
    .neverActive('AuthentikOutpostShmFullSoon', '51m', `nearly empty: under ${percent(v.fullSoonMinRatio)} used`);
}

// --- AuthentikOutpostShmUnwatched -------------------------------------------------------------------------

/** kube-state-metrics' readiness of pod p: value 1 on the current condition, 0 on the others. */
const readiness = (p: Pod, current: 'true' | 'false') =>
  (['true', 'false', 'unknown'] as const).map((condition) =>
    series('kube_pod_status_ready', { ...ksm, namespace: p.namespace, pod: p.pod, uid: p.uid, condition }, gauge(i, [condition === current ? 1 : 0, '1h'])),
  );
const unwatched = (p: Pod) => ({
  labels: podLabels(p),
  summary: `Authentik outpost ${p.pod}: no tmpfs-exporter reports its /dev/shm`,
  description:
    `Authentik outpost pod ${p.pod} is Ready, but no tmpfs-exporter reports its /dev/shm: neither the ${c.programs.name} sidecar (its outpost ` +
    `record's kubernetes_json_patches, generated/authentik/) nor the ${c.programs.name} DaemonSet (only for a memory-backed emptyDir at /dev/shm). ` +
    'AuthentikOutpostShmFillingUp and AuthentikOutpostShmFullSoon cannot fire for this pod: a full /dev/shm would stop every login unannounced, as on 2026-04-18.',
});
const size = (bytes: number) => gauge(i, [bytes, '1h']);
const dshm = a.outposts[0]!.shmVolume;

suite
  .case('AuthentikOutpostShmUnwatched fires: both outposts Ready, no tmpfs-exporter reports either', rules, {
    input: [...readiness(embedded, 'true'), ...readiness(publicOutpost, 'true'), podInfo(embedded), podInfo(publicOutpost)],
  })
  .fires('AuthentikOutpostShmUnwatched', '17m', unwatched(embedded), unwatched(publicOutpost))
  .pending('AuthentikOutpostShmUnwatched', '13m', podLabels(embedded), podLabels(publicOutpost));
suite
  .case('AuthentikOutpostShmUnwatched quiet: the sidecars report both outposts', rules, {
    input: [...readiness(embedded, 'true'), ...readiness(publicOutpost, 'true'), pathSeries('tmpfs_volume_size_bytes', embedded, size(2 * GiB)), pathSeries('tmpfs_volume_size_bytes', publicOutpost, size(64 * MiB))],
  })
  .neverActive('AuthentikOutpostShmUnwatched', '59m', 'both watched by their sidecars');
suite
  .case(`AuthentikOutpostShmUnwatched quiet: the DaemonSet reports the embedded outpost's ${dshm}, a sidecar the public one`, rules, {
    input: [...readiness(embedded, 'true'), ...readiness(publicOutpost, 'true'), nodeSeries('tmpfs_volume_size_bytes', embedded, dshm, size(2 * GiB)), podInfo(embedded), pathSeries('tmpfs_volume_size_bytes', publicOutpost, size(64 * MiB))],
  })
  .neverActive('AuthentikOutpostShmUnwatched', '59m', `node mode sees ${dshm}, path mode the public outpost`);
suite
  .case('AuthentikOutpostShmUnwatched fires: only other volumes reported (an emptyDir "tmp", a sidecar on /tmp)', rules, {
    input: [
      ...readiness(embedded, 'true'),
      ...readiness(publicOutpost, 'true'),
      nodeSeries('tmpfs_volume_size_bytes', embedded, 'tmp', size(GiB)),
      podInfo(embedded),
      pathSeries('tmpfs_volume_size_bytes', publicOutpost, size(64 * MiB), '/tmp'),
    ],
  })
  .fires('AuthentikOutpostShmUnwatched', '17m', unwatched(embedded), unwatched(publicOutpost));
suite
  .case('AuthentikOutpostShmUnwatched quiet: outpost pods not Ready (starting), nothing reported', rules, {
    input: [...readiness(embedded, 'false'), ...readiness(publicOutpost, 'false'), podInfo(embedded), podInfo(publicOutpost)],
  })
  .neverActive('AuthentikOutpostShmUnwatched', '59m', 'a pod that is not Ready serves no forward-auth yet');

// --- AuthentikOutpostSessionFilesInShm ---------------------------------------------------------------------

const sessionFiles = (p: Pod, n: number) => ({
  summary: `Authentik outpost ${p.pod}: ${n} files in /dev/shm, sessions not in PostgreSQL`,
  description:
    `The /dev/shm of Authentik outpost pod ${p.pod} holds ${n} entries (threshold ${o.sessionFilesThreshold}). This outpost should keep its sessions in ` +
    'PostgreSQL; files there mean it fell back to its file store (its outpost record lost managed = "goauthentik.io/outposts/embedded", by an upgrade ' +
    'or an edit in the UI). Sessions are then per pod (users bounce between replicas) and the files grow until /dev/shm is full and every login is ' +
    'refused, as on 2026-04-18.',
});
/** Directory entries: none until 30m, then `n` (the fallback happened at 30m and files piled up). */
const entries = (n: number) => gauge(i, [0, '30m'], [n, '30m']);

for (const mode of ['node', 'path'] as const) {
  const input = (n: number) => [
    mode === 'node' ? nodeSeries('tmpfs_volume_directory_entries', embedded, a.outposts[0]!.shmVolume, entries(n)) : pathSeries('tmpfs_volume_directory_entries', embedded, entries(n)),
    podInfo(embedded),
    // The public outpost keeps its sessions in files by design: thousands of them are no regression.
    pathSeries('tmpfs_volume_directory_entries', publicOutpost, gauge(i, [5000, '1h'])),
    podInfo(publicOutpost),
  ];
  suite
    .case(`AuthentikOutpostSessionFilesInShm fires (${mode} mode): 150 files in the embedded outpost's /dev/shm from 30m`, rules, { input: input(150) })
    // Active from 30m, firing from 45m.
    .fires('AuthentikOutpostSessionFilesInShm', '47m', { labels: podLabels(embedded), ...sessionFiles(embedded, 150) })
    .pending('AuthentikOutpostSessionFilesInShm', '41m', podLabels(embedded));
  suite
    .case(`AuthentikOutpostSessionFilesInShm quiet (${mode} mode): 50 entries, and the public outpost's 5000 session files`, rules, { input: input(50) })
    .neverActive('AuthentikOutpostSessionFilesInShm', '59m', `below threshold: 50 <= ${o.sessionFilesThreshold}; the public outpost keeps sessions in files`);
}

// --- AuthentikOutpostMemoryNearLimit ------------------------------------------------------------------------

const limit = 2560 * MiB; // the embedded outpost's limit (stacks/authentik/authentik_provider.tf)
const cadvisor = { job: 'kubernetes-nodes-cadvisor', instance: node, node, id: '/kubepods/burstable/pod3f0c/abc', image: 'ghcr.io/goauthentik/proxy:2026.2.2', name: 'abc' };
const outpostContainer = (p: Pod) => ({ namespace: p.namespace, pod: p.pod, container: a.outpostContainer });
const memory = (ratio: number) => [
  series('container_memory_working_set_bytes', { ...cadvisor, ...outpostContainer(embedded) }, gauge(i, [limit * 0.3, '30m'], [limit * ratio, '30m'])),
  series('kube_pod_container_resource_limits', { ...ksm, ...outpostContainer(embedded), uid: embedded.uid, node, resource: 'memory', unit: 'byte' }, gauge(i, [limit, '1h'])),
  series('kube_pod_container_resource_limits', { ...ksm, ...outpostContainer(embedded), uid: embedded.uid, node, resource: 'cpu', unit: 'core' }, gauge(i, [1, '1h'])),
];

suite
  .case('AuthentikOutpostMemoryNearLimit fires: working set at 95% of the 2560Mi limit from 30m', rules, { input: memory(0.95) })
  .fires('AuthentikOutpostMemoryNearLimit', '47m', {
    labels: outpostContainer(embedded),
    summary: `Authentik outpost ${embedded.pod}: memory at ${pct(0.95)} of its limit`,
    description:
      `Container ${a.outpostContainer} of Authentik outpost pod ${embedded.pod} uses ${pct(0.95)} of its memory limit (threshold ${percent(o.memoryNearLimitRatio)}). ` +
      'Files in a memory-backed /dev/shm count against it. At the limit the kernel OOM-kills the outpost: forward-auth fails until it restarts, and ' +
      'sessions kept in /dev/shm are lost.',
  })
  .pending('AuthentikOutpostMemoryNearLimit', '41m', outpostContainer(embedded));
suite
  .case('AuthentikOutpostMemoryNearLimit quiet: working set at 50% of the limit', rules, { input: memory(0.5) })
  .neverActive('AuthentikOutpostMemoryNearLimit', '59m', `below threshold: 50% < ${percent(o.memoryNearLimitRatio)}`);

// --- AuthentikOutpostRestartingOften ------------------------------------------------------------------------------

/**
 * The restart counter of the embedded outpost's proxy container: `n` restarts in the two minutes before 20m (a
 * crash loop: the kubelet restarts it after 10 s, 20 s, 40 s), none before or after.
 */
function restarts(n: number): InputSeries[] {
  return [series('kube_pod_container_status_restarts_total', { ...ksm, ...outpostContainer(embedded), uid: embedded.uid }, gauge(i, [0, '20m'], [n, '40m']))];
}

suite
  .case('AuthentikOutpostRestartingOften fires: 3 restarts within two minutes', rules, { input: restarts(3) })
  // Active from 20m (increase() over 30m reads about 3.1, "3"), firing from 25m.
  .fires('AuthentikOutpostRestartingOften', '27m', {
    labels: outpostContainer(embedded),
    summary: `Authentik outpost ${embedded.pod}: 3 restarts in ${o.restartsWindow}`,
    description:
      `Container ${a.outpostContainer} of Authentik outpost pod ${embedded.pod} restarted 3 times in ${o.restartsWindow} (threshold ${o.restarts}). ` +
      'Each restart drops its forward-auth answers for a while; a crash loop or OOM kills (a full /dev/shm counts against memory) keep protected ' +
      'services flapping.',
  })
  .pending('AuthentikOutpostRestartingOften', '23m', outpostContainer(embedded));
suite
  .case('AuthentikOutpostRestartingOften quiet: one restart (an upgrade)', rules, { input: restarts(1) })
  .neverActive('AuthentikOutpostRestartingOften', '59m', `below threshold: 1 <= ${o.restarts}`);

// --- Forward-auth as Traefik sees it -----------------------------------------------------------------------

const f = c.forwardAuth;
const traefik = { job: 'traefik', instance: 'traefik-6d9f8b7c5-abcde' };
const routerName = (n: number) => `websecure-app${n}-app${n}-viktorbarzin-me@kubernetes`;
/**
 * Traefik's router counters: `failing` routers at `rps` requests/s of which `share` get `code` from 20m (200
 * before), and two busy routers that stay healthy.
 */
function routers(code: string, failing: number, rps: number, share: number): InputSeries[] {
  const router = (n: number, ok: string, bad: string, service: string) => [
    series('traefik_router_requests_total', { ...traefik, code: '200', method: 'GET', protocol: 'http', router: routerName(n), service }, ok),
    series('traefik_router_requests_total', { ...traefik, code, method: 'GET', protocol: 'http', router: routerName(n), service }, bad),
  ];
  const out: InputSeries[] = [];
  for (let n = 1; n <= failing; n++) out.push(...router(n, counter(i, 0, [rps, '20m'], [rps * (1 - share), '40m']), counter(i, 0, [0, '20m'], [rps * share, '40m']), `app${n}-app${n}-80@kubernetes`));
  for (let n = 101; n <= 102; n++) out.push(...router(n, counter(i, 0, [1, '1h']), counter(i, 0, [0, '1h']), `app${n}-app${n}-80@kubernetes`));
  return out;
}

const forwardAuthText = {
  AuthentikForwardAuth400s: (n: number) => ({
    summary: `Authentik forward-auth: ${n} Traefik routers answer mostly HTTP 400`,
    description:
      `${n} Traefik routers answered more than ${percent(f.routerShare)} of their requests with HTTP 400 over the last ${f.rateWindow}. Many routers ` +
      'failing the same way at once is their shared forward-auth middleware: the Authentik outpost answers 400 (a full /dev/shm did this on 2026-04-18) ' +
      'and every protected service refuses every login.',
  }),
  AuthentikForwardAuthEmergencyAccess: (n: number) => ({
    summary: `Authentik forward-auth: Emergency Access fallback, ${n} routers answer mostly 401`,
    description:
      `${n} Traefik routers answered more than ${percent(f.routerShare)} of their requests with HTTP 401 over the last ${f.rateWindow}. The auth-proxy ` +
      'in front of the outpost answers 401 (Basic auth "Emergency Access") when the outpost gives 502/503/504: the outpost has no ready endpoint or ' +
      'does not answer, and users of every protected service get a password prompt instead of Authentik.',
  }),
};

for (const [alertName, code] of [['AuthentikForwardAuth400s', '400'], ['AuthentikForwardAuthEmergencyAccess', '401']] as const) {
  suite
    .case(`${alertName} fires: 4 quiet routers (0.004 req/s) answer 90% ${code} from 20m, two busy ones stay healthy`, rules, { input: routers(code, 4, 0.004, 0.9) })
    // Active from 26m on Prometheus 2 and 3 alike (the 10m window then reads 54% or 62%), firing from 31m.
    .fires(alertName, '35m', forwardAuthText[alertName](4))
    .pending(alertName, '29m');
  suite
    .case(`${alertName} quiet: only 2 routers answer ${code}`, rules, { input: routers(code, 2, 0.004, 0.9) })
    .neverActive(alertName, '59m', `fewer than ${f.minRouters} routers: one broken app or client, not the shared middleware`);
  suite
    .case(`${alertName} quiet: 4 routers answer 30% ${code}`, rules, { input: routers(code, 4, 0.004, 0.3) })
    .neverActive(alertName, '59m', `below threshold: 30% < ${percent(f.routerShare)}`);
  suite
    .case(`${alertName} quiet: 4 routers answer 90% ${code} at 0.001 req/s`, rules, { input: routers(code, 4, 0.001, 0.9) })
    .neverActive(alertName, '59m', `under the traffic floor of ${f.routerMinRequestsPerSecond} req/s per router`);
}

// --- The Authentik server -----------------------------------------------------------------------------------

const s = c.server;
const serverLabels = { ...ksm, namespace: a.namespace, deployment: a.serverDeployment };
const replicas = (spec: number, available: string) => [
  series('kube_deployment_spec_replicas', serverLabels, gauge(i, [spec, '1h'])),
  series('kube_deployment_status_replicas_available', serverLabels, available),
];
const belowText = (n: number) => ({
  summary: `Authentik server ${a.namespace}/${a.serverDeployment}: ${n} replica(s) unavailable`,
  description:
    `The Authentik server Deployment ${a.serverDeployment} in ${a.namespace} has ${n} fewer available replicas than desired for ${s.replicasFor}. ` +
    'Logins still work on the others; one more loss can take Authentik down. Usually a node is unschedulable, an image pull fails or a quota is hit.',
});

suite
  .case('AuthentikServerReplicasBelowDesired fires: 2 of 3 available from 20m', rules, { input: replicas(3, gauge(i, [3, '20m'], [2, '40m'])) })
  // Active from 20m, firing from 35m.
  .fires('AuthentikServerReplicasBelowDesired', '37m', { labels: serverLabels, ...belowText(1) })
  .pending('AuthentikServerReplicasBelowDesired', '29m', serverLabels);
suite
  .case('AuthentikServerReplicasBelowDesired quiet: all 3 available', rules, { input: replicas(3, gauge(i, [3, '1h'])) })
  .neverActive('AuthentikServerReplicasBelowDesired', '59m', 'every replica available');
suite
  .case('AuthentikServerReplicasBelowDesired quiet: a rollout stuck with a surge pod, 4 available of 3', rules, { input: replicas(3, gauge(i, [4, '1h'])) })
  .neverActive('AuthentikServerReplicasBelowDesired', '59m', 'more available than desired is no shortage');

const downText = {
  summary: `Authentik server ${a.namespace}/${a.serverDeployment}: no available replica`,
  description:
    `The Authentik server Deployment ${a.serverDeployment} in ${a.namespace} has no available replica, or does not exist while kube-state-metrics ` +
    'reports other Deployments. No login flow, no token, no admin UI; outposts cannot start new sessions, so every protected service refuses users without one.',
};
const otherDeployment = series('kube_deployment_status_replicas_available', { ...ksm, namespace: 'traefik', deployment: 'traefik' }, gauge(i, [3, '1h']));

suite
  .case('AuthentikServerDown fires: no replica available from 20m', rules, { input: [...replicas(3, gauge(i, [3, '20m'], [0, '40m'])), otherDeployment] })
  // Active from 20m, firing from 25m.
  .fires('AuthentikServerDown', '27m', { labels: serverLabels, ...downText })
  .pending('AuthentikServerDown', '23m', serverLabels);
suite
  .case('AuthentikServerDown fires: the Deployment is gone while kube-state-metrics reports others', rules, { input: [otherDeployment] })
  .fires('AuthentikServerDown', '27m', { labels: { namespace: a.namespace, deployment: a.serverDeployment }, ...downText });
suite
  .case('AuthentikServerDown quiet: one replica left', rules, { input: [...replicas(3, gauge(i, [3, '20m'], [1, '40m'])), otherDeployment] })
  .neverActive('AuthentikServerDown', '59m', 'one replica still serves logins');
suite
  .case('AuthentikServerDown quiet: kube-state-metrics reports nothing at all', rules, {
    input: [series('up', { ...ksm, namespace: suite.cfg.namespace }, gauge(i, [0, '1h']))],
  })
  .neverActive('AuthentikServerDown', '59m', 'no kube-state-metrics is not Authentik down');

/** The `/` router: `rps` requests/s, of which `share` answered 502 from 20m. */
const root = (rps: number, share: number, code = '502') => [
  series('traefik_router_requests_total', { ...traefik, code: '200', method: 'GET', protocol: 'http', router: s.rootRouter, service: 'authentik-goauthentik-server-80@kubernetes' }, counter(i, 0, [rps, '20m'], [rps * (1 - share), '40m'])),
  series('traefik_router_requests_total', { ...traefik, code, method: 'GET', protocol: 'http', router: s.rootRouter, service: 'authentik-goauthentik-server-80@kubernetes' }, counter(i, 0, [0, '20m'], [rps * share, '40m'])),
];
const rootText = (ratio: number) => ({
  summary: `Authentik UI: ${pct(ratio)} of requests to its / router get 502/503/504`,
  description:
    `${pct(ratio)} of the requests to Traefik router ${s.rootRouter} got 502/503/504 over the last ${s.rootRateWindow} (threshold ${percent(s.root5xxRatio)}, ` +
    `at more than ${s.rootMinRequestsPerSecond} requests/s). Traefik has no ready Authentik server behind it: users see a blank login page or a 30 s hang.`,
});

suite
  .case('AuthentikUIErrorRatioHigh fires: 12% of 0.2 req/s answered 502 from 20m', rules, { input: root(0.2, 0.12) })
  // Active from 22m (the 5m window already reads 6%), firing from 27m.
  .fires('AuthentikUIErrorRatioHigh', '30m', { ...rootText(0.12) })
  .pending('AuthentikUIErrorRatioHigh', '26m');
suite
  .case('AuthentikUIErrorRatioHigh quiet: 3% answered 502 at 1 req/s', rules, { input: root(1, 0.03) })
  .neverActive('AuthentikUIErrorRatioHigh', '58m', `below threshold: 3% < ${percent(s.root5xxRatio)}`);
suite
  .case('AuthentikUIErrorRatioHigh quiet: half of 0.05 req/s answered 502', rules, { input: root(0.05, 0.5) })
  .neverActive('AuthentikUIErrorRatioHigh', '58m', `under the traffic floor of ${s.rootMinRequestsPerSecond} req/s`);

// --- Public paths walled off ------------------------------------------------------------------------------

const probe = { job: c.wallOff.job, instance: 'https://vpn.viktorbarzin.me/sub/uptime-probe', service: 'vpn-portal-sub' };
const wallText = {
  summary: `Public path walled off by Authentik: ${probe.service} (${probe.instance})`,
  description:
    `The must-stay-public URL ${probe.instance} (carve-out ${probe.service}) now answers with a redirect to Authentik (blackbox probe: Location matches ` +
    `Authentik). Its auth = "none" carve-out regressed: native clients, webhooks and strangers can no longer reach it. Confirm with: curl -sI ${probe.instance}`,
};
suite
  .case('PublicPathRedirectsToAuthentik fires: the probe sees a Location to Authentik from 20m', rules, {
    input: [series('probe_failed_due_to_regex', probe, gauge('1m', [0, '20m'], [1, '40m']))],
    interval: '1m', // the blackbox-authentik-walloff job scrapes every minute
  })
  .fires('PublicPathRedirectsToAuthentik', '32m', { labels: { ...probe, lane: 'security' }, ...wallText })
  .pending('PublicPathRedirectsToAuthentik', '27m', { ...probe, lane: 'security' });
suite
  .case('PublicPathRedirectsToAuthentik quiet: the carve-out answers 404 (probe passes, no regex failure)', rules, {
    input: [series('probe_failed_due_to_regex', probe, gauge('1m', [0, '1h']))],
    interval: '1m',
  })
  .neverActive('PublicPathRedirectsToAuthentik', '59m', 'no Location to Authentik');
