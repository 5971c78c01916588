// Kubernetes manifests of the Technitium programs: technitium-exporter (Deployment + Service, scraped through
// the prometheus.io annotations) and the technitium-zone-sync CronJob, each with the ExternalSecret that brings
// its Technitium user from Vault when that is configured. Built from the same config object the programs and the
// DNS alerts read (config.ts); secrets by reference only.
import type { ManifestFile } from '../../core/emit/kubernetes.ts';
import { containerSecurityContext, labels, metricsService, podSecurityContext, resources } from '../lib/kubernetes.ts';
import type { CredentialsSource, TechnitiumPrograms } from './config.ts';
import { zoneTransferSetting } from './zones.ts';

function image(p: TechnitiumPrograms): string {
  return `${p.image.repository}:${p.image.tag}`;
}

function instanceArgs(p: TechnitiumPrograms): string[] {
  return p.technitium.instances.map((i) => `--instance=${i.server}=${i.role}=${i.url}`);
}

/** Where the user's password is mounted (a file, never an environment variable's value). */
function passwordFile(program: string): string {
  return `/etc/${program}/password`;
}

/** The user name from the Secret (not secret, but it lives with the password) and the password as a file. */
function credentialsEnv(c: CredentialsSource): Record<string, unknown>[] {
  return [{ name: 'TECHNITIUM_USER', valueFrom: { secretKeyRef: { name: c.secret.name, key: c.secret.userKey } } }];
}

function credentialsVolume(c: CredentialsSource): Record<string, unknown> {
  return { name: 'credentials', secret: { secretName: c.secret.name, items: [{ key: c.secret.passwordKey, path: 'password' }], defaultMode: 0o440 } };
}

/**
 * The ExternalSecret that creates the program's Secret from Vault (External Secrets Operator, API
 * external-secrets.io/v1 as the cluster's stacks use it), when configured.
 */
export function credentialsExternalSecret(namespace: string, program: string, c: CredentialsSource): Record<string, unknown>[] {
  const x = c.externalSecret;
  if (!x.enabled) return [];
  return [
    {
      apiVersion: 'external-secrets.io/v1',
      kind: 'ExternalSecret',
      metadata: { name: c.secret.name, namespace, labels: labels(program, 'credentials') },
      spec: {
        refreshInterval: x.refreshInterval,
        secretStoreRef: { name: x.store, kind: 'ClusterSecretStore' },
        target: { name: c.secret.name, creationPolicy: 'Owner' },
        data: [
          { secretKey: c.secret.userKey, remoteRef: { key: x.key, property: x.userProperty } },
          { secretKey: c.secret.passwordKey, remoteRef: { key: x.key, property: x.passwordProperty } },
        ],
      },
    },
  ];
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
                `--max-zones=${x.maxZones}`,
                `--max-response-bytes=${p.limits.maxResponseBytes}`,
                `--state-file=${x.stateDir}/state.json`,
                `--password-file=${passwordFile(x.name)}`,
              ],
              env: [{ name: 'LOG_FORMAT', value: 'json' }, ...credentialsEnv(x.credentials)],
              ports: [{ name: 'http-metrics', containerPort: x.port, protocol: 'TCP' }],
              readinessProbe: { httpGet: { path: '/readyz', port: 'http-metrics' }, periodSeconds: 10, failureThreshold: 3 },
              livenessProbe: { httpGet: { path: '/healthz', port: 'http-metrics' }, periodSeconds: 20, failureThreshold: 3 },
              resources: resources(x.resources),
              securityContext: containerSecurityContext,
              volumeMounts: [
                { name: 'credentials', mountPath: `/etc/${x.name}`, readOnly: true },
                { name: 'state', mountPath: x.stateDir },
              ],
            },
          ],
          volumes: [credentialsVolume(x.credentials), { name: 'state', emptyDir: { sizeLimit: '1Mi' } }],
        },
      },
    },
  };
  const service = metricsService(x.name, namespace, x.port, selector);
  return [...credentialsExternalSecret(namespace, x.name, x.credentials), deployment, service];
}

export function zoneSyncObjects(namespace: string, p: TechnitiumPrograms): Record<string, unknown>[] {
  const z = p.zoneSync;
  const name = z.job;
  // What the program would refuse at start-up, the build refuses (the message names the config field).
  let transfer: ReturnType<typeof zoneTransferSetting>;
  try {
    transfer = zoneTransferSetting(z.zoneTransfer, z.zoneTransferAcl);
  } catch (err) {
    throw new Error(`programs.zoneSync.zoneTransfer / zoneTransferAcl (exporters/technitium/config.ts): ${(err as Error).message}`);
  }
  return [
    ...credentialsExternalSecret(namespace, name, z.credentials),
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
                      `--zone-transfer=${transfer.mode}`,
                      ...(transfer.acl.length ? [`--zone-transfer-acl=${transfer.acl.join(',')}`] : []),
                      `--timeout=${z.timeoutSeconds}s`,
                      `--max-response-bytes=${p.limits.maxResponseBytes}`,
                      `--pushgateway=${z.pushgatewayUrl}`,
                      `--job=${z.job}`,
                      `--push-instance=${z.pushInstance}`,
                      `--password-file=${passwordFile(name)}`,
                    ],
                    env: [{ name: 'LOG_FORMAT', value: 'json' }, ...credentialsEnv(z.credentials)],
                    resources: resources(z.resources),
                    securityContext: containerSecurityContext,
                    volumeMounts: [{ name: 'credentials', mountPath: `/etc/${name}`, readOnly: true }],
                  },
                ],
                volumes: [credentialsVolume(z.credentials)],
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
