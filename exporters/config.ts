// Exporter-specific defaults: images, ports, intervals, secret names. Cluster-wide values (namespace,
// Technitium instances, the zone-sync job name and period) come from core/config.ts.

export interface ExporterDefaults {
  readonly image: { readonly repository: string; readonly tag: string; readonly pullPolicy: 'IfNotPresent' | 'Always' };
  /** Node binary in the image (exporters/Dockerfile: distroless nodejs20 keeps it at /nodejs/bin/node). */
  readonly nodeBinary: string;
  readonly technitiumExporter: {
    readonly name: string;
    readonly port: number;
    readonly listenAddress: string;
    readonly intervalSeconds: number;
    readonly timeoutSeconds: number;
    readonly staleAfterSeconds: number;
    readonly zonesPerPage: number;
    readonly stateDir: string;
    /** Secret holding a read-only API token (Dashboard: View, Zones: View) under `key`. */
    readonly secret: { readonly name: string; readonly key: string };
    readonly resources: Resources;
  };
  readonly zoneSync: {
    readonly name: string;
    readonly schedule: string;
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
  readonly runAsUser: number;
}

export interface Resources {
  readonly requests: { readonly cpu: string; readonly memory: string };
  readonly limits: { readonly cpu: string; readonly memory: string };
}

export const exporterDefaults: ExporterDefaults = {
  image: { repository: 'ghcr.io/viktorbarzin/homelab-exporters', tag: '0.1.0', pullPolicy: 'IfNotPresent' },
  nodeBinary: '/nodejs/bin/node',
  technitiumExporter: {
    name: 'technitium-exporter',
    port: 9274,
    listenAddress: '0.0.0.0:9274',
    intervalSeconds: 30,
    timeoutSeconds: 10,
    staleAfterSeconds: 300,
    zonesPerPage: 100,
    stateDir: '/var/lib/technitium-exporter',
    secret: { name: 'technitium-exporter-token', key: 'token' },
    resources: { requests: { cpu: '10m', memory: '48Mi' }, limits: { cpu: '200m', memory: '128Mi' } },
  },
  zoneSync: {
    name: 'technitium-zone-sync',
    schedule: '*/30 * * * *',
    primaryAddress: 'technitium-dns.technitium.svc.cluster.local',
    zoneTransfer: 'Allow',
    timeoutSeconds: 15,
    pushgatewayUrl: 'http://prometheus-prometheus-pushgateway.monitoring:9091',
    secret: { name: 'technitium-zone-sync-token', key: 'token' },
    activeDeadlineSeconds: 600,
    resources: { requests: { cpu: '10m', memory: '48Mi' }, limits: { cpu: '200m', memory: '128Mi' } },
  },
  runAsUser: 65532,
};
