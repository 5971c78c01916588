// The Authentik dashboard's queries evaluated by promtool on series labelled as their producers label them: the
// panels that combine the alerts' fragments in their own way (the watched stat, counts that show 0 rather than
// nothing, the per-router share with its filters, the UI's error share) show what their descriptions say. The
// queries are read from the built dashboard, the expected values computed from the inputs.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import { globalDefaults } from '../core/config.ts';
import { allPanels } from '../core/checks/dashboard/model.ts';
import { assemble } from '../core/pipeline.ts';
import { authentikDefaults as c } from '../alerts/authentik/config.ts';
import { producers } from '../metrics/catalogue.ts';
import { packageInput } from '../domains.ts';
import { counter, gauge, series, type InputSeries } from '../rules-test/builder.ts';
import { runPromtoolTests } from '../testing/promtool.ts';
import { tempDir } from '../testing/tmp.ts';

const dashboard = assemble(packageInput({ promtool: false })).dashboards.find((d) => d.uid === 'homelab-authentik')!;

/** The expression of query `ref` (0 = A) of the panel with this title. */
function panelQuery(title: string, ref = 0): string {
  const p = allPanels(dashboard.json).find(({ panel }) => panel.title === title)?.panel as { targets?: { expr: string }[] } | undefined;
  if (!p?.targets?.[ref]) throw new Error(`homelab-authentik has no panel "${title}" with query ${ref}`);
  return p.targets[ref].expr;
}

const i = globalDefaults.scrapeInterval;
const a = c.authentik;
const node = 'k8s-node2';
const ksm = { job: producers.kubeStateMetrics.scrapeJob, instance: '10.42.0.9:8080', service: 'prometheus-kube-state-metrics' };
const tmpfsTarget = (instance: string) => ({ job: producers.tmpfsExporter.scrapeJob, instance, namespace: globalDefaults.namespace, service: c.programs.name, node });
const pod = (outpost: number, suffix: string, uid: string) => ({ namespace: a.namespace, pod: `${a.outpostDeploymentPrefix}${a.outposts[outpost]!.name}-${suffix}`, uid });
const embedded = pod(0, '7c9d8f6b5-k2x4p', '3f0c1e2d-4b5a-4c6d-8e7f-9a0b1c2d3e01');
const publicReady = pod(1, '5d8f7c9b4-x2x7q', '5a6b7c8d-9e0f-4a1b-8c2d-3e4f5a6b7c03');
const publicStarting = pod(1, '5d8f7c9b4-m4n5b', '5a6b7c8d-9e0f-4a1b-8c2d-3e4f5a6b7c04');
const gib = 2 ** 30;
const mib = 2 ** 20;

const ready = (p: typeof embedded, isReady: number) => series('kube_pod_status_ready', { ...ksm, namespace: p.namespace, pod: p.pod, uid: p.uid, condition: 'true' }, gauge(i, [isReady, '1h']));
const podInfo = (p: typeof embedded) => series('kube_pod_info', { ...ksm, namespace: p.namespace, pod: p.pod, uid: p.uid, node }, gauge(i, [1, '1h']));
const sidecar = (p: typeof embedded, metric: string, values: string) =>
  series(metric, { job: 'kubernetes-pods', instance: '10.42.2.41:9275', namespace: p.namespace, pod: p.pod, node, mountpoint: c.programs.sidecar.path }, values);

// Traefik: three protected routers answering only 400 (their forward-auth failing), one busy router answering 200,
// one router answering 400 below the rate that counts; the Authentik UI's router with some 502s.
const traefikPods = ['traefik-6d4b9c7f5-a1b2c', 'traefik-6d4b9c7f5-d3e4f'];
const routers400 = ['grafana-monitoring-grafana-viktorbarzin-me@kubernetes', 'immich-immich-immich-viktorbarzin-me@kubernetes', 'tasks-tasks-tasks-viktorbarzin-me@kubernetes'];
const quietRouter = 'wiki-wiki-wiki-viktorbarzin-me@kubernetes';
const busyOkRouter = 'blog-blog-blog-viktorbarzin-me@kubernetes';
const uiOk = 1;
const ui502 = 0.25;
const requests = (router: string, code: string, perSecond: number, instance = traefikPods[0]!) =>
  series('traefik_router_requests_total', { job: producers.traefik.scrapeJob, instance, code, method: 'GET', protocol: 'http', router, service: router.replace('@kubernetes', '') }, counter(i, 0, [perSecond, '1h']));

const input: InputSeries[] = [
  // The embedded outpost's 2Gi dshm, half full, watched by the DaemonSet.
  ready(embedded, 1),
  podInfo(embedded),
  series('tmpfs_volume_size_bytes', { ...tmpfsTarget('10.42.2.21:9275'), pod_uid: embedded.uid, volume: a.outposts[0]!.shmVolume }, gauge(i, [2 * gib, '1h'])),
  series('tmpfs_volume_used_bytes', { ...tmpfsTarget('10.42.2.21:9275'), pod_uid: embedded.uid, volume: a.outposts[0]!.shmVolume }, gauge(i, [gib, '1h'])),
  // The public outpost: Ready, its sidecar reporting only from 20m on (three quarters full); another pod not Ready.
  ready(publicReady, 1),
  podInfo(publicReady),
  sidecar(publicReady, 'tmpfs_volume_size_bytes', gauge(i, ['_', '20m'], [64 * mib, '40m'])),
  sidecar(publicReady, 'tmpfs_volume_used_bytes', gauge(i, ['_', '20m'], [48 * mib, '40m'])),
  ready(publicStarting, 0),
  podInfo(publicStarting),
  // Two DaemonSet pods reporting.
  series('tmpfs_exporter_build_info', { ...tmpfsTarget('10.42.2.21:9275'), version: '0.1.0', mode: 'node' }, gauge(i, [1, '1h'])),
  series('tmpfs_exporter_build_info', { ...tmpfsTarget('10.42.1.7:9275'), node: 'k8s-node1', version: '0.1.0', mode: 'node' }, gauge(i, [1, '1h'])),
  ...routers400.map((r, n) => requests(r, '400', 0.5, traefikPods[n % traefikPods.length])),
  requests(busyOkRouter, '200', 2),
  requests(quietRouter, '400', c.forwardAuth.routerMinRequestsPerSecond / 2),
  requests(c.server.rootRouter, '200', uiOk),
  requests(c.server.rootRouter, '502', ui502),
];

interface Expect {
  readonly title: string;
  readonly ref?: number;
  /** Eval time: a query with 10m windows at an odd minute, with 5m windows at an even one (rules-test/README.md). */
  readonly at: string;
  readonly samples: readonly { labels: Record<string, string>; value: number }[];
}

const labelsText = (l: Record<string, string>) => `{${Object.entries(l).map(([k, v]) => `${k}=${JSON.stringify(v)}`).join(', ')}}`;
const outpost = (p: typeof embedded) => ({ namespace: p.namespace, pod: p.pod });

const expectations: Expect[] = [
  // Ready pods only: 1 watched, 0 not (yet).
  { title: 'Outpost /dev/shm watched', at: '11m', samples: [{ labels: outpost(embedded), value: 1 }, { labels: outpost(publicReady), value: 0 }] },
  { title: 'Outpost /dev/shm watched', at: '31m', samples: [{ labels: outpost(embedded), value: 1 }, { labels: outpost(publicReady), value: 1 }] },
  { title: 'Outpost /dev/shm used', at: '31m', samples: [{ labels: outpost(embedded), value: gib / (2 * gib) }, { labels: outpost(publicReady), value: (48 * mib) / (64 * mib) }] },
  { title: 'Routers answering mostly 400 or 401', ref: 0, at: '31m', samples: [{ labels: {}, value: routers400.length }] },
  { title: 'Routers answering mostly 400 or 401', ref: 1, at: '31m', samples: [{ labels: {}, value: 0 }] },
  { title: 'Share of 400 and 401 answers per router', ref: 0, at: '31m', samples: routers400.map((router) => ({ labels: { router }, value: 1 })) },
  { title: 'Share of 400 and 401 answers per router', ref: 1, at: '31m', samples: [] },
  { title: 'Traefik pods reporting', at: '31m', samples: [{ labels: {}, value: traefikPods.length }] },
  { title: 'Wall-off probes reporting', at: '31m', samples: [{ labels: {}, value: 0 }] },
  { title: `${c.programs.name} DaemonSet pods reporting`, at: '31m', samples: [{ labels: {}, value: 2 }] },
  { title: 'Authentik UI: 502/503/504 share', at: '30m', samples: [{ labels: {}, value: ui502 / (uiOk + ui502) }] },
];

describe('the Authentik dashboard, evaluated', () => {
  it('shows what its panels say, on series as their producers label them', async () => {
    const dir = tempDir('authentik-panels-');
    const tests = expectations.map((e) => ({
      name: `${e.title} [${e.ref ?? 0}] at ${e.at}`,
      interval: i,
      input_series: input.map((s) => ({ series: s.series, values: s.values })),
      promql_expr_test: [{ expr: panelQuery(e.title, e.ref), eval_time: e.at, exp_samples: e.samples.map((s) => ({ labels: labelsText(s.labels), value: s.value })) }],
    }));
    writeFileSync(join(dir, 'panels.yml'), stringify({ rule_files: [], evaluation_interval: globalDefaults.evaluationInterval, tests }, { lineWidth: 0 }));
    const { files } = await runPromtoolTests(dir, ['panels.yml']);
    const result = files.get('panels.yml')!;
    expect(result.message).toBe('');
    expect(result.ok).toBe(true);
  }, 120_000);
});
