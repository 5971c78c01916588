// What every program's command line shares: --log-format, --help, usage errors (exit 2), and running main()
// as the process's exit code. Program-specific flags come from the caller (e.g. technitium/cli.ts).
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { Logger, type LogFormat } from './log.ts';

const commonOptions = {
  'log-format': { type: 'string' },
  help: { type: 'boolean' },
} as const satisfies ParseArgsConfig['options'];

/** Help lines of the flags every program takes (ends without a newline). */
export const commonFlagsHelp = `  --log-format json|plain      (default json)                                                 LOG_FORMAT
  --help                       this text`;

export type Values = Record<string, string | boolean | string[] | boolean[] | undefined>;

export type CliStart = { readonly exit: number } | { readonly exit?: undefined; readonly values: Values; readonly log: Logger };

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
  return { values, log: new Logger(undefined, format) };
}

/** A duration flag in seconds: `30`, `30s`, `500ms`, `2m`; throws a configuration error naming the flag. */
export function parseDurationSeconds(name: string, v: string | undefined, dflt: number): number {
  if (v === undefined || v === '') return dflt;
  const m = /^(\d+(?:\.\d+)?)(ms|s|m)?$/.exec(v.trim());
  if (!m) throw new Error(`${name}: ${JSON.stringify(v)} is not a duration (e.g. 30, 30s, 500ms, 2m)`);
  const n = Number(m[1]);
  const unit = m[2] ?? 's';
  const s = unit === 'ms' ? n / 1000 : unit === 'm' ? n * 60 : n;
  if (!(s > 0)) throw new Error(`${name} must be > 0`);
  return s;
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

/**
 * Serves until SIGTERM or SIGINT, then stops gracefully: 0 when `stop` resolves, 1 when it fails. What every
 * long-running program of exporters/ does after starting.
 */
export function untilSignal(log: Logger, stop: () => Promise<void>): Promise<number> {
  return new Promise<number>((resolve) => {
    const shutdown = (signal: string): void => {
      log.info('shutting down', { signal });
      stop().then(
        () => resolve(0),
        () => resolve(1),
      );
    };
    process.once('SIGTERM', () => shutdown('SIGTERM'));
    process.once('SIGINT', () => shutdown('SIGINT'));
  });
}

/**
 * A URL flag's value: http(s), and never with a user or password in it (a flag's value shows in `ps`, and URLs
 * end up in logs and error messages). Errors never quote the value, which may hold a password.
 */
export function parseUrlFlag(name: string, value: string): URL {
  let u: URL;
  try {
    u = new URL(value.trim());
  } catch {
    throw new Error(`${name}: not a URL (expected http://host:port)`);
  }
  if (u.username || u.password) {
    throw new Error(
      `${name}: the URL carries a user or password (user:password@); credentials never go into a URL, where ps and logs would show them. Give the URL without them`,
    );
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new Error(`${name}: the URL must be http or https, not ${u.protocol}`);
  return u;
}

/** A positive whole number flag; throws a configuration error naming the flag. */
export function parsePositiveInt(name: string, v: string | undefined, dflt: number): number {
  if (v === undefined || v === '') return dflt;
  const n = Number(v.trim());
  if (!Number.isSafeInteger(n) || n < 1) throw new Error(`${name}: ${JSON.stringify(v)} is not a positive whole number`);
  return n;
}
