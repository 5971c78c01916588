// Grafana dashboards: generated/grafana/dashboards/<uid>.json (for import, the mixin and review), and one
// ConfigMap per dashboard for the Grafana Helm chart's dashboard sidecar: label grafana_dashboard: "1",
// annotation grafana_folder: <folder>, the JSON under the data key <uid>.json (unique per folder, since uids
// are unique: two ConfigMaps with one key in one folder overwrite each other).
import type { GlobalConfig } from '../config.ts';
import type { DashboardDef } from '../grafana/dashboard.ts';
import type { ManifestFile } from './kubernetes.ts';

export const dashboardsDir = 'grafana/dashboards';
export const sidecarLabel = 'grafana_dashboard';
export const folderAnnotation = 'grafana_folder';

/** The dashboard as Grafana imports it: indented JSON, keys in the SDK's order, a final newline. */
export function dashboardJson(d: DashboardDef): string {
  return `${JSON.stringify(d.json, null, 2)}\n`;
}

/** A Kubernetes name (lower-case RFC 1123) from a uid, which may hold upper case and "_". */
export function configMapName(uid: string): string {
  return `grafana-dashboard-${uid.toLowerCase().replace(/_/g, '-')}`;
}

export function dashboardConfigMap(d: DashboardDef, global: GlobalConfig): object {
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: {
      name: configMapName(d.uid),
      namespace: global.namespace,
      labels: { [sidecarLabel]: '1' },
      annotations: { [folderAnnotation]: d.folder },
    },
    data: { [`${d.uid}.json`]: dashboardJson(d) },
  };
}

export function dashboardManifest(d: DashboardDef, global: GlobalConfig): ManifestFile {
  return { file: `${configMapName(d.uid)}.yaml`, objects: [dashboardConfigMap(d, global)] };
}

/**
 * What client-side `kubectl apply` stores of the ConfigMap in its last-applied-configuration annotation: the
 * object as JSON. All annotations of an object together may hold 262,144 bytes.
 */
export function configMapBytes(d: DashboardDef, global: GlobalConfig): number {
  return Buffer.byteLength(JSON.stringify(dashboardConfigMap(d, global)), 'utf8');
}
