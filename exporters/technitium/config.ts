// The Technitium programs' facts, written once: where Technitium runs, what the exporter and the zone-sync
// are called, their ports, schedule, intervals, secrets and resources. The programs take their defaults from
// here, the manifests (manifests.ts) are built from it, and the DNS alerts derive their selectors from it
// (alerts/dns/config.ts), so a name changed here changes everywhere. Cluster facts: docs/design/cluster.md.
import type { Duration } from '../../core/duration.ts';
import type { Resources } from '../lib/kubernetes.ts';

export type Role = 'primary' | 'replica';

export interface TechnitiumInstance {
  /** Value of the `server` label the exporter sets. */
  readonly server: string;
  readonly role: Role;
  /** Kubernetes Deployment (and pod name prefix) in the Technitium namespace. */
  readonly deployment: string;
  /** Base URL of the web API, as the programs reach it. */
  readonly url: string;
}

export interface TechnitiumPrograms {
  /** Where Technitium runs. */
  readonly technitium: {
    readonly namespace: string;
    readonly instances: readonly TechnitiumInstance[];
  };
  readonly image: { readonly repository: string; readonly tag: string; readonly pullPolicy: 'IfNotPresent' | 'Always' };
  /** Node binary in the image (exporters/Dockerfile: distroless nodejs20 keeps it at /nodejs/bin/node). */
  readonly nodeBinary: string;
  readonly runAsUser: number;
  readonly exporter: {
    /** Deployment, Service and container name; the Service name is the `service` label of its scrape target. */
    readonly name: string;
    readonly port: number;
    readonly intervalSeconds: number;
    readonly timeoutSeconds: number;
    readonly staleAfterSeconds: number;
    readonly zonesPerPage: number;
    readonly stateDir: string;
    /** Secret holding a read-only API token under `key`. */
    readonly secret: { readonly name: string; readonly key: string };
    readonly resources: Resources;
  };
  readonly zoneSync: {
    /** CronJob name, and the Pushgateway grouping key `job` it pushes under. */
    readonly job: string;
    readonly schedule: string;
    /** The schedule's period, which staleness is measured in. */
    readonly period: Duration;
    /** DNS address of the primary that replicas transfer zones from (primaryNameServerAddresses). */
    readonly primaryAddress: string;
    readonly zoneTransfer: string;
    readonly timeoutSeconds: number;
    readonly pushgatewayUrl: string;
    /** Secret holding an API token allowed to modify zones on every instance, under `key`. */
    readonly secret: { readonly name: string; readonly key: string };
    readonly activeDeadlineSeconds: number;
    readonly resources: Resources;
  };
}

export const technitiumPrograms: TechnitiumPrograms = {
  technitium: {
    namespace: 'technitium',
    instances: [
      { server: 'primary', role: 'primary', deployment: 'technitium', url: 'http://technitium-web.technitium:5380' },
      { server: 'secondary', role: 'replica', deployment: 'technitium-secondary', url: 'http://technitium-secondary-web.technitium:5380' },
      { server: 'tertiary', role: 'replica', deployment: 'technitium-tertiary', url: 'http://technitium-tertiary-web.technitium:5380' },
    ],
  },
  image: { repository: 'ghcr.io/viktorbarzin/homelab-exporters', tag: '0.1.0', pullPolicy: 'IfNotPresent' },
  nodeBinary: '/nodejs/bin/node',
  runAsUser: 65532,
  exporter: {
    name: 'technitium-exporter',
    port: 9274,
    intervalSeconds: 30,
    timeoutSeconds: 10,
    staleAfterSeconds: 300,
    zonesPerPage: 100,
    stateDir: '/var/lib/technitium-exporter',
    secret: { name: 'technitium-exporter-token', key: 'token' },
    resources: { requests: { cpu: '10m', memory: '48Mi' }, limits: { cpu: '200m', memory: '128Mi' } },
  },
  zoneSync: {
    job: 'technitium-zone-sync',
    schedule: '*/30 * * * *',
    period: '30m',
    primaryAddress: 'technitium-dns.technitium.svc.cluster.local',
    zoneTransfer: 'Allow',
    timeoutSeconds: 15,
    pushgatewayUrl: 'http://prometheus-prometheus-pushgateway.monitoring:9091',
    secret: { name: 'technitium-zone-sync-token', key: 'token' },
    activeDeadlineSeconds: 600,
    resources: { requests: { cpu: '10m', memory: '48Mi' }, limits: { cpu: '200m', memory: '128Mi' } },
  },
};
