// PromQL fragments of the Authentik domain, shared by its alerts (and by dashboard panels when they come).
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

/** Node-mode used share > threshold, per volume, with namespace and pod. */
export function nodeShareAbove(ratio: number, podMatchers = ''): string {
  return `${named(shareOf('pod_uid, volume', sel(nodeMode)), podMatchers)}\n  > ${ratio}`;
}

/** A path-mode vector with its mountpoint also as `volume`, so messages name a volume the same way in both modes. */
function asVolume(pathExpr: string): string {
  return `label_replace(\n  ${indent(pathExpr, 2)},\n  "volume", "$1", "mountpoint", "(.+)"\n)`;
}

/** Path-mode used share > threshold, per mountpoint of each pod (`matchers`: which sidecars; default all). */
export function pathShareAbove(ratio: number, matchers: string[] = [pathMode]): string {
  return `${asVolume(shareOf('namespace, pod, mountpoint', sel(...matchers)))}\n  > ${ratio}`;
}

export function nodeFullSoon(c: AuthentikConfig, podMatchers = ''): string {
  return named(fullSoonOf(c, 'pod_uid, volume', sel(nodeMode)), podMatchers);
}

export function pathFullSoon(c: AuthentikConfig, matchers: string[] = [pathMode]): string {
  return asVolume(fullSoonOf(c, 'namespace, pod, mountpoint', sel(...matchers)));
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

// --- Traefik ----------------------------------------------------------------------------------------------

/**
 * How many Traefik routers answer mostly `code`: a forward-auth middleware shared by every protected router
 * turns each of them at once, where one broken client or app turns one.
 */
export function routersAnswering(c: AuthentikConfig, code: string): string {
  const f = c.forwardAuth;
  const total = `sum by (router) (rate(traefik_router_requests_total[${f.rateWindow}]))`;
  return [
    'count(',
    `  sum by (router) (rate(traefik_router_requests_total{code="${code}"}[${f.rateWindow}]))`,
    `    / ${total}`,
    `    > ${f.routerShare}`,
    '  and',
    `  ${total} > ${f.routerMinRequestsPerSecond}`,
    `) >= ${f.minRouters}`,
  ].join('\n');
}

/** The Authentik server Deployment's kube-state-metrics selector. */
export function serverDeployment(c: AuthentikConfig): string {
  return `namespace="${c.authentik.namespace}", deployment="${c.authentik.serverDeployment}"`;
}
