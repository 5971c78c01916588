// Entry point: `npm run technitium-zone-sync -- --help`.
import { commonFlagsHelp, parseDurationSeconds, runMain, startCli } from '../lib/cli.ts';
import { credentialFlagsHelp, instanceFlagHelp, instancesFrom, technitiumOptions } from '../technitium/cli.ts';
import { technitiumPrograms } from '../technitium/config.ts';
import { failureMessage, runZoneSync } from './sync.ts';

const d = technitiumPrograms.zoneSync;

export const HELP = `technitium-zone-sync: create and resync the primary's zones as Secondary zones on every replica

Usage: technitium-zone-sync [flags]

One run: list the primary's zones (built-in zones and non-Primary zones excluded); set zoneTransfer on each
on the primary; on each replica create the missing Secondary zones pointing at --primary-address, set
primaryNameServerAddresses on the existing ones and trigger a resync. Never deletes a zone. Every answer's
"status" is checked. Exits 1 when any step (or the push) failed, 2 on a configuration error.

Flags (each has an environment variable; a flag wins over its variable):
${instanceFlagHelp}
  --primary-address addr       primaryNameServerAddresses for the replicas' Secondary zones (required)
                                                                                           TECHNITIUM_PRIMARY_ADDRESS
  --zone-transfer mode         zoneTransfer set on every primary zone (default ${d.zoneTransfer})   TECHNITIUM_ZONE_TRANSFER
  --zone-transfer-acl acl      zoneTransferNetworkACL (for the *NetworkACL modes)            TECHNITIUM_ZONE_TRANSFER_ACL
  --pushgateway url            Pushgateway base URL; metrics are POSTed to <url>/metrics/job/<job>
                               (no push when unset)                                          PUSHGATEWAY_URL
  --job name                   Pushgateway grouping key job (default ${d.job})   PUSHGATEWAY_JOB
  --timeout duration           timeout of each request (default ${d.timeoutSeconds}s)                 TECHNITIUM_ZONE_SYNC_TIMEOUT
  --dry-run                    log in and read, print the plan, change nothing, push nothing  TECHNITIUM_ZONE_SYNC_DRY_RUN=true
${credentialFlagsHelp}
${commonFlagsHelp}

Secrets from the environment only (never as flags): TECHNITIUM_TOKEN, TECHNITIUM_TOKEN_<SERVER>, TECHNITIUM_PASSWORD.
The token needs Zones: Modify on every instance.
`;

export async function main(argv: string[], env: NodeJS.ProcessEnv): Promise<number> {
  const cli = startCli(argv, env, HELP, {
    ...technitiumOptions,
    'primary-address': { type: 'string' },
    'zone-transfer': { type: 'string' },
    'zone-transfer-acl': { type: 'string' },
    pushgateway: { type: 'string' },
    job: { type: 'string' },
    timeout: { type: 'string' },
    'dry-run': { type: 'boolean' },
  });
  if (cli.exit !== undefined) return cli.exit;
  const { log } = cli;
  const values = cli.values as Record<string, string | undefined> & { 'dry-run'?: boolean };
  let opts: Parameters<typeof runZoneSync>[0];
  try {
    const primaryAddress = values['primary-address'] ?? env.TECHNITIUM_PRIMARY_ADDRESS;
    if (!primaryAddress) throw new Error('--primary-address (TECHNITIUM_PRIMARY_ADDRESS) is required');
    if (!/^[A-Za-z0-9.:,_-]+$/.test(primaryAddress)) throw new Error('--primary-address: comma separated IP addresses or host names only');
    const acl = values['zone-transfer-acl'] ?? (env.TECHNITIUM_ZONE_TRANSFER_ACL || undefined);
    const pushgatewayUrl = values.pushgateway ?? (env.PUSHGATEWAY_URL || undefined);
    if (pushgatewayUrl) new URL(pushgatewayUrl);
    const job = values.job ?? (env.PUSHGATEWAY_JOB || d.job);
    if (!/^[A-Za-z0-9_.-]+$/.test(job)) throw new Error('--job: letters, digits, "_", "." and "-" only');
    opts = {
      instances: instancesFrom(cli.values, env),
      primaryAddress,
      zoneTransfer: values['zone-transfer'] ?? env.TECHNITIUM_ZONE_TRANSFER ?? d.zoneTransfer,
      ...(acl ? { zoneTransferAcl: acl } : {}),
      timeoutMs: parseDurationSeconds('--timeout', values.timeout ?? env.TECHNITIUM_ZONE_SYNC_TIMEOUT, d.timeoutSeconds) * 1000,
      dryRun: values['dry-run'] ?? env.TECHNITIUM_ZONE_SYNC_DRY_RUN === 'true',
      ...(pushgatewayUrl ? { pushgatewayUrl } : {}),
      job,
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

runMain(main);
