// The flags both Technitium programs take: the instances, their credentials and the answer size limit.
import type { ParseArgsConfig } from 'node:util';
import { parsePositiveInt, type Values } from '../lib/cli.ts';
import type { Logger } from '../lib/log.ts';
import { technitiumPrograms } from './config.ts';
import { resolveCredentials, type Credentials } from './credentials.ts';
import { parseInstances, type InstanceSpec } from './instances.ts';

export const technitiumOptions = {
  instance: { type: 'string', multiple: true },
  'token-file': { type: 'string', multiple: true },
  user: { type: 'string' },
  'password-file': { type: 'string' },
  'max-response-bytes': { type: 'string' },
} as const satisfies ParseArgsConfig['options'];

/** Help lines of the instance flag (ends without a newline). */
export const instanceFlagHelp = `  --instance server=role=url   instance; repeatable; role is primary or replica               TECHNITIUM_INSTANCES
                               (comma separated). Default (exporters/technitium/config.ts):
${technitiumPrograms.technitium.instances.map((i) => `                                 ${i.server}=${i.role}=${i.url}`).join('\n')}`;

/** Help lines of the credential and limit flags (ends without a newline). */
export const credentialFlagsHelp = `  --user name                  Technitium user; the program logs in on each instance with it   TECHNITIUM_USER
  --password-file path         file holding that user's password                              TECHNITIUM_PASSWORD_FILE
  --token-file [server=]path   file holding an API token instead; server= limits it to one instance (a token
                               is valid only on the instance that issued it); repeatable     TECHNITIUM_TOKEN_FILE
  --max-response-bytes n       largest Technitium answer read; the connection is dropped past it
                               (default ${technitiumPrograms.limits.maxResponseBytes})                                     TECHNITIUM_MAX_RESPONSE_BYTES`;

export interface ConfiguredInstance extends InstanceSpec {
  readonly credentials: Credentials;
}

/** The configured instances with their credentials (throws a configuration error naming the flag). */
export function instancesFrom(values: Values, env: NodeJS.ProcessEnv): ConfiguredInstance[] {
  const specs = parseInstances((values.instance as string[] | undefined) ?? [], env.TECHNITIUM_INSTANCES, technitiumPrograms.technitium.instances);
  const credOpts = {
    tokenFiles: (values['token-file'] as string[] | undefined) ?? [],
    ...(values.user ? { user: values.user as string } : {}),
    ...(values['password-file'] ? { passwordFile: values['password-file'] as string } : {}),
  };
  return specs.map((s) => ({ ...s, credentials: resolveCredentials(s.server, credOpts, env) }));
}

/** --max-response-bytes / TECHNITIUM_MAX_RESPONSE_BYTES. */
export function maxResponseBytesFrom(values: Values, env: NodeJS.ProcessEnv): number {
  return parsePositiveInt('--max-response-bytes', (values['max-response-bytes'] as string | undefined) ?? env.TECHNITIUM_MAX_RESPONSE_BYTES, technitiumPrograms.limits.maxResponseBytes);
}

/**
 * Registers every credential with the logger (so none is ever printed), and warns when one token serves several
 * instances: Technitium keeps sessions and API tokens per instance (Auth/UserSession.cs, saved in that
 * instance's auth.config), so all but the issuing instance answer invalid-token.
 */
export function registerCredentials(instances: readonly ConfiguredInstance[], log: Logger): void {
  const byToken = new Map<string, string[]>();
  for (const i of instances) {
    log.addSecret(i.credentials.token);
    log.addSecret(i.credentials.password);
    if (i.credentials.token && !(i.credentials.user && i.credentials.password)) {
      byToken.set(i.credentials.token, [...(byToken.get(i.credentials.token) ?? []), i.server]);
    }
  }
  for (const servers of byToken.values()) {
    if (servers.length > 1) {
      log.warn(
        'one API token is used for several instances, but a token is valid only on the instance that issued it: give each ' +
          'instance its own (--token-file server=path, TECHNITIUM_TOKEN_<SERVER>) or use a user and password',
        { instances: servers.join(',') },
      );
    }
  }
}
