// Entry point: `npm run technitium-exporter -- --help`.
import { defaultConfig } from '../../core/config.ts';
import { exporterDefaults } from '../config.ts';
import { commonFlagsHelp, runMain, startCli } from '../lib/cli.ts';
import { parseDurationSeconds } from '../lib/instances.ts';
import { TechnitiumExporter } from './exporter.ts';

const d = exporterDefaults.technitiumExporter;

export const HELP = `technitium-exporter: Prometheus exporter for Technitium DNS Server (polls, never per scrape)

Usage: technitium-exporter [flags]

Flags (each has an environment variable; a flag wins over its variable):
  --instance server=role=url   instance to poll; repeatable; role is primary or replica     TECHNITIUM_INSTANCES
                               (comma separated). Default: core/config.ts technitium.instances:
${defaultConfig.technitium.instances.map((i) => `                                 ${i.server}=${i.role}=${i.url}`).join('\n')}
  --listen-address host:port   where /metrics, /healthz, /readyz are served (default ${d.listenAddress})   TECHNITIUM_EXPORTER_LISTEN_ADDRESS
  --interval duration          time between poll rounds (default ${d.intervalSeconds}s)             TECHNITIUM_EXPORTER_INTERVAL
  --timeout duration           timeout of each Technitium request (default ${d.timeoutSeconds}s)     TECHNITIUM_EXPORTER_TIMEOUT
  --stale-after duration       drop an instance's zone series after its polls fail this long (default ${d.staleAfterSeconds}s)
                                                                                           TECHNITIUM_EXPORTER_STALE_AFTER
  --zones-per-page n           page size asked of /api/zones/list (default ${d.zonesPerPage})     TECHNITIUM_EXPORTER_ZONES_PER_PAGE
  --state-file path            keep the per-instance statistics watermark across restarts      TECHNITIUM_EXPORTER_STATE_FILE
${commonFlagsHelp}

Secrets from the environment only (never as flags): TECHNITIUM_TOKEN, TECHNITIUM_TOKEN_<SERVER>
(e.g. TECHNITIUM_TOKEN_SECONDARY), TECHNITIUM_PASSWORD. A token wins over user/password; with both, the
user/password is used to log in again when the token is refused (invalid-token).
Durations: 30, 30s, 500ms, 2m. LOG_LEVEL=debug adds debug lines.
`;

export async function main(argv: string[], env: NodeJS.ProcessEnv): Promise<number> {
  const cli = startCli(argv, env, HELP, {
    'listen-address': { type: 'string' },
    interval: { type: 'string' },
    timeout: { type: 'string' },
    'stale-after': { type: 'string' },
    'zones-per-page': { type: 'string' },
    'state-file': { type: 'string' },
  });
  if (cli.exit !== undefined) return cli.exit;
  const { log } = cli;
  const values = cli.values as Record<string, string | undefined>;
  let exporter: TechnitiumExporter;
  let host: string;
  let port: number;
  try {
    const instances = cli.instances();
    const listen = values['listen-address'] ?? env.TECHNITIUM_EXPORTER_LISTEN_ADDRESS ?? d.listenAddress;
    const m = /^(.*):(\d+)$/.exec(listen);
    if (!m) throw new Error(`--listen-address ${JSON.stringify(listen)}: expected host:port`);
    host = (m[1] ?? '').replace(/^\[|\]$/g, '') || '0.0.0.0';
    port = Number(m[2]);
    const zonesPerPage = Number(values['zones-per-page'] ?? env.TECHNITIUM_EXPORTER_ZONES_PER_PAGE ?? d.zonesPerPage);
    if (!Number.isInteger(zonesPerPage) || zonesPerPage < 1) throw new Error('--zones-per-page must be a positive integer');
    const stateFile = values['state-file'] ?? (env.TECHNITIUM_EXPORTER_STATE_FILE || undefined);
    exporter = new TechnitiumExporter({
      instances,
      intervalMs: parseDurationSeconds('--interval', values.interval ?? env.TECHNITIUM_EXPORTER_INTERVAL, d.intervalSeconds) * 1000,
      timeoutMs: parseDurationSeconds('--timeout', values.timeout ?? env.TECHNITIUM_EXPORTER_TIMEOUT, d.timeoutSeconds) * 1000,
      staleAfterMs: parseDurationSeconds('--stale-after', values['stale-after'] ?? env.TECHNITIUM_EXPORTER_STALE_AFTER, d.staleAfterSeconds) * 1000,
      zonesPerPage,
      ...(stateFile ? { stateFile } : {}),
      logger: log,
    });
    const addr = await exporter.listen(port, host);
    log.info('technitium-exporter listening', {
      address: `${addr.address}:${addr.port}`,
      instances: instances.map((i) => `${i.server}(${i.role})`).join(','),
    });
  } catch (err) {
    log.error('configuration error', { error: (err as Error).message });
    return 2;
  }
  exporter.start();
  return await new Promise<number>((resolve) => {
    const shutdown = (signal: string): void => {
      log.info('shutting down', { signal });
      exporter.stop().then(
        () => resolve(0),
        () => resolve(1),
      );
    };
    process.once('SIGTERM', () => shutdown('SIGTERM'));
    process.once('SIGINT', () => shutdown('SIGINT'));
  });
}

runMain(main);
