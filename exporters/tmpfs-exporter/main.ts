// Entry point: `npm run tmpfs-exporter -- --help`.
import { commonFlagsHelp, parseDurationSeconds, runMain, startCli, untilSignal } from '../lib/cli.ts';
import { parseListenAddress } from '../lib/serve.ts';
import { tmpfsPrograms } from './config.ts';
import { TmpfsExporter } from './exporter.ts';

const d = tmpfsPrograms;

export const HELP = `tmpfs-exporter: Prometheus exporter for memory-backed volumes (statfs, polled, never per scrape)

Usage: tmpfs-exporter [flags]

Node mode (default, one per node as a DaemonSet): every memory-backed (tmpfs) emptyDir of every pod under the
kubelet's pods directory, labelled pod_uid and volume (join kube_pod_info{uid} for namespace and pod).
Path mode (a sidecar): each --path, labelled mountpoint.

Flags (each has an environment variable; a flag wins over its variable):
  --pods-dir dir               node mode: the kubelet's pods directory as mounted here          TMPFS_EXPORTER_PODS_DIR
                               (default ${d.node.kubeletPodsDir})
  --path dir                   path mode: a path to report; repeatable                        TMPFS_EXPORTER_PATHS
                               (comma separated)
  --listen-address host:port   where /metrics, /healthz, /readyz are served (default 0.0.0.0:${d.port})
                                                                                           TMPFS_EXPORTER_LISTEN_ADDRESS
  --interval duration          time between polls (default ${d.intervalSeconds}s)                         TMPFS_EXPORTER_INTERVAL
  --count-budget duration      time a poll may spend counting directory entries, all volumes   TMPFS_EXPORTER_COUNT_BUDGET
                               together (default ${d.countBudgetSeconds}s); a count cut short reports
                               tmpfs_volume_directory_entries_truncated 1
${commonFlagsHelp}

Durations: 30, 30s, 500ms, 2m. LOG_LEVEL=debug adds debug lines.
`;

export async function main(argv: string[], env: NodeJS.ProcessEnv): Promise<number> {
  const cli = startCli(argv, env, HELP, {
    'pods-dir': { type: 'string' },
    path: { type: 'string', multiple: true },
    'listen-address': { type: 'string' },
    interval: { type: 'string' },
    'count-budget': { type: 'string' },
  });
  if (cli.exit !== undefined) return cli.exit;
  const { log } = cli;
  const values = cli.values as Record<string, string | undefined>;
  let exporter: TmpfsExporter;
  try {
    const flagPaths = (cli.values.path as string[] | undefined) ?? [];
    const paths = flagPaths.length ? flagPaths : (env.TMPFS_EXPORTER_PATHS ?? '').split(',').map((p) => p.trim()).filter(Boolean);
    const podsDir = values['pods-dir'] ?? env.TMPFS_EXPORTER_PODS_DIR;
    if (paths.length && podsDir) throw new Error('--path (path mode) and --pods-dir (node mode) exclude each other');
    if (paths.some((p) => !p.startsWith('/'))) throw new Error('--path must be absolute');
    const { host, port } = parseListenAddress(values['listen-address'] ?? env.TMPFS_EXPORTER_LISTEN_ADDRESS ?? `0.0.0.0:${d.port}`);
    exporter = new TmpfsExporter({
      ...(paths.length ? { mode: 'path', paths } : { mode: 'node', podsDir: podsDir || d.node.kubeletPodsDir }),
      intervalMs: parseDurationSeconds('--interval', values.interval ?? env.TMPFS_EXPORTER_INTERVAL, d.intervalSeconds) * 1000,
      countBudgetMs: parseDurationSeconds('--count-budget', values['count-budget'] ?? env.TMPFS_EXPORTER_COUNT_BUDGET, d.countBudgetSeconds) * 1000,
      version: d.image.tag,
      logger: log,
    });
    const addr = await exporter.listen(port, host);
    log.info('tmpfs-exporter listening', {
      address: `${addr.address}:${addr.port}`,
      mode: paths.length ? 'path' : 'node',
      ...(paths.length ? { paths: paths.join(',') } : { podsDir: podsDir || d.node.kubeletPodsDir }),
    });
  } catch (err) {
    log.error('configuration error', { error: (err as Error).message });
    return 2;
  }
  exporter.start();
  return await untilSignal(log, () => exporter.stop());
}

runMain(main);
