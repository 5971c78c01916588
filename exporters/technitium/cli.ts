// The flags both Technitium programs take: the instances and their credentials.
import type { ParseArgsConfig } from 'node:util';
import type { Values } from '../lib/cli.ts';
import { technitiumPrograms } from './config.ts';
import { resolveCredentials } from './credentials.ts';
import { parseInstances } from './instances.ts';

export const technitiumOptions = {
  instance: { type: 'string', multiple: true },
  'token-file': { type: 'string', multiple: true },
  user: { type: 'string' },
  'password-file': { type: 'string' },
} as const satisfies ParseArgsConfig['options'];

/** Help lines of the instance flag (ends without a newline). */
export const instanceFlagHelp = `  --instance server=role=url   instance; repeatable; role is primary or replica               TECHNITIUM_INSTANCES
                               (comma separated). Default (exporters/technitium/config.ts):
${technitiumPrograms.technitium.instances.map((i) => `                                 ${i.server}=${i.role}=${i.url}`).join('\n')}`;

/** Help lines of the credential flags (ends without a newline). */
export const credentialFlagsHelp = `  --token-file [server=]path   file holding an API token; server= limits it to one instance; repeatable
                                                                                           TECHNITIUM_TOKEN_FILE
  --user name                  user for /api/user/login (with a password)                     TECHNITIUM_USER
  --password-file path         file holding that user's password                              TECHNITIUM_PASSWORD_FILE`;

/** The configured instances with their credentials (throws a configuration error naming the flag). */
export function instancesFrom(values: Values, env: NodeJS.ProcessEnv) {
  const specs = parseInstances((values.instance as string[] | undefined) ?? [], env.TECHNITIUM_INSTANCES, technitiumPrograms.technitium.instances);
  const credOpts = {
    tokenFiles: (values['token-file'] as string[] | undefined) ?? [],
    ...(values.user ? { user: values.user as string } : {}),
    ...(values['password-file'] ? { passwordFile: values['password-file'] as string } : {}),
  };
  return specs.map((s) => ({ ...s, credentials: resolveCredentials(s.server, credOpts, env) }));
}
