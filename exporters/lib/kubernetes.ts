// What every program's manifests share: recommended labels, a locked-down security context, resources.
// Plain objects with keys in a fixed order, so the rendered YAML is deterministic.

export const partOf = 'homelab-observability';

export interface Resources {
  readonly requests: { readonly cpu: string; readonly memory: string };
  readonly limits: { readonly cpu: string; readonly memory: string };
}

export function labels(name: string, component: string): Record<string, string> {
  return {
    'app.kubernetes.io/name': name,
    'app.kubernetes.io/component': component,
    'app.kubernetes.io/part-of': partOf,
  };
}

export function resources(r: Resources): Record<string, unknown> {
  return {
    requests: { cpu: r.requests.cpu, memory: r.requests.memory },
    limits: { cpu: r.limits.cpu, memory: r.limits.memory },
  };
}

export function podSecurityContext(runAsUser: number): Record<string, unknown> {
  return {
    runAsNonRoot: true,
    runAsUser,
    runAsGroup: runAsUser,
    fsGroup: runAsUser,
    seccompProfile: { type: 'RuntimeDefault' },
  };
}

export const containerSecurityContext = {
  allowPrivilegeEscalation: false,
  readOnlyRootFilesystem: true,
  runAsNonRoot: true,
  capabilities: { drop: ['ALL'] },
};

/** The annotations the cluster's `kubernetes-service-endpoints` scrape job discovers a Service by. */
export function scrapeAnnotations(port: number): Record<string, string> {
  return { 'prometheus.io/scrape': 'true', 'prometheus.io/port': String(port), 'prometheus.io/path': '/metrics' };
}

/**
 * The Service in front of an exporter's pods: its `http-metrics` port, annotated for the cluster's
 * `kubernetes-service-endpoints` job, whose `service` label is this Service's name.
 */
export function metricsService(name: string, namespace: string, port: number, selector: Record<string, string>): Record<string, unknown> {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name, namespace, labels: labels(name, 'exporter'), annotations: scrapeAnnotations(port) },
    spec: {
      type: 'ClusterIP',
      selector,
      ports: [{ name: 'http-metrics', port, targetPort: 'http-metrics', protocol: 'TCP' }],
    },
  };
}
