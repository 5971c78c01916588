// The Authentik domain's dashboard: its outposts (/dev/shm, the session store, memory, restarts), forward-auth as
// Traefik's routers see it, the server, the walled-off public paths, and the memory-backed volumes of every pod
// (our tmpfs-exporter). Every query and threshold comes from the domain's config and queries (alerts/authentik/),
// the same values its alerts read; the heartbeats' series come from their declarations (the domain's for the
// tmpfs-exporter, the catalogue's for Traefik and the wall-off probes). A panel that `shows` an alert draws that
// alert's threshold, and the build gives the alert a dashboard_url to the panel. Joined to the domain in domains.ts.
import type { DomainContext } from '../core/domain.ts';
import { seconds } from '../core/duration.ts';
import { heartbeatSeries } from '../core/heartbeats.ts';
import { above, below, DashboardDraft, query, type DashboardDef } from '../core/grafana/dashboard.ts';
import { units } from '../core/grafana/sdk.ts';
import type { Heartbeat } from '../metrics/types.ts';
import { producers } from '../metrics/catalogue.ts';
import type { AuthentikConfig } from '../alerts/authentik/config.ts';
import { percent } from '../alerts/authentik/alerts.ts';
import { authentik } from '../alerts/authentik/index.ts';
import {
  busyRouters,
  indent,
  nodeFullSoon,
  nodeShare,
  outpostMemoryRatio,
  outpostPodMatchers,
  outpostRestarts,
  outpostSidecar,
  pathFullSoon,
  pathShare,
  postgresSessionOutposts,
  readyOutpostPods,
  routerCodeShare,
  routersMostly,
  serverDeployment,
  sessionOutpostShmEntries,
  tmpfsPollErrors,
  uiErrorRatio,
  uiRequestRate,
  wallOffProbes,
  watchedOutpostShm,
} from '../alerts/authentik/queries.ts';

export function authentikDashboards(ctx: DomainContext<AuthentikConfig>): DashboardDef[] {
  return [authentikDashboard(ctx)];
}

/** A heartbeat's series, counted: how many of them report (0, not nothing, when none does). */
const reporting = (h: Heartbeat, by?: string) => `count(${by ? `count by (${by}) (${heartbeatSeries(h)})` : heartbeatSeries(h)}) or vector(0)`;

function authentikDashboard(ctx: DomainContext<AuthentikConfig>): DashboardDef {
  const { global, config: c } = ctx;
  const v = c.volumes;
  const o = c.outposts;
  const f = c.forwardAuth;
  const s = c.server;
  const ns = c.authentik.namespace;
  const outposts = outpostPodMatchers(c);
  const sidecar = outpostSidecar(c);
  const horizon = seconds(v.fullSoonHorizon, 'authentik.volumes.fullSoonHorizon');
  const outpostNames = c.authentik.outposts.map((x) => x.name).join(', ');
  const tmpfsHeartbeat = authentik.heartbeats!(ctx)[producers.tmpfsExporter.id]!;
  const d = new DashboardDraft(global, {
    uid: 'homelab-authentik',
    title: 'Authentik and memory-backed volumes',
    description:
      `Authentik in ${ns}: its outposts (${outpostNames}), forward-auth as Traefik's routers see it, the server ${c.authentik.serverDeployment}, ` +
      `the must-stay-public paths (${c.wallOff.job}), and the memory-backed volumes of every pod (${c.programs.name}). Windows as the alerts read them.`,
    tags: ['authentik', 'tmpfs'],
  });

  // The 2026-04-18 outage: an outpost's /dev/shm full of session files, every forward-auth answered 400.
  d.row('Authentik outposts');
  d.timeseries({
    title: 'Outpost /dev/shm used',
    description:
      "Used share of each outpost pod's /dev/shm (the memory-backed volume it mounts there, or the runtime's, through the sidecar). " +
      'The outpost keeps session files there; full, every forward-auth request gets HTTP 400.',
    unit: units.PercentUnit,
    width: 8,
    min: 0,
    max: 1,
    queries: [query(`max by (namespace, pod) (\n  ${indent(nodeShare(outposts), 2)}\n  or\n  ${indent(pathShare(sidecar), 2)}\n)`, '{{pod}}')],
    threshold: above(o.shmFillingUpRatio),
    shows: ['AuthentikOutpostShmFillingUp'],
  });
  d.timeseries({
    title: 'Outpost /dev/shm full in',
    description:
      `Time until each outpost pod's /dev/shm is full at its trend over the last ${v.trendWindow}, shown only while that is within ${v.fullSoonHorizon} ` +
      `and it is more than ${percent(v.fullSoonMinRatio)} used: anything drawn here is the alert's condition. Empty is good.`,
    unit: units.Seconds,
    width: 8,
    min: 0,
    queries: [query(`max by (namespace, pod) (\n  ${indent(nodeFullSoon(c, outposts), 2)}\n  or\n  ${indent(pathFullSoon(c, sidecar), 2)}\n)`, '{{pod}}')],
    threshold: below(horizon),
    shows: ['AuthentikOutpostShmFullSoon'],
  });
  d.timeseries({
    title: 'Files in /dev/shm of outposts with PostgreSQL sessions',
    description:
      `Entries in the /dev/shm of ${postgresSessionOutposts(c).map((x) => x.name).join(', ')}, whose sessions belong in PostgreSQL. ` +
      'Many files there mean the outpost fell back to its file store (its record lost managed = "goauthentik.io/outposts/embedded").',
    unit: units.Short,
    width: 8,
    min: 0,
    queries: [query(sessionOutpostShmEntries(c), '{{pod}}')],
    threshold: above(o.sessionFilesThreshold),
    shows: ['AuthentikOutpostSessionFilesInShm'],
  });
  d.stat({
    title: 'Outpost /dev/shm watched',
    description:
      `Per Ready outpost pod, whether a ${c.programs.name} (its sidecar, or the DaemonSet for a memory-backed /dev/shm) reports its /dev/shm. ` +
      'For an unwatched pod the /dev/shm panels above and their alerts are blind.',
    unit: units.NoUnit,
    width: 6,
    queries: [query(`(\n  ${readyOutpostPods(c)}\n  unless on(namespace, pod)\n  ${indent(watchedOutpostShm(c), 2)}\n) - 1\nor\n${readyOutpostPods(c)}`, '{{pod}}')],
    mappings: { 0: 'unwatched', 1: 'watched' },
    threshold: below(1),
    shows: ['AuthentikOutpostShmUnwatched'],
  });
  d.timeseries({
    title: 'Outpost memory against its limit',
    description: `Working set of each outpost's ${c.authentik.outpostContainer} container over its memory limit; files in a memory-backed /dev/shm count against it. At the limit the kernel OOM-kills it.`,
    unit: units.PercentUnit,
    width: 9,
    min: 0,
    queries: [query(outpostMemoryRatio(c), '{{pod}}')],
    threshold: above(o.memoryNearLimitRatio),
    shows: ['AuthentikOutpostMemoryNearLimit'],
  });
  d.timeseries({
    title: `Outpost restarts in ${o.restartsWindow}`,
    description: `Restarts of each outpost's ${c.authentik.outpostContainer} container within the last ${o.restartsWindow}. Each restart drops its forward-auth answers for a while.`,
    unit: units.Short,
    width: 9,
    min: 0,
    decimals: 1,
    queries: [query(outpostRestarts(c), '{{pod}}')],
    threshold: above(o.restarts),
    shows: ['AuthentikOutpostRestartingOften'],
  });

  d.row("Forward-auth as Traefik's routers see it");
  d.timeseries({
    title: 'Routers answering mostly 400 or 401',
    description:
      `Traefik routers (more than ${f.routerMinRequestsPerSecond} requests/s) answering more than ${percent(f.routerShare)} of their requests with HTTP 400 ` +
      `(the outpost failing) or 401 (the auth-proxy's Emergency Access fallback), over ${f.rateWindow}. Many at once is their shared forward-auth middleware.`,
    unit: units.Short,
    width: 10,
    min: 0,
    decimals: 0,
    queries: [query(`${routersMostly(c, '400')} or vector(0)`, 'mostly 400'), query(`${routersMostly(c, '401')} or vector(0)`, 'mostly 401')],
    threshold: above(f.minRouters),
    shows: ['AuthentikForwardAuth400s', 'AuthentikForwardAuthEmergencyAccess'],
  });
  d.timeseries({
    title: 'Share of 400 and 401 answers per router',
    description: `Per router with more than ${f.routerMinRequestsPerSecond} requests/s, the share of its requests answered 400 and 401 over ${f.rateWindow} (routers with none left out). Above the line a router counts in the panel to the left.`,
    unit: units.PercentUnit,
    width: 10,
    min: 0,
    max: 1,
    queries: ['400', '401'].map((code) => query(`${routerCodeShare(c, code)} > 0\nand on(router)\n${busyRouters(c)}`, `{{router}} ${code}`)),
    threshold: above(f.routerShare),
  });
  d.stat({
    title: 'Traefik pods reporting',
    description: "Traefik pods whose router counters Prometheus has. At 0 every forward-auth and UI panel and alert here is blind.",
    unit: units.Short,
    width: 4,
    queries: [query(reporting(producers.traefik.heartbeat, 'instance'), 'Traefik pods')],
    threshold: below(1),
    shows: [producers.traefik.heartbeat.alert],
  });

  d.row('Authentik server');
  const server = serverDeployment(c);
  d.timeseries({
    title: 'Server replicas',
    description:
      `Available replicas of ${ns}/${c.authentik.serverDeployment} against the desired number (dashed). At 0 no login flow works; ` +
      'no data at all while kube-state-metrics reports other Deployments means it does not exist.',
    unit: units.Short,
    width: 8,
    min: 0,
    decimals: 0,
    queries: [
      query(`kube_deployment_status_replicas_available{${server}}`, 'available'),
      query(`kube_deployment_spec_replicas{${server}}`, 'desired', { threshold: true }),
    ],
    threshold: below(1),
    shows: ['AuthentikServerReplicasBelowDesired', 'AuthentikServerDown'],
  });
  d.timeseries({
    title: 'Authentik UI: 502/503/504 share',
    description: `Share of the requests to Traefik router ${s.rootRouter} that got 502/503/504 over ${s.rootRateWindow}, while it gets more than ${s.rootMinRequestsPerSecond} requests/s: no ready server behind Traefik.`,
    unit: units.PercentUnit,
    width: 8,
    min: 0,
    queries: [query(`${uiErrorRatio(c)}\nand\n${uiRequestRate(c)} > ${s.rootMinRequestsPerSecond}`, '502/503/504')],
    threshold: above(s.root5xxRatio),
    shows: ['AuthentikUIErrorRatioHigh'],
  });
  d.timeseries({
    title: 'Authentik UI requests by code',
    description: `Requests per second to Traefik router ${s.rootRouter}, by status code (over ${s.rootRateWindow}).`,
    unit: units.RequestsPerSecond,
    width: 8,
    stacked: true,
    queries: [query(`sum by (code) (rate(traefik_router_requests_total{router="${s.rootRouter}"}[${s.rootRateWindow}]))`, '{{code}}')],
  });

  d.row('Public paths walled off');
  d.stat({
    title: 'Must-stay-public paths',
    description: `Per URL the ${c.wallOff.job} blackbox job probes (by carve-out): whether its answer redirects to Authentik. Walled off, native clients, webhooks and strangers can no longer reach it.`,
    unit: units.NoUnit,
    width: 18,
    queries: [query(wallOffProbes(c), '{{service}}')],
    mappings: { 0: 'public', 1: 'walled off' },
    threshold: above(1),
    shows: ['PublicPathRedirectsToAuthentik'],
  });
  d.stat({
    title: 'Wall-off probes reporting',
    description: 'Probes of the must-stay-public paths that report. At 0 the panel to the left and its alert are blind.',
    unit: units.Short,
    width: 6,
    queries: [query(reporting(producers.blackboxWalloff.heartbeat), 'probes')],
    threshold: below(1),
    shows: [producers.blackboxWalloff.heartbeat.alert],
  });

  d.row('Memory-backed volumes of every pod');
  d.timeseries({
    title: 'Used share per volume',
    description: `Used share of every memory-backed (tmpfs) volume the ${c.programs.name} reports: emptyDirs with medium Memory (DaemonSet) and sidecar-watched paths. Full, every write there fails with ENOSPC.`,
    unit: units.PercentUnit,
    width: 12,
    min: 0,
    max: 1,
    queries: [query(`${nodeShare()}\nor\n${pathShare()}`, '{{namespace}}/{{pod}} {{volume}}')],
    threshold: above(v.fillingUpRatio),
    shows: ['MemoryBackedVolumeFillingUp'],
  });
  d.timeseries({
    title: 'Volumes full in',
    description:
      `Time until each volume is full at its trend over the last ${v.trendWindow}, shown only while that is within ${v.fullSoonHorizon} ` +
      `and it is more than ${percent(v.fullSoonMinRatio)} used: anything drawn here is the alert's condition. Empty is good.`,
    unit: units.Seconds,
    width: 12,
    min: 0,
    queries: [query(`${nodeFullSoon(c)}\nor\n${pathFullSoon(c)}`, '{{namespace}}/{{pod}} {{volume}}')],
    threshold: below(horizon),
    shows: ['MemoryBackedVolumeFullSoon'],
  });
  d.timeseries({
    title: `${c.programs.name} read errors`,
    description: `Failed reads per second of each ${c.programs.name} over ${v.exporterErrorsWindow}, by reason (pods_dir, statfs, readdir). Volumes it cannot read have no series: the panels above are blind for them.`,
    unit: units.CountsPerSecond,
    width: 18,
    min: 0,
    queries: [query(tmpfsPollErrors(c), '{{instance}} {{reason}}')],
    threshold: above(0),
    shows: ['TmpfsExporterCannotRead'],
  });
  d.stat({
    title: `${c.programs.name} DaemonSet pods reporting`,
    description: `Pods of the ${c.programs.name} DaemonSet that Prometheus scrapes. At 0 no emptyDir volume is watched.`,
    unit: units.Short,
    width: 6,
    queries: [query(reporting(tmpfsHeartbeat), 'pods')],
    threshold: below(1),
    shows: [tmpfsHeartbeat.alert],
  });
  return d.build();
}
