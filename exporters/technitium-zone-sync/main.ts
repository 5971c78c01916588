// Entry point: `npm run technitium-zone-sync -- --help`.
import { parseArgs } from 'node:util';
import { defaultConfig } from '../../core/config.ts';
import { exporterDefaults } from '../config.ts';
import { parseDurationSeconds, parseInstances } from '../lib/instances.ts';
import { Logger, type LogFormat } from '../lib/log.ts';
import { resolveCredentials } from '../lib/secrets.ts';
import { failureMessage, runZoneSync } from './sync.ts';

const d = exporterDefaults.zoneSync;

export const HELP = `technitium-zone-sync: create and resync the primary's zones as Secondary zones on every replica

Usage: technitium-zone-sync [flags]

One run: list the primary's zones (built-in zones and non-Primary zones excluded); set zoneTransfer on each
on the primary; on each replica create the missing Secondary zones pointing at --primary-address, set
primaryNameServerAddresses on the existing ones and trigger a resync. Never deletes a zone. Every answer's
"status" is checked. Exits 1 when any step (or the push) failed, 2 on a configuration error.

Flags (each has an environment variable; a flag wins over its variable):
  --instance server=role=url   instances, exactly one primary; repeatable                    TECHNITIUM_INSTANCES
                               Default: core/config.ts technitium.instances:
${defaultConfig.technitium.instances.map((i) => `                                 ${i.server}=${i.role}=${i.url}`).join('\n')}
  --primary-address addr       primaryNameServerAddresses for the replicas' Secondary zones (required)
                                                                                           TECHNITIUM_PRIMARY_ADDRESS
  --zone-transfer mode         zoneTransfer set on every primary zone (default ${d.zoneTransfer})   TECHNITIUM_ZONE_TRANSFER
  --zone-transfer-acl acl      zoneTransferNetworkACL (for the *NetworkACL modes)            TECHNITIUM_ZONE_TRANSFER_ACL
  --pushgateway url            Pushgateway base URL; metrics are POSTed to <url>/metrics/job/${defaultConfig.zoneSync.job}
                               (no push when unset)                                          PUSHGATEWAY_URL
  --timeout duration           timeout of each request (default ${d.timeoutSeconds}s)                 TECHNITIUM_ZONE_SYNC_TIMEOUT
  --dry-run                    log in and read, print the plan, change nothing, push nothing  TECHNITIUM_ZONE_SYNC_DRY_RUN=true
  --token-file [server=]path   file holding an API token; server= limits it to one instance; repeatable
                                                                                           TECHNITIUM_TOKEN_FILE
  --user name                  user for /api/user/login (with a password)                     TECHNITIUM_USER
  --password-file path         file holding that user's password                              TECHNITIUM_PASSWORD_FILE
  --log-format json|plain      (default json)                                                 LOG_FORMAT
  --help                       this text

Secrets from the environment only (never as flags): TECHNITIUM_TOKEN, TECHNITIUM_TOKEN_<SERVER>, TECHNITIUM_PASSWORD.
The token needs Zones: Modify on every instance.
`;

export async function main(argv: string[], env: NodeJS.ProcessEnv): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        instance: { type: 'string', multiple: true },
        'primary-address': { type: 'string' },
        'zone-transfer': { type: 'string' },
        'zone-transfer-acl': { type: 'string' },
        pushgateway: { type: 'string' },
        timeout: { type: 'string' },
        'dry-run': { type: 'boolean' },
        'token-file': { type: 'string', multiple: true },
        user: { type: 'string' },
        'password-file': { type: 'string' },
        'log-format': { type: 'string' },
        help: { type: 'boolean' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (err) {
    process.stderr.write(`${(err as Error).message}\n\n${HELP}`);
    return 2;
  }
  if (values.help) {
    process.stdout.write(HELP);
    return 0;
  }
  const format = (values['log-format'] ?? env.LOG_FORMAT ?? 'json') as LogFormat;
  if (format !== 'json' && format !== 'plain') {
    process.stderr.write('--log-format must be json or plain\n');
    return 2;
  }
  const log = new Logger(undefined, format);
  let opts: Parameters<typeof runZoneSync>[0];
  try {
    const specs = parseInstances(values.instance ?? [], env.TECHNITIUM_INSTANCES, defaultConfig.technitium.instances);
    const credOpts = {
      tokenFiles: values['token-file'] ?? [],
      ...(values.user ? { user: values.user } : {}),
      ...(values['password-file'] ? { passwordFile: values['password-file'] } : {}),
    };
    const primaryAddress = values['primary-address'] ?? env.TECHNITIUM_PRIMARY_ADDRESS;
    if (!primaryAddress) throw new Error('--primary-address (TECHNITIUM_PRIMARY_ADDRESS) is required');
    if (!/^[A-Za-z0-9.:,_-]+$/.test(primaryAddress)) throw new Error('--primary-address: comma separated IP addresses or host names only');
    const acl = values['zone-transfer-acl'] ?? (env.TECHNITIUM_ZONE_TRANSFER_ACL || undefined);
    const pushgatewayUrl = values.pushgateway ?? (env.PUSHGATEWAY_URL || undefined);
    if (pushgatewayUrl) new URL(pushgatewayUrl);
    opts = {
      instances: specs.map((s) => ({ ...s, credentials: resolveCredentials(s.server, credOpts, env) })),
      primaryAddress,
      zoneTransfer: values['zone-transfer'] ?? env.TECHNITIUM_ZONE_TRANSFER ?? d.zoneTransfer,
      ...(acl ? { zoneTransferAcl: acl } : {}),
      timeoutMs: parseDurationSeconds('--timeout', values.timeout ?? env.TECHNITIUM_ZONE_SYNC_TIMEOUT, d.timeoutSeconds) * 1000,
      dryRun: values['dry-run'] ?? env.TECHNITIUM_ZONE_SYNC_DRY_RUN === 'true',
      ...(pushgatewayUrl ? { pushgatewayUrl } : {}),
      job: defaultConfig.zoneSync.job,
      logger: log,
    };
  } catch (err) {
    log.error('configuration error', { error: (err as Error).message });
    return 2;
  }
  const result = await runZoneSync(opts);
  for (const f of result.failures) process.stderr.write(`technitium-zone-sync: ${log.redact(failureMessage(f))}\n`);
  if (result.pushError) process.stderr.write(`technitium-zone-sync: push failed: ${log.redact(result.pushError)}\n`);
  return result.ok && !result.pushError ? 0 : 1;
}

main(process.argv.slice(2), process.env).then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`fatal: ${(err as Error).message}\n`);
    process.exit(1);
  },
);
