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

/**
 * Where a program's Technitium user comes from: a Secret with the user's name and password (each program logs
 * in on each instance with them: an API token is valid only on the instance that issued it, UserSession.cs,
 * while the same user exists on all three). The rights the user needs: exporters/README.md.
 */
export interface CredentialsSource {
  /** The Secret, in the programs' namespace, and its keys. */
  readonly secret: { readonly name: string; readonly userKey: string; readonly passwordKey: string };
  /**
   * An ExternalSecret (External Secrets Operator, external-secrets.io/v1) that creates that Secret from Vault;
   * generated when `enabled`, otherwise create the Secret out of band.
   */
  readonly externalSecret: {
    readonly enabled: boolean;
    /** The ClusterSecretStore that reads Vault's KV engine. */
    readonly store: string;
    /** The Vault KV path under the store's mount (`secret/<key>`) and the properties holding user and password. */
    readonly key: string;
    readonly userProperty: string;
    readonly passwordProperty: string;
    readonly refreshInterval: string;
  };
}

export interface TechnitiumPrograms {
  /** Where Technitium runs. */
  readonly technitium: {
    readonly namespace: string;
    readonly instances: readonly TechnitiumInstance[];
    /**
     * The Service that selects the primary's pod alone and serves DNS on 53: what the replicas transfer zones
     * from (the `-web` Services carry only the API, and `technitium-dns` balances over all three instances).
     */
    readonly primaryService: string;
  };
  /** What one answer of the Technitium API may cost, for both programs (exporters/lib/http.ts). */
  readonly limits: {
    /** Largest answer read; the connection is dropped past it (a 100-zone page is ~35 KB, LastHour stats ~20 KB). */
    readonly maxResponseBytes: number;
    /** Deepest JSON nesting read (Technitium's answers nest 6 deep). */
    readonly maxJsonDepth: number;
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
    /**
     * Most zones read per instance; past it the list is cut (technitium_exporter_zone_list_truncated 1), so
     * memory and series stay bounded whatever an instance lists.
     */
    readonly maxZones: number;
    readonly stateDir: string;
    readonly credentials: CredentialsSource;
    readonly resources: Resources;
  };
  readonly zoneSync: {
    /** CronJob name, and the Pushgateway grouping key `job` it pushes under. */
    readonly job: string;
    /**
     * The grouping key `instance` it pushes under, with `job`: the legacy zone-sync of ha.tf pushes to
     * job="technitium-zone-sync" with no other key (and per-replica counts under instance=<replica>), so this
     * group is never overwritten by it, nor it by this one, while both run.
     */
    readonly pushInstance: string;
    readonly schedule: string;
    /** The schedule's period, which staleness is measured in. */
    readonly period: Duration;
    /**
     * The primary's address as the replicas' Secondary zones get it (primaryNameServerAddresses): host names are
     * resolved by the zone-sync to IPs before every run, since Technitium's own resolver does not resolve
     * cluster names (ha.tf: "Hostname form was tried").
     */
    readonly primaryAddress: string;
    /** zoneTransfer set on every primary zone (a value of enum AuthZoneTransfer; checked at start). */
    readonly zoneTransfer: string;
    /**
     * zoneTransferNetworkACL set with it: who may transfer the zones. Replaced on every run, so every
     * consumer of a transfer must be listed.
     */
    readonly zoneTransferAcl: readonly string[];
    readonly timeoutSeconds: number;
    readonly pushgatewayUrl: string;
    readonly credentials: CredentialsSource;
    readonly activeDeadlineSeconds: number;
    readonly resources: Resources;
  };
}

const technitiumNamespace = 'technitium';
// ha.tf `kubernetes_service.technitium_primary`: selector app=technitium (the primary's pod only), ports 53
// TCP/UDP and 5380.
const primaryService = 'technitium-primary';

/** The cluster keeps the Technitium admin's credentials in Vault `secret/platform` (stacks/technitium/main.tf
 * reads `technitium_username` and `technitium_password` there), and External Secrets Operator reads Vault KV
 * through the ClusterSecretStore `vault-kv` (stacks/external-secrets/main.tf). */
function fromVault(secretName: string): CredentialsSource {
  return {
    secret: { name: secretName, userKey: 'username', passwordKey: 'password' },
    externalSecret: {
      enabled: true,
      store: 'vault-kv',
      key: 'platform',
      userProperty: 'technitium_username',
      passwordProperty: 'technitium_password',
      refreshInterval: '1h',
    },
  };
}

export const technitiumPrograms: TechnitiumPrograms = {
  technitium: {
    namespace: technitiumNamespace,
    instances: [
      { server: 'primary', role: 'primary', deployment: 'technitium', url: 'http://technitium-web.technitium:5380' },
      { server: 'secondary', role: 'replica', deployment: 'technitium-secondary', url: 'http://technitium-secondary-web.technitium:5380' },
      { server: 'tertiary', role: 'replica', deployment: 'technitium-tertiary', url: 'http://technitium-tertiary-web.technitium:5380' },
    ],
    primaryService,
  },
  limits: { maxResponseBytes: 1_048_576, maxJsonDepth: 32 },
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
    maxZones: 200,
    stateDir: '/var/lib/technitium-exporter',
    credentials: fromVault('technitium-exporter-credentials'),
    resources: { requests: { cpu: '10m', memory: '48Mi' }, limits: { cpu: '200m', memory: '128Mi' } },
  },
  zoneSync: {
    job: 'technitium-zone-sync',
    pushInstance: 'homelab-observability',
    schedule: '*/30 * * * *',
    period: '30m',
    primaryAddress: `${primaryService}.${technitiumNamespace}.svc.cluster.local`,
    // Only the replicas (and pfSense) may transfer, never anyone (`Allow`). The replicas' transfers reach the
    // primary from their pod IPs (kube-proxy rewrites only the ClusterIP destination; pod-to-pod traffic keeps
    // the pod's address), which change at every restart, so their fixed home is the pod network 10.10.0.0/16
    // (infra docs/architecture/security.md). pfSense Unbound transfers viktorbarzin.lan from its three
    // interfaces (infra docs/runbooks/pfsense-unbound.md, "Technitium-side ACL": 10.0.20.1, 10.0.10.1,
    // 192.168.1.2). LAN clients reach the DNS LoadBalancer with their own addresses (externalTrafficPolicy
    // Local), so none of them is admitted.
    zoneTransfer: 'UseSpecifiedNetworkACL',
    zoneTransferAcl: ['10.10.0.0/16', '10.0.20.1', '10.0.10.1', '192.168.1.2'],
    timeoutSeconds: 15,
    pushgatewayUrl: 'http://prometheus-prometheus-pushgateway.monitoring:9091',
    credentials: fromVault('technitium-zone-sync-credentials'),
    activeDeadlineSeconds: 600,
    resources: { requests: { cpu: '10m', memory: '48Mi' }, limits: { cpu: '200m', memory: '128Mi' } },
  },
};
