// Kubernetes manifests of the tmpfs-exporter, from the same config object the program and the alerts read
// (config.ts): the node-mode DaemonSet with its Service (annotated for the cluster's kubernetes-service-endpoints
// scrape job), and the path-mode sidecar as JSON patch operations, because the pods it watches belong to a
// controller this package does not own (Authentik's outpost controller applies `kubernetes_json_patches`).
import type { ManifestFile } from '../../core/emit/kubernetes.ts';
import { containerSecurityContext, labels, metricsService, podSecurityContext, resources, scrapeAnnotations } from '../lib/kubernetes.ts';
import type { TmpfsPrograms } from './config.ts';

function image(p: TmpfsPrograms): string {
  return `${p.image.repository}:${p.image.tag}`;
}

const probes = {
  readinessProbe: { httpGet: { path: '/readyz', port: 'http-metrics' }, periodSeconds: 10, failureThreshold: 3 },
  livenessProbe: { httpGet: { path: '/healthz', port: 'http-metrics' }, periodSeconds: 20, failureThreshold: 3 },
};

function commonArgs(p: TmpfsPrograms): string[] {
  return [`--listen-address=0.0.0.0:${p.port}`, `--interval=${p.intervalSeconds}s`, `--count-budget=${p.countBudgetSeconds}s`];
}

export function tmpfsExporterObjects(namespace: string, p: TmpfsPrograms): Record<string, unknown>[] {
  const selector = { 'app.kubernetes.io/name': p.name };
  const hostPods = 'kubelet-pods';
  const daemonSet = {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name: p.name, namespace, labels: labels(p.name, 'exporter') },
    spec: {
      revisionHistoryLimit: 3,
      selector: { matchLabels: selector },
      updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1 } },
      template: {
        metadata: { labels: labels(p.name, 'exporter') },
        spec: {
          automountServiceAccountToken: false,
          // Every node, control plane and tainted ones included: a pod anywhere can fill a memory-backed volume.
          tolerations: [{ operator: 'Exists' }],
          securityContext: { ...podSecurityContext(p.node.runAsUser), runAsNonRoot: false },
          containers: [
            {
              name: p.name,
              image: image(p),
              imagePullPolicy: p.image.pullPolicy,
              command: [p.nodeBinary, ...p.nodeFlags, `/app/${p.name}.mjs`],
              args: [`--pods-dir=${p.node.mountPath}`, ...commonArgs(p)],
              env: [{ name: 'LOG_FORMAT', value: 'json' }],
              ports: [{ name: 'http-metrics', containerPort: p.port, protocol: 'TCP' }],
              ...probes,
              resources: resources(p.node.resources),
              securityContext: { ...containerSecurityContext, runAsNonRoot: false, capabilities: { drop: ['ALL'], add: ['DAC_READ_SEARCH'] } },
              volumeMounts: [{ name: hostPods, mountPath: p.node.mountPath, readOnly: true, mountPropagation: 'HostToContainer' }],
            },
          ],
          volumes: [{ name: hostPods, hostPath: { path: p.node.kubeletPodsDir, type: 'Directory' } }],
        },
      },
    },
  };
  const service = metricsService(p.name, namespace, p.port, selector);
  return [daemonSet, service];
}

export function tmpfsManifests(namespace: string, p: TmpfsPrograms): ManifestFile[] {
  return [{ file: `${p.name}.yaml`, objects: tmpfsExporterObjects(namespace, p) }];
}

/** One RFC 6902 operation, as Authentik's `kubernetes_json_patches` takes them. */
export interface JsonPatchOp {
  readonly op: 'add';
  readonly path: string;
  readonly value: unknown;
}

/**
 * The sidecar, as JSON patch operations on a Deployment whose pods it should watch: a container reporting
 * `p.sidecar.path` (read-only) and the pod annotations the cluster's `kubernetes-pods` scrape job discovers it by.
 * `shmVolume` names the memory-backed volume the main container mounts at that path; empty when it is the pod's
 * own runtime /dev/shm, which every container of the pod shares without a volume.
 */
export function sidecarPatch(p: TmpfsPrograms, shmVolume: string): JsonPatchOp[] {
  const container = {
    name: p.name,
    image: image(p),
    imagePullPolicy: p.image.pullPolicy,
    command: [p.nodeBinary, ...p.nodeFlags, `/app/${p.name}.mjs`],
    args: [`--path=${p.sidecar.path}`, ...commonArgs(p)],
    env: [{ name: 'LOG_FORMAT', value: 'json' }],
    ports: [{ name: 'http-metrics', containerPort: p.port, protocol: 'TCP' }],
    ...probes,
    resources: resources(p.sidecar.resources),
    securityContext: { ...containerSecurityContext, runAsUser: p.sidecar.runAsUser, runAsGroup: p.sidecar.runAsUser },
    ...(shmVolume ? { volumeMounts: [{ name: shmVolume, mountPath: p.sidecar.path, readOnly: true }] } : {}),
  };
  return [
    { op: 'add', path: '/spec/template/spec/containers/-', value: container },
    // The outpost controller's pod template has labels only, so `add` creates the annotations object.
    { op: 'add', path: '/spec/template/metadata/annotations', value: scrapeAnnotations(p.port) },
  ];
}
