// The tmpfs-exporter's facts, written once: its name, port, poll interval and counting budget, where the kubelet
// keeps pod volumes, and the resources of the DaemonSet (node mode) and of the sidecar (path mode). The program
// takes its defaults from here, the manifests (manifests.ts) are built from it, and the Authentik domain derives
// its selectors from it (alerts/authentik/config.ts).
import { distrolessNode, exportersImage, nonRootUser, type ProgramImage } from '../lib/image.ts';
import type { Resources } from '../lib/kubernetes.ts';

export interface TmpfsPrograms {
  readonly image: ProgramImage;
  readonly nodeBinary: string;
  /**
   * Flags of its Node process (the manifests run it with these; bench/tmpfs.bench.ts measures with them). A 1 MB
   * young generation keeps the garbage of counting 200,000 entries and of many scrapes from growing the RSS
   * (peak ~56 MB instead of ~61 MB in the benchmark), at the cost of more, shorter scavenges.
   */
  readonly nodeFlags: readonly string[];
  /** Program name: the DaemonSet, its Service (the `service` label of its scrape target) and both containers. */
  readonly name: string;
  readonly port: number;
  readonly intervalSeconds: number;
  /** Time a poll may spend counting directory entries, all volumes together; counts cut short report _truncated 1. */
  readonly countBudgetSeconds: number;
  /** Node mode (the DaemonSet). */
  readonly node: {
    /** The kubelet's pods directory on the host (--root-dir + /pods). */
    readonly kubeletPodsDir: string;
    /** Where the DaemonSet mounts it (read-only, HostToContainer so later tmpfs mounts appear). */
    readonly mountPath: string;
    /**
     * Root, with every capability dropped but DAC_READ_SEARCH: the kubelet creates pods/<uid>/volumes with mode
     * 0750 root:root, and a capability given to a non-root user is not effective (no ambient capabilities).
     */
    readonly runAsUser: number;
    readonly resources: Resources;
  };
  /** Path mode (a sidecar next to the container whose /dev/shm it watches). */
  readonly sidecar: {
    readonly path: string;
    readonly runAsUser: number;
    readonly resources: Resources;
  };
}

export const tmpfsPrograms: TmpfsPrograms = {
  image: exportersImage,
  nodeBinary: distrolessNode,
  nodeFlags: ['--max-semi-space-size=1'],
  name: 'tmpfs-exporter',
  port: 9275,
  intervalSeconds: 30,
  countBudgetSeconds: 2,
  node: {
    kubeletPodsDir: '/var/lib/kubelet/pods',
    mountPath: '/host/kubelet/pods',
    runAsUser: 0,
    resources: { requests: { cpu: '5m', memory: '24Mi' }, limits: { cpu: '200m', memory: '96Mi' } },
  },
  sidecar: {
    path: '/dev/shm',
    runAsUser: nonRootUser,
    resources: { requests: { cpu: '5m', memory: '24Mi' }, limits: { cpu: '100m', memory: '96Mi' } },
  },
};

/** statfs(2) f_type of tmpfs (TMPFS_MAGIC, linux/magic.h): what makes a volume memory-backed. */
export const TMPFS_MAGIC = 0x01021994;
