// Entry point: `npm run technitium-zone-sync -- --help`.
import { isIP } from 'node:net';
import { commonFlagsHelp, parseDurationSeconds, parseUrlFlag, runMain, startCli } from '../lib/cli.ts';
import { credentialFlagsHelp, instanceFlagHelp, instancesFrom, maxResponseBytesFrom, registerCredentials, technitiumOptions } from '../technitium/cli.ts';
import { technitiumPrograms } from '../technitium/config.ts';
import { groupAdvice, zoneSyncRights } from '../technitium/rights.ts';
import { ZONE_TRANSFER_MODES, zoneTransferSetting } from '../technitium/zones.ts';
import { failureMessage, runZoneSync } from './sync.ts';

const d = technitiumPrograms.zoneSync;

export const HELP = `technitium-zone-sync: create and resync the primary's zones as Secondary zones on every replica

Usage: technitium-zone-sync [flags]

One run: resolve --primary-address to IPs; list the primary's zones (built-in zones and non-Primary zones
excluded); set zoneTransfer (and its ACL) on each on the primary; on each replica create the missing Secondary
zones pointing at the primary's IPs, set primaryNameServerAddresses on the existing ones and trigger a resync.
Never deletes a zone. Every answer's "status" is checked, and an instance whose zone list shows fewer zones
than the instance counts fails the run (the user cannot see them). Exits 1 when any step (or the push) failed,
2 on a configuration error.

Flags (each has an environment variable; a flag wins over its variable):
${instanceFlagHelp}
  --primary-address addr       the primary's address for the replicas' Secondary zones: IPs or host names,
                               comma separated; names are resolved to IPs before every run
                               (default ${d.primaryAddress})   TECHNITIUM_PRIMARY_ADDRESS
  --zone-transfer mode         zoneTransfer set on every primary zone, one of:
                               ${ZONE_TRANSFER_MODES.join(', ')}
                               (default ${d.zoneTransfer})                                  TECHNITIUM_ZONE_TRANSFER
  --zone-transfer-acl acl      zoneTransferNetworkACL: addresses and networks allowed to transfer, comma
                               separated, for the *NetworkACL modes (for them, default
                               ${d.zoneTransferAcl.join(',')}); replaces the zone's ACL
                                                                                           TECHNITIUM_ZONE_TRANSFER_ACL
  --pushgateway url            Pushgateway base URL, without credentials; metrics are POSTed to
                               <url>/metrics/job/<job>/instance/<push-instance> (no push when unset)
                                                                                           PUSHGATEWAY_URL
  --job name                   grouping key job (default ${d.job})                  PUSHGATEWAY_JOB
  --push-instance name         grouping key instance (default ${d.pushInstance})       PUSHGATEWAY_INSTANCE
  --timeout duration           timeout of each request (default ${d.timeoutSeconds}s)                 TECHNITIUM_ZONE_SYNC_TIMEOUT
  --dry-run                    log in and read, print the plan, change nothing, push nothing  TECHNITIUM_ZONE_SYNC_DRY_RUN=true
${credentialFlagsHelp}
${commonFlagsHelp}

Secrets come from files or the environment, never from flags (ps shows flags) nor URLs: TECHNITIUM_PASSWORD,
TECHNITIUM_TOKEN_<SERVER>, TECHNITIUM_TOKEN.

Rights the user needs (Technitium 14.3 APIDOCS.md "PERMISSIONS"):
${zoneSyncRights.map((r) => `  ${r}`).join('\n')}
${groupAdvice}.
`;

const NAME_RE = /^[A-Za-z0-9_.-]+$/;
const HOST_RE = /^(?=.{1,253}$)[A-Za-z0-9]([A-Za-z0-9-]{0,62})(\.[A-Za-z0-9]([A-Za-z0-9-]{0,62}))*\.?$/;

export async function main(argv: string[], env: NodeJS.ProcessEnv): Promise<number> {
  const cli = startCli(argv, env, HELP, {
    ...technitiumOptions,
    'primary-address': { type: 'string' },
    'zone-transfer': { type: 'string' },
    'zone-transfer-acl': { type: 'string' },
    pushgateway: { type: 'string' },
    job: { type: 'string' },
    'push-instance': { type: 'string' },
    timeout: { type: 'string' },
    'dry-run': { type: 'boolean' },
  });
  if (cli.exit !== undefined) return cli.exit;
  const { log } = cli;
  const values = cli.values as Record<string, string | undefined> & { 'dry-run'?: boolean };
  let opts: Parameters<typeof runZoneSync>[0];
  try {
    const primaryAddress = values['primary-address'] ?? (env.TECHNITIUM_PRIMARY_ADDRESS || d.primaryAddress);
    const entries = primaryAddress.split(',').map((e) => e.trim());
    if (entries.some((e) => !isIP(e) && !HOST_RE.test(e))) throw new Error('--primary-address: comma separated IP addresses or host names only');
    const acl = values['zone-transfer-acl'] ?? (env.TECHNITIUM_ZONE_TRANSFER_ACL || undefined);
    const transfer = zoneTransferSetting(values['zone-transfer'] ?? (env.TECHNITIUM_ZONE_TRANSFER || d.zoneTransfer), acl?.split(','), d.zoneTransferAcl);
    if (transfer.mode === 'Allow') log.warn('--zone-transfer Allow lets any address transfer every primary zone; prefer UseSpecifiedNetworkACL with the replicas\' networks');
    const pushgateway = values.pushgateway ?? (env.PUSHGATEWAY_URL || undefined);
    const pushgatewayUrl = pushgateway === undefined ? undefined : parseUrlFlag('--pushgateway', pushgateway).toString();
    const job = values.job ?? (env.PUSHGATEWAY_JOB || d.job);
    if (!NAME_RE.test(job)) throw new Error('--job: letters, digits, "_", "." and "-" only');
    const pushInstance = values['push-instance'] ?? (env.PUSHGATEWAY_INSTANCE || d.pushInstance);
    if (!NAME_RE.test(pushInstance)) throw new Error('--push-instance: letters, digits, "_", "." and "-" only');
    const instances = instancesFrom(cli.values, env);
    registerCredentials(instances, log);
    opts = {
      instances,
      primaryAddress: entries.join(','),
      zoneTransfer: transfer.mode,
      zoneTransferAcl: transfer.acl,
      timeoutMs: parseDurationSeconds('--timeout', values.timeout ?? env.TECHNITIUM_ZONE_SYNC_TIMEOUT, d.timeoutSeconds) * 1000,
      dryRun: values['dry-run'] ?? env.TECHNITIUM_ZONE_SYNC_DRY_RUN === 'true',
      ...(pushgatewayUrl ? { pushgatewayUrl } : {}),
      job,
      pushInstance,
      maxResponseBytes: maxResponseBytesFrom(cli.values, env),
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
