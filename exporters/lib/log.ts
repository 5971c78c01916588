// One-line logs (JSON or plain) with secret redaction. Every program of exporters/ logs through this,
// so a token or password registered with addSecret() can never reach stdout/stderr verbatim.

export type LogFormat = 'json' | 'plain';
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
export type LogSink = (line: string) => void;
export type LogFields = Record<string, string | number | boolean | undefined>;

const REDACTED = '[REDACTED]';
// Credentials that may travel inside a message: query/form parameters, Authorization headers, and the
// userinfo of anything URL-shaped (`scheme://user:password@host`), so a URL quoted in an error never shows one.
const CREDENTIAL_PATTERNS: readonly (readonly [RegExp, (m: string, ...groups: string[]) => string])[] = [
  [/\b(token|pass|password|totp)=([^&\s"']+)/gi, (_m, k) => `${k}=${REDACTED}`],
  [/\b(Bearer)\s+([A-Za-z0-9._~+/=-]+)/g, (_m, k) => `${k} ${REDACTED}`],
  [/\b([a-z][a-z0-9+.-]*:\/\/)[^\s/?#@"'<>]*@/gi, (_m, scheme) => `${scheme}${REDACTED}@`],
];

export class Logger {
  private readonly secrets = new Set<string>();

  constructor(
    private readonly sink: LogSink = (line) => process.stderr.write(`${line}\n`),
    private readonly format: LogFormat = 'json',
    private readonly now: () => number = Date.now,
  ) {}

  /** Register a secret: it is replaced by [REDACTED] wherever it appears in a log line. */
  addSecret(secret: string | undefined): void {
    if (secret && secret.length >= 4) this.secrets.add(secret);
  }

  redact(text: string): string {
    let out = text;
    for (const s of this.secrets) out = out.split(s).join(REDACTED);
    for (const [re, replace] of CREDENTIAL_PATTERNS) out = out.replace(re, replace);
    return out;
  }

  debug(msg: string, fields: LogFields = {}): void {
    if (process.env.LOG_LEVEL === 'debug') this.write('debug', msg, fields);
  }
  info(msg: string, fields: LogFields = {}): void {
    this.write('info', msg, fields);
  }
  warn(msg: string, fields: LogFields = {}): void {
    this.write('warn', msg, fields);
  }
  error(msg: string, fields: LogFields = {}): void {
    this.write('error', msg, fields);
  }

  private write(level: LogLevel, msg: string, fields: LogFields): void {
    const clean: Record<string, string | number | boolean> = {};
    for (const [k, v] of Object.entries(fields)) {
      if (v === undefined) continue;
      clean[k] = typeof v === 'string' ? this.redact(v) : v;
    }
    const ts = new Date(this.now()).toISOString();
    let line: string;
    if (this.format === 'json') {
      line = JSON.stringify({ ts, level, msg: this.redact(msg), ...clean });
    } else {
      const kv = Object.entries(clean).map(([k, v]) => `${k}=${typeof v === 'string' && /\s/.test(v) ? JSON.stringify(v) : String(v)}`);
      line = [ts, level.toUpperCase(), this.redact(msg), ...kv].join(' ');
    }
    this.sink(line);
  }
}
