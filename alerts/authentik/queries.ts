// PromQL fragments of the Authentik domain, shared by its alerts and its dashboard (dashboards/authentik.ts).
//
// Memory-backed volumes come from the tmpfs-exporter in two shapes (metrics/catalogue.ts):
//   node mode (the DaemonSet):  tmpfs_volume_*{pod_uid, volume} plus the exporter's own target labels; the pod's
//                               namespace and name come from kube_pod_info{uid} (kube-state-metrics) by a join;
//   path mode (a sidecar):      tmpfs_volume_*{mountpoint} scraped by `kubernetes-pods`, which adds the namespace
//                               and pod of the pod the sidecar runs in.
// Each fragment below returns series labelled namespace, pod and volume (a path-mode volume is named by its
// mountpoint), whichever shape they came from.
import { seconds } from '../../core/duration.ts';
import type { AuthentikConfig, AuthentikOutpost } from './config.ts';

/** Node-mode series carry pod_uid; path-mode ones never do. */
const nodeMode = 'pod_uid=~".+"';
/** Path-mode series carry mountpoint; node-mode ones never do. */
const pathMode = 'mountpoint=~".+"';

const sel = (...matchers: string[]) => `{${matchers.filter(Boolean).join(', ')}}`;

/** Indents every line but the first by n spaces: a multi-line fragment placed at that depth in an expression. */
export function indent(text: string, n: number): string {
  return text.replaceAll('\n', `\n${' '.repeat(n)}`);
}

/**
 * kube_pod_info with the pod's uid copied into pod_uid, one series per pod (kube-state-metrics may run twice
 * during a rollout): the "one" side of the join that names a node-mode volume's pod.
 */
export function podInfo(podMatchers = ''): string {
  return `max by (pod_uid, namespace, pod) (label_replace(kube_pod_info${podMatchers ? `{${podMatchers}}` : ''}, "pod_uid", "$1", "uid", "(.+)"))`;
}

/** Joins a node-mode vector labelled (pod_uid, volume) with its pod's namespace and name. */
function named(nodeExpr: string, podMatchers: string): string {
  return `(\n  ${indent(nodeExpr, 2)}\n)\n* on(pod_uid) group_left(namespace, pod)\n${podInfo(podMatchers)}`;
}

const perVolume = (by: string, metric: string, matchers: string) => `max by (${by}) (${metric}${matchers})`;

/** The used share of each volume in one mode, with the grouping labels of that mode. */
function shareOf(by: string, matchers: string): string {
  return `${perVolume(by, 'tmpfs_volume_used_bytes', matchers)}\n  / ${perVolume(by, 'tmpfs_volume_size_bytes', matchers)}`;
}

/**
 * Seconds until each volume is full at its trend over `trendWindow`, kept only where predict_linear says it is full
 * within `fullSoonHorizon` and the volume is already above `fullSoonMinRatio` used.
 */
function fullSoonOf(c: AuthentikConfig, by: string, matchers: string): string {
  const v = c.volumes;
  const used = `tmpfs_volume_used_bytes${matchers}`;
  const size = perVolume(by, 'tmpfs_volume_size_bytes', matchers);
  return [
    `(${size} - ${perVolume(by, 'tmpfs_volume_used_bytes', matchers)})`,
    `  / max by (${by}) (deriv(${used}[${v.trendWindow}]))`,
    'and',
    `max by (${by}) (predict_linear(${used}[${v.trendWindow}], ${seconds(v.fullSoonHorizon, 'authentik.volumes.fullSoonHorizon')}))`,
    `  >= ${size}`,
    'and',
    `${shareOf(by, matchers)}`,
    `  > ${v.fullSoonMinRatio}`,
  ].join('\n');
}

// --- any pod ---------------------------------------------------------------------------------------------

/** Node-mode used share of each volume, with namespace and pod (`podMatchers`: which pods; default all). */
export function nodeShare(podMatchers = ''): string {
  return named(shareOf('pod_uid, volume', sel(nodeMode)), podMatchers);
}

/** Node-mode used share > threshold, per volume, with namespace and pod. */
export function nodeShareAbove(ratio: number, podMatchers = ''): string {
  return `${nodeShare(podMatchers)}\n  > ${ratio}`;
}

/** A path-mode vector with its mountpoint also as `volume`, so messages name a volume the same way in both modes. */
function asVolume(pathExpr: string): string {
  return `label_replace(\n  ${indent(pathExpr, 2)},\n  "volume", "$1", "mountpoint", "(.+)"\n)`;
}

/** Path-mode used share of each mountpoint of each pod, also labelled `volume` (`matchers`: which sidecars; default all). */
export function pathShare(matchers: string[] = [pathMode]): string {
  return asVolume(shareOf('namespace, pod, mountpoint', sel(...matchers)));
}

/** Path-mode used share > threshold, per mountpoint of each pod (`matchers`: which sidecars; default all). */
export function pathShareAbove(ratio: number, matchers: string[] = [pathMode]): string {
  return `${pathShare(matchers)}\n  > ${ratio}`;
}

export function nodeFullSoon(c: AuthentikConfig, podMatchers = ''): string {
  return named(fullSoonOf(c, 'pod_uid, volume', sel(nodeMode)), podMatchers);
}

export function pathFullSoon(c: AuthentikConfig, matchers: string[] = [pathMode]): string {
  return asVolume(fullSoonOf(c, 'namespace, pod, mountpoint', sel(...matchers)));
}

/** The tmpfs-exporter's failed reads per second, per exporter and reason (over `exporterErrorsWindow`). */
export function tmpfsPollErrors(c: AuthentikConfig): string {
  return `sum by (namespace, service, pod, node, instance, reason) (rate(tmpfs_exporter_poll_errors_total[${c.volumes.exporterErrorsWindow}]))`;
}

// --- Authentik's outposts ----------------------------------------------------------------------------------

/** A regex of the pods of these outposts (Deployment name, ReplicaSet hash, pod suffix). */
export function outpostPods(c: AuthentikConfig, outposts: readonly AuthentikOutpost[] = c.authentik.outposts): string {
  return `${c.authentik.outpostDeploymentPrefix}(${outposts.map((o) => o.name).join('|')})-[a-z0-9]+-[a-z0-9]+`;
}

/** Matchers of an outpost's pods (on kube_pod_info, or on a sidecar's own series). */
export function outpostPodMatchers(c: AuthentikConfig, outposts?: readonly AuthentikOutpost[]): string {
  return `namespace="${c.authentik.namespace}", pod=~"${outpostPods(c, outposts)}"`;
}

/** What the sidecar reports: the path it watches, in the outposts' pods. */
export function outpostSidecar(c: AuthentikConfig, outposts?: readonly AuthentikOutpost[]): string[] {
  return [`mountpoint="${c.programs.sidecar.path}"`, outpostPodMatchers(c, outposts)];
}

/**
 * The outpost pods whose /dev/shm some tmpfs-exporter reports, by (namespace, pod): the sidecar's series (path
 * mode), or the DaemonSet's series of the volume the outpost mounts at /dev/shm (node mode, outposts with one).
 */
export function watchedOutpostShm(c: AuthentikConfig): string {
  const volumes = c.authentik.outposts.map((o) => o.shmVolume).filter(Boolean);
  const sidecar = `tmpfs_volume_size_bytes{${outpostSidecar(c).join(', ')}}`;
  if (!volumes.length) return `max by (namespace, pod) (${sidecar})`;
  const node = named(`max by (pod_uid) (tmpfs_volume_size_bytes{${nodeMode}, volume=~"${[...new Set(volumes)].join('|')}"})`, outpostPodMatchers(c));
  return `max by (namespace, pod) (
  ${sidecar}
  or
  ${indent(node, 2)}
)`;
}

/** Outposts whose sessions belong in PostgreSQL: files in their /dev/shm are the regression. */
export function postgresSessionOutposts(c: AuthentikConfig): AuthentikOutpost[] {
  return c.authentik.outposts.filter((o) => o.sessionsInPostgres);
}

/** The outpost pods kube-state-metrics reports Ready, by (namespace, pod), value 1. */
export function readyOutpostPods(c: AuthentikConfig): string {
  return `max by (namespace, pod) (kube_pod_status_ready{${outpostPodMatchers(c)}, condition="true"} == 1)`;
}

/**
 * Entries in the /dev/shm of each pod of the outposts whose sessions belong in PostgreSQL, by (namespace, pod):
 * node mode counts the pod's memory-backed volumes, path mode the sidecar's path.
 */
export function sessionOutpostShmEntries(c: AuthentikConfig): string {
  const outposts = postgresSessionOutposts(c);
  return `max by (namespace, pod) (
  (
    max by (pod_uid) (tmpfs_volume_directory_entries{${nodeMode}})
    * on(pod_uid) group_left(namespace, pod)
    ${podInfo(outpostPodMatchers(c, outposts))}
  )
  or
  tmpfs_volume_directory_entries{${outpostSidecar(c, outposts).join(', ')}}
)`;
}

/** Each outpost container's working set over its memory limit, by (namespace, pod, container). */
export function outpostMemoryRatio(c: AuthentikConfig): string {
  const containers = `${outpostPodMatchers(c)}, container="${c.authentik.outpostContainer}"`;
  return `max by (namespace, pod, container) (container_memory_working_set_bytes{${containers}})
  / on(namespace, pod, container)
max by (namespace, pod, container) (kube_pod_container_resource_limits{${containers}, resource="memory"})`;
}

/** Restarts of each outpost container within `restartsWindow`, by (namespace, pod, container). */
export function outpostRestarts(c: AuthentikConfig): string {
  return `max by (namespace, pod, container) (increase(kube_pod_container_status_restarts_total{${outpostPodMatchers(c)}, container="${c.authentik.outpostContainer}"}[${c.outposts.restartsWindow}]))`;
}

// --- Traefik ----------------------------------------------------------------------------------------------

/** Requests per second of each Traefik router (over `forwardAuth.rateWindow`). */
export function routerRequestRate(c: AuthentikConfig): string {
  return `sum by (router) (rate(traefik_router_requests_total[${c.forwardAuth.rateWindow}]))`;
}

/** The share of each router's requests answered with `code`. */
export function routerCodeShare(c: AuthentikConfig, code: string): string {
  return `sum by (router) (rate(traefik_router_requests_total{code="${code}"}[${c.forwardAuth.rateWindow}]))\n    / ${routerRequestRate(c)}`;
}

/** The routers busy enough for their share to mean something. */
export function busyRouters(c: AuthentikConfig): string {
  return `${routerRequestRate(c)} > ${c.forwardAuth.routerMinRequestsPerSecond}`;
}

/** How many busy Traefik routers answer more than `routerShare` of their requests with `code` (no series when none). */
export function routersMostly(c: AuthentikConfig, code: string): string {
  return ['count(', `  ${routerCodeShare(c, code)}`, `    > ${c.forwardAuth.routerShare}`, '  and', `  ${busyRouters(c)}`, ')'].join('\n');
}

/**
 * Whether at least `minRouters` Traefik routers answer mostly `code`: a forward-auth middleware shared by every
 * protected router turns each of them at once, where one broken client or app turns one.
 */
export function routersAnswering(c: AuthentikConfig, code: string): string {
  return `${routersMostly(c, code)} >= ${c.forwardAuth.minRouters}`;
}

/** The Authentik server Deployment's kube-state-metrics selector. */
export function serverDeployment(c: AuthentikConfig): string {
  return `namespace="${c.authentik.namespace}", deployment="${c.authentik.serverDeployment}"`;
}

/** Requests per second to Traefik's router of the Authentik UI's `/` (over `server.rootRateWindow`). */
export function uiRequestRate(c: AuthentikConfig): string {
  return `sum(rate(traefik_router_requests_total{router="${c.server.rootRouter}"}[${c.server.rootRateWindow}]))`;
}

/** The share of the UI router's requests that get 502/503/504 (no ready server behind Traefik). */
export function uiErrorRatio(c: AuthentikConfig): string {
  return `sum(rate(traefik_router_requests_total{router="${c.server.rootRouter}", code=~"50[234]"}[${c.server.rootRateWindow}]))\n  / ${uiRequestRate(c)}`;
}

// --- the walled-off public paths ----------------------------------------------------------------------------

/** Per must-stay-public URL (labels instance and service), 1 when its answer redirects to Authentik. */
export function wallOffProbes(c: AuthentikConfig): string {
  return `probe_failed_due_to_regex{job="${c.wallOff.job}"}`;
}
