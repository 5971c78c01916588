// Entry point: `npm run technitium-exporter -- --help`.
import { commonFlagsHelp, parseDurationSeconds, parsePositiveInt, runMain, startCli, untilSignal } from '../lib/cli.ts';
import { parseListenAddress } from '../lib/serve.ts';
import { credentialFlagsHelp, instanceFlagHelp, instancesFrom, maxResponseBytesFrom, registerCredentials, technitiumOptions } from '../technitium/cli.ts';
import { technitiumPrograms } from '../technitium/config.ts';
import { exporterRights, groupAdvice } from '../technitium/rights.ts';
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
  --max-zones n                most zones read per instance; a longer list is cut and reported
                               (technitium_exporter_zone_list_truncated) (default ${d.maxZones})      TECHNITIUM_EXPORTER_MAX_ZONES
  --state-file path            keep the per-instance statistics watermark across restarts      TECHNITIUM_EXPORTER_STATE_FILE
${credentialFlagsHelp}
${commonFlagsHelp}

Secrets come from files or the environment, never from flags (ps shows flags) nor URLs: TECHNITIUM_PASSWORD,
TECHNITIUM_TOKEN_<SERVER> (e.g. TECHNITIUM_TOKEN_SECONDARY), TECHNITIUM_TOKEN. A token wins over user/password;
with both, the user/password is used to log in again when the token is refused (invalid-token).

Rights the user needs on every instance (Technitium 14.3 APIDOCS.md "PERMISSIONS"):
${exporterRights.map((r) => `  ${r}`).join('\n')}
${groupAdvice}.

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
    'max-zones': { type: 'string' },
    'state-file': { type: 'string' },
  });
  if (cli.exit !== undefined) return cli.exit;
  const { log } = cli;
  const values = cli.values as Record<string, string | undefined>;
  let exporter: TechnitiumExporter;
  try {
    const instances = instancesFrom(cli.values, env);
    const { host, port } = parseListenAddress(values['listen-address'] ?? env.TECHNITIUM_EXPORTER_LISTEN_ADDRESS ?? `0.0.0.0:${d.port}`);
    registerCredentials(instances, log);
    const zonesPerPage = parsePositiveInt('--zones-per-page', values['zones-per-page'] ?? env.TECHNITIUM_EXPORTER_ZONES_PER_PAGE, d.zonesPerPage);
    const maxZones = parsePositiveInt('--max-zones', values['max-zones'] ?? env.TECHNITIUM_EXPORTER_MAX_ZONES, d.maxZones);
    const stateFile = values['state-file'] ?? (env.TECHNITIUM_EXPORTER_STATE_FILE || undefined);
    exporter = new TechnitiumExporter({
      instances,
      intervalMs: parseDurationSeconds('--interval', values.interval ?? env.TECHNITIUM_EXPORTER_INTERVAL, d.intervalSeconds) * 1000,
      timeoutMs: parseDurationSeconds('--timeout', values.timeout ?? env.TECHNITIUM_EXPORTER_TIMEOUT, d.timeoutSeconds) * 1000,
      staleAfterMs: parseDurationSeconds('--stale-after', values['stale-after'] ?? env.TECHNITIUM_EXPORTER_STALE_AFTER, d.staleAfterSeconds) * 1000,
      zonesPerPage,
      maxZones,
      maxResponseBytes: maxResponseBytesFrom(cli.values, env),
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
  return await untilSignal(log, () => exporter.stop());
}

runMain(main);
