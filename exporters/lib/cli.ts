// What both programs' command lines share: the instance and credential flags, --log-format, --help,
// usage errors (exit 2), and running main() as the process's exit code.
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { defaultConfig } from '../../core/config.ts';
import { parseInstances } from './instances.ts';
import { Logger, type LogFormat } from './log.ts';
import { resolveCredentials } from './secrets.ts';

const commonOptions = {
  instance: { type: 'string', multiple: true },
  'token-file': { type: 'string', multiple: true },
  user: { type: 'string' },
  'password-file': { type: 'string' },
  'log-format': { type: 'string' },
  help: { type: 'boolean' },
} as const satisfies ParseArgsConfig['options'];

/** Help lines of the flags every program takes (ends without a newline). */
export const commonFlagsHelp = `  --token-file [server=]path   file holding an API token; server= limits it to one instance; repeatable
                                                                                           TECHNITIUM_TOKEN_FILE
  --user name                  user for /api/user/login (with a password)                     TECHNITIUM_USER
  --password-file path         file holding that user's password                              TECHNITIUM_PASSWORD_FILE
  --log-format json|plain      (default json)                                                 LOG_FORMAT
  --help                       this text`;

type Values = Record<string, string | boolean | string[] | boolean[] | undefined>;

export type CliStart =
  | { readonly exit: number }
  | { readonly exit?: undefined; readonly values: Values; readonly log: Logger; readonly instances: () => ReturnType<typeof instancesFrom> };

/** Parses flags (common + `options`); prints help or a usage error and says which exit code to use. */
export function startCli(argv: string[], env: NodeJS.ProcessEnv, help: string, options: ParseArgsConfig['options']): CliStart {
  let values: Values;
  try {
    ({ values } = parseArgs({ args: argv, options: { ...commonOptions, ...options }, strict: true, allowPositionals: false }));
  } catch (err) {
    process.stderr.write(`${(err as Error).message}\n\n${help}`);
    return { exit: 2 };
  }
  if (values.help) {
    process.stdout.write(help);
    return { exit: 0 };
  }
  const format = ((values['log-format'] as string | undefined) ?? env.LOG_FORMAT ?? 'json') as LogFormat;
  if (format !== 'json' && format !== 'plain') {
    process.stderr.write('--log-format must be json or plain\n');
    return { exit: 2 };
  }
  return { values, log: new Logger(undefined, format), instances: () => instancesFrom(values, env) };
}

/** The configured instances with their credentials (throws a configuration error naming the flag). */
function instancesFrom(values: Values, env: NodeJS.ProcessEnv) {
  const specs = parseInstances((values.instance as string[] | undefined) ?? [], env.TECHNITIUM_INSTANCES, defaultConfig.technitium.instances);
  const credOpts = {
    tokenFiles: (values['token-file'] as string[] | undefined) ?? [],
    ...(values.user ? { user: values.user as string } : {}),
    ...(values['password-file'] ? { passwordFile: values['password-file'] as string } : {}),
  };
  return specs.map((s) => ({ ...s, credentials: resolveCredentials(s.server, credOpts, env) }));
}

/** Runs main() and exits with its code; an unexpected error exits 1 with one line. */
export function runMain(main: (argv: string[], env: NodeJS.ProcessEnv) => Promise<number>): void {
  main(process.argv.slice(2), process.env).then(
    (code) => process.exit(code),
    (err: unknown) => {
      process.stderr.write(`fatal: ${(err as Error).message}\n`);
      process.exit(1);
    },
  );
}
