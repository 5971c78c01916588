// The Authentik domain's typed config: where Authentik and its outposts run, the tmpfs-exporter that watches
// memory-backed volumes (its names and port come from exporters/tmpfs-exporter/config.ts), and the thresholds and
// durations of every alert, with this cluster's defaults. Facts and their sources: docs/design/cluster.md.
import type { Duration } from '../../core/duration.ts';
import { tmpfsPrograms, type TmpfsPrograms } from '../../exporters/tmpfs-exporter/config.ts';
import { producers } from '../../metrics/catalogue.ts';

export interface AuthentikOutpost {
  /** The outpost's name as Authentik slugifies it; its Deployment is `<outpostDeploymentPrefix><name>`. */
  readonly name: string;
  /** The memory-backed volume its own json patches mount at /dev/shm; '' when /dev/shm is the pod's runtime shm. */
  readonly shmVolume: string;
  /**
   * True when its sessions belong in PostgreSQL (an embedded outpost, `managed = goauthentik.io/outposts/embedded`):
   * session files in its /dev/shm then mean the store fell back to files. Other outposts keep sessions in files.
   */
  readonly sessionsInPostgres: boolean;
}

export interface AuthentikConfig {
  /** The tmpfs-exporter (DaemonSet and sidecar): names, port, intervals. */
  readonly programs: TmpfsPrograms;

  readonly authentik: {
    readonly namespace: string;
    /** The Authentik server Deployment (the UI, the API, and the flows every login goes through). */
    readonly serverDeployment: string;
    /** Authentik's outpost object_naming_template, `ak-outpost-%(name)s`, up to the name. */
    readonly outpostDeploymentPrefix: string;
    /** The outpost's container (named after the outpost type). */
    readonly outpostContainer: string;
    readonly outposts: readonly AuthentikOutpost[];
  };

  /** Any pod's memory-backed volumes (MemoryBackedVolume*). */
  readonly volumes: {
    /** Used share of the volume's size above which it is filling up. */
    readonly fillingUpRatio: number;
    readonly fillingUpFor: Duration;
    /** How far ahead predict_linear looks: full within this is "full soon". */
    readonly fullSoonHorizon: Duration;
    /** The trend's window. */
    readonly trendWindow: Duration;
    /** A volume below this used share is left alone: a burst in a nearly empty volume extrapolates to anything. */
    readonly fullSoonMinRatio: number;
    readonly fullSoonFor: Duration;
    /** The exporter failing to read volumes for this long means the alerts above are blind on that node. */
    readonly exporterErrorsFor: Duration;
    /** rate() window of the exporter's error counter. */
    readonly exporterErrorsWindow: Duration;
  };

  readonly outposts: {
    readonly shmFillingUpRatio: number;
    readonly shmFillingUpFor: Duration;
    readonly shmFullSoonFor: Duration;
    /** A Ready outpost pod whose /dev/shm no tmpfs-exporter reports for this long: its shm alerts are blind. */
    readonly shmUnwatchedFor: Duration;
    /** More directory entries than this in an embedded outpost's /dev/shm: sessions are being written as files. */
    readonly sessionFilesThreshold: number;
    readonly sessionFilesFor: Duration;
    readonly memoryNearLimitRatio: number;
    readonly memoryNearLimitFor: Duration;
    readonly restartsWindow: Duration;
    /** More restarts than this within restartsWindow. */
    readonly restarts: number;
    readonly restartsFor: Duration;
  };

  /** Forward-auth as Traefik sees it: many routers answering the same error at once is the shared middleware. */
  readonly forwardAuth: {
    readonly rateWindow: Duration;
    /** A router answers "mostly" a code when this share of its requests get it. */
    readonly routerShare: number;
    /** Requests per second below which a router's share is noise. */
    readonly routerMinRequestsPerSecond: number;
    /** This many routers at once. */
    readonly minRouters: number;
    readonly badRequestFor: Duration;
    readonly fallbackFor: Duration;
  };

  readonly server: {
    readonly replicasFor: Duration;
    readonly downFor: Duration;
    /** Traefik's router of the Authentik UI's `/` path. */
    readonly rootRouter: string;
    readonly rootRateWindow: Duration;
    readonly root5xxRatio: number;
    readonly rootMinRequestsPerSecond: number;
    readonly root5xxFor: Duration;
  };

  readonly wallOff: {
    /** The blackbox scrape job probing the must-stay-public URLs. */
    readonly job: string;
    readonly for: Duration;
  };
}

export const authentikDefaults: AuthentikConfig = {
  programs: tmpfsPrograms,

  authentik: {
    namespace: 'authentik',
    serverDeployment: 'goauthentik-server',
    outpostDeploymentPrefix: 'ak-outpost-',
    outpostContainer: 'proxy',
    outposts: [
      // stacks/authentik/authentik_provider.tf: 2 replicas, a 2Gi `dshm` emptyDir at /dev/shm, PostgreSQL sessions.
      { name: 'authentik-embedded-outpost', shmVolume: 'dshm', sessionsInPostgres: true },
      // stacks/authentik/guest.tf: 1 replica, no dshm (the runtime's 64 MiB /dev/shm), file sessions.
      { name: 'public', shmVolume: '', sessionsInPostgres: false },
    ],
  },

  volumes: {
    fillingUpRatio: 0.8,
    fillingUpFor: '5m',
    fullSoonHorizon: '4h',
    trendWindow: '1h',
    fullSoonMinRatio: 0.2,
    fullSoonFor: '15m',
    exporterErrorsFor: '30m',
    exporterErrorsWindow: '10m',
  },

  outposts: {
    shmFillingUpRatio: 0.8,
    shmFillingUpFor: '5m',
    shmFullSoonFor: '15m',
    shmUnwatchedFor: '15m',
    sessionFilesThreshold: 100,
    sessionFilesFor: '15m',
    memoryNearLimitRatio: 0.9,
    memoryNearLimitFor: '15m',
    restartsWindow: '30m',
    restarts: 2,
    restartsFor: '5m',
  },

  forwardAuth: {
    rateWindow: '10m',
    routerShare: 0.5,
    routerMinRequestsPerSecond: 0.002,
    minRouters: 3,
    badRequestFor: '5m',
    fallbackFor: '5m',
  },

  server: {
    replicasFor: '15m',
    downFor: '5m',
    rootRouter: 'authentik-authentik-authentik-viktorbarzin-me@kubernetes',
    rootRateWindow: '5m',
    root5xxRatio: 0.05,
    rootMinRequestsPerSecond: 0.1,
    root5xxFor: '5m',
  },

  wallOff: {
    job: producers.blackboxWalloff.scrapeJob,
    for: '10m',
  },
};
