// Kubernetes manifests of the Technitium programs: technitium-exporter (Deployment + Service, scraped through
// the prometheus.io annotations) and the technitium-zone-sync CronJob. Built from the same config object the
// programs and the DNS alerts read (config.ts); secrets by reference only.
import type { ManifestFile } from '../../core/emit/kubernetes.ts';
import { containerSecurityContext, labels, podSecurityContext, resources, scrapeAnnotations } from '../lib/kubernetes.ts';
import type { TechnitiumPrograms } from './config.ts';

function image(p: TechnitiumPrograms): string {
  return `${p.image.repository}:${p.image.tag}`;
}

function instanceArgs(p: TechnitiumPrograms): string[] {
  return p.technitium.instances.map((i) => `--instance=${i.server}=${i.role}=${i.url}`);
}

export function technitiumExporterObjects(namespace: string, p: TechnitiumPrograms): Record<string, unknown>[] {
  const x = p.exporter;
  const selector = { 'app.kubernetes.io/name': x.name };
  const deployment = {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: x.name, namespace, labels: labels(x.name, 'exporter') },
    spec: {
      replicas: 1,
      revisionHistoryLimit: 3,
      selector: { matchLabels: selector },
      strategy: { type: 'Recreate' },
      template: {
        metadata: { labels: labels(x.name, 'exporter') },
        spec: {
          automountServiceAccountToken: false,
          securityContext: podSecurityContext(p.runAsUser),
          containers: [
            {
              name: x.name,
              image: image(p),
              imagePullPolicy: p.image.pullPolicy,
              command: [p.nodeBinary, `/app/${x.name}.mjs`],
              args: [
                ...instanceArgs(p),
                `--listen-address=0.0.0.0:${x.port}`,
                `--interval=${x.intervalSeconds}s`,
                `--timeout=${x.timeoutSeconds}s`,
                `--stale-after=${x.staleAfterSeconds}s`,
                `--zones-per-page=${x.zonesPerPage}`,
                `--state-file=${x.stateDir}/state.json`,
                `--token-file=/etc/${x.name}/token`,
              ],
              env: [{ name: 'LOG_FORMAT', value: 'json' }],
              ports: [{ name: 'http-metrics', containerPort: x.port, protocol: 'TCP' }],
              readinessProbe: { httpGet: { path: '/readyz', port: 'http-metrics' }, periodSeconds: 10, failureThreshold: 3 },
              livenessProbe: { httpGet: { path: '/healthz', port: 'http-metrics' }, periodSeconds: 20, failureThreshold: 3 },
              resources: resources(x.resources),
              securityContext: containerSecurityContext,
              volumeMounts: [
                { name: 'token', mountPath: `/etc/${x.name}`, readOnly: true },
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
    metadata: { name: x.name, namespace, labels: labels(x.name, 'exporter'), annotations: scrapeAnnotations(x.port) },
    spec: {
      type: 'ClusterIP',
      selector,
      ports: [{ name: 'http-metrics', port: x.port, targetPort: 'http-metrics', protocol: 'TCP' }],
    },
  };
  return [deployment, service];
}

export function zoneSyncObjects(namespace: string, p: TechnitiumPrograms): Record<string, unknown>[] {
  const z = p.zoneSync;
  const name = z.job;
  return [
    {
      apiVersion: 'batch/v1',
      kind: 'CronJob',
      metadata: { name, namespace, labels: labels(name, 'cronjob') },
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
                securityContext: podSecurityContext(p.runAsUser),
                containers: [
                  {
                    name,
                    image: image(p),
                    imagePullPolicy: p.image.pullPolicy,
                    command: [p.nodeBinary, `/app/${name}.mjs`],
                    args: [
                      ...instanceArgs(p),
                      `--primary-address=${z.primaryAddress}`,
                      `--zone-transfer=${z.zoneTransfer}`,
                      `--timeout=${z.timeoutSeconds}s`,
                      `--pushgateway=${z.pushgatewayUrl}`,
                      `--job=${z.job}`,
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

export function technitiumManifests(namespace: string, p: TechnitiumPrograms): ManifestFile[] {
  return [
    { file: `${p.exporter.name}.yaml`, objects: technitiumExporterObjects(namespace, p) },
    { file: `${p.zoneSync.job}-cronjob.yaml`, objects: zoneSyncObjects(namespace, p) },
  ];
}
