// Kubernetes manifests of the exporters: technitium-exporter (Deployment + Service, scraped through the
// prometheus.io annotations) and the technitium-zone-sync CronJob. Plain objects with keys in a fixed
// order; secrets by reference only; the lead's build writes them to generated/kubernetes/monitoring/.
import type { Config } from '../core/config.ts';
import { exporterDefaults, type ExporterDefaults, type Resources } from './config.ts';

export interface ExporterManifestFile {
  file: string;
  objects: Record<string, unknown>[];
}

const partOf = 'homelab-observability';

function labels(name: string, component: string): Record<string, string> {
  return {
    'app.kubernetes.io/name': name,
    'app.kubernetes.io/component': component,
    'app.kubernetes.io/part-of': partOf,
  };
}

function resources(r: Resources): Record<string, unknown> {
  return {
    requests: { cpu: r.requests.cpu, memory: r.requests.memory },
    limits: { cpu: r.limits.cpu, memory: r.limits.memory },
  };
}

function podSecurityContext(d: ExporterDefaults): Record<string, unknown> {
  return {
    runAsNonRoot: true,
    runAsUser: d.runAsUser,
    runAsGroup: d.runAsUser,
    fsGroup: d.runAsUser,
    seccompProfile: { type: 'RuntimeDefault' },
  };
}

const containerSecurityContext = {
  allowPrivilegeEscalation: false,
  readOnlyRootFilesystem: true,
  runAsNonRoot: true,
  capabilities: { drop: ['ALL'] },
};

function image(d: ExporterDefaults): string {
  return `${d.image.repository}:${d.image.tag}`;
}

function instanceArgs(cfg: Config): string[] {
  return cfg.technitium.instances.map((i) => `--instance=${i.server}=${i.role}=${i.url}`);
}

export function technitiumExporterObjects(cfg: Config, d: ExporterDefaults = exporterDefaults): Record<string, unknown>[] {
  const x = d.technitiumExporter;
  const selector = { 'app.kubernetes.io/name': x.name };
  const deployment = {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: x.name, namespace: cfg.namespace, labels: labels(x.name, 'exporter') },
    spec: {
      replicas: 1,
      revisionHistoryLimit: 3,
      selector: { matchLabels: selector },
      strategy: { type: 'Recreate' },
      template: {
        metadata: { labels: labels(x.name, 'exporter') },
        spec: {
          automountServiceAccountToken: false,
          securityContext: podSecurityContext(d),
          containers: [
            {
              name: x.name,
              image: image(d),
              imagePullPolicy: d.image.pullPolicy,
              command: [d.nodeBinary, '/app/technitium-exporter.mjs'],
              args: [
                ...instanceArgs(cfg),
                `--listen-address=0.0.0.0:${x.port}`,
                `--interval=${x.intervalSeconds}s`,
                `--timeout=${x.timeoutSeconds}s`,
                `--stale-after=${x.staleAfterSeconds}s`,
                `--zones-per-page=${x.zonesPerPage}`,
                `--state-file=${x.stateDir}/state.json`,
                '--token-file=/etc/technitium-exporter/token',
              ],
              env: [{ name: 'LOG_FORMAT', value: 'json' }],
              ports: [{ name: 'http-metrics', containerPort: x.port, protocol: 'TCP' }],
              readinessProbe: { httpGet: { path: '/readyz', port: 'http-metrics' }, periodSeconds: 10, failureThreshold: 3 },
              livenessProbe: { httpGet: { path: '/healthz', port: 'http-metrics' }, periodSeconds: 20, failureThreshold: 3 },
              resources: resources(x.resources),
              securityContext: containerSecurityContext,
              volumeMounts: [
                { name: 'token', mountPath: '/etc/technitium-exporter', readOnly: true },
                { name: 'state', mountPath: x.stateDir },
              ],
            },
          ],
          volumes: [
            { name: 'token', secret: { secretName: x.secret.name, items: [{ key: x.secret.key, path: 'token' }], defaultMode: 0o440 } },
            { name: 'state', emptyDir: { sizeLimit: '1Mi' } },
          ],
        },
      },
    },
  };
  const service = {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: {
      name: x.name,
      namespace: cfg.namespace,
      labels: labels(x.name, 'exporter'),
      annotations: {
        'prometheus.io/scrape': 'true',
        'prometheus.io/port': String(x.port),
        'prometheus.io/path': '/metrics',
      },
    },
    spec: {
      type: 'ClusterIP',
      selector,
      ports: [{ name: 'http-metrics', port: x.port, targetPort: 'http-metrics', protocol: 'TCP' }],
    },
  };
  return [deployment, service];
}

export function zoneSyncObjects(cfg: Config, d: ExporterDefaults = exporterDefaults): Record<string, unknown>[] {
  const z = d.zoneSync;
  const name = cfg.zoneSync.job;
  return [
    {
      apiVersion: 'batch/v1',
      kind: 'CronJob',
      metadata: { name, namespace: cfg.namespace, labels: labels(name, 'cronjob') },
      spec: {
        schedule: z.schedule,
        concurrencyPolicy: 'Forbid',
        startingDeadlineSeconds: 300,
        successfulJobsHistoryLimit: 1,
        failedJobsHistoryLimit: 3,
        jobTemplate: {
          metadata: { labels: labels(name, 'cronjob') },
          spec: {
            backoffLimit: 0,
            activeDeadlineSeconds: z.activeDeadlineSeconds,
            template: {
              metadata: { labels: labels(name, 'cronjob') },
              spec: {
                restartPolicy: 'Never',
                automountServiceAccountToken: false,
                securityContext: podSecurityContext(d),
                containers: [
                  {
                    name,
                    image: image(d),
                    imagePullPolicy: d.image.pullPolicy,
                    command: [d.nodeBinary, '/app/technitium-zone-sync.mjs'],
                    args: [
                      ...instanceArgs(cfg),
                      `--primary-address=${z.primaryAddress}`,
                      `--zone-transfer=${z.zoneTransfer}`,
                      `--timeout=${z.timeoutSeconds}s`,
                      `--pushgateway=${z.pushgatewayUrl}`,
                    ],
                    env: [
                      { name: 'LOG_FORMAT', value: 'json' },
                      { name: 'TECHNITIUM_TOKEN', valueFrom: { secretKeyRef: { name: z.secret.name, key: z.secret.key } } },
                    ],
                    resources: resources(z.resources),
                    securityContext: containerSecurityContext,
                  },
                ],
              },
            },
          },
        },
      },
    },
  ];
}

export function exporterManifests(cfg: Config): { file: string; objects: Record<string, unknown>[] }[] {
  return [
    { file: 'technitium-exporter.yaml', objects: technitiumExporterObjects(cfg) },
    { file: 'technitium-zone-sync-cronjob.yaml', objects: zoneSyncObjects(cfg) },
  ];
}
