// Entry point: `npm run technitium-exporter -- --help`.
import { commonFlagsHelp, parseDurationSeconds, runMain, startCli } from '../lib/cli.ts';
import { parseListenAddress } from '../lib/serve.ts';
import { credentialFlagsHelp, instanceFlagHelp, instancesFrom, technitiumOptions } from '../technitium/cli.ts';
import { technitiumPrograms } from '../technitium/config.ts';
import { TechnitiumExporter } from './exporter.ts';

const d = technitiumPrograms.exporter;

export const HELP = `technitium-exporter: Prometheus exporter for Technitium DNS Server (polls, never per scrape)

Usage: technitium-exporter [flags]

Flags (each has an environment variable; a flag wins over its variable):
${instanceFlagHelp}
  --listen-address host:port   where /metrics, /healthz, /readyz are served (default 0.0.0.0:${d.port})   TECHNITIUM_EXPORTER_LISTEN_ADDRESS
  --interval duration          time between poll rounds (default ${d.intervalSeconds}s)             TECHNITIUM_EXPORTER_INTERVAL
  --timeout duration           timeout of each Technitium request (default ${d.timeoutSeconds}s)     TECHNITIUM_EXPORTER_TIMEOUT
  --stale-after duration       drop an instance's zone series after its polls fail this long (default ${d.staleAfterSeconds}s)
                                                                                           TECHNITIUM_EXPORTER_STALE_AFTER
  --zones-per-page n           page size asked of /api/zones/list (default ${d.zonesPerPage})     TECHNITIUM_EXPORTER_ZONES_PER_PAGE
  --state-file path            keep the per-instance statistics watermark across restarts      TECHNITIUM_EXPORTER_STATE_FILE
${credentialFlagsHelp}
${commonFlagsHelp}

Secrets from the environment only (never as flags): TECHNITIUM_TOKEN, TECHNITIUM_TOKEN_<SERVER>
(e.g. TECHNITIUM_TOKEN_SECONDARY), TECHNITIUM_PASSWORD. A token wins over user/password; with both, the
user/password is used to log in again when the token is refused (invalid-token).
Durations: 30, 30s, 500ms, 2m. LOG_LEVEL=debug adds debug lines.
`;

export async function main(argv: string[], env: NodeJS.ProcessEnv): Promise<number> {
  const cli = startCli(argv, env, HELP, {
    ...technitiumOptions,
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
  try {
    const instances = instancesFrom(cli.values, env);
    const { host, port } = parseListenAddress(values['listen-address'] ?? env.TECHNITIUM_EXPORTER_LISTEN_ADDRESS ?? `0.0.0.0:${d.port}`);
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
