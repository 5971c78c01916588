// A small Technitium HTTP API client: every answer is parsed and its `status` checked (Technitium
// reports failures as HTTP 200 with "status":"error" | "invalid-token" | "2fa-required"), every request
// has a timeout, and credentials travel in a POST form body, never in a URL, a log line or an error.
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { Credentials } from './credentials.ts';
import type { ZoneInfo } from './zones.ts';

export type FailureReason = 'http' | 'timeout' | 'api_error' | 'invalid_token' | 'parse';

export class TechnitiumError extends Error {
  constructor(
    readonly reason: FailureReason,
    message: string,
    /** Technitium's own `errorMessage`, when it sent one. */
    readonly errorMessage?: string,
  ) {
    super(message);
    this.name = 'TechnitiumError';
  }
}

export interface ApiAnswer {
  readonly body: Record<string, unknown>;
  /** The HTTP Date header: Technitium's clock at answer time (ms), when present. */
  readonly serverDateMs?: number;
}

export interface ClientOptions {
  readonly baseUrl: string;
  readonly credentials: Credentials;
  readonly timeoutMs: number;
  /** Aborts every in-flight request (shutdown). */
  readonly signal?: AbortSignal;
  /** Called with each session token obtained by login, so the logger can redact it. */
  readonly onSecret?: (secret: string) => void;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export class TechnitiumClient {
  private sessionToken: string | undefined;
  /** Requests sent, by path (for tests and the benchmark). */
  requests = 0;

  constructor(private readonly opts: ClientOptions) {
    this.sessionToken = opts.credentials.token;
  }

  get baseUrl(): string {
    return this.opts.baseUrl;
  }

  private canLogin(): boolean {
    return Boolean(this.opts.credentials.user && this.opts.credentials.password);
  }

  /** POST a form to an /api path and return the parsed body once `status` is "ok". No auth handling. */
  async raw(path: string, params: Record<string, string>): Promise<ApiAnswer> {
    const signals = [AbortSignal.timeout(this.opts.timeoutMs)];
    if (this.opts.signal) signals.push(this.opts.signal);
    const signal = AbortSignal.any(signals);
    this.requests++;
    let text: string;
    let serverDateMs: number | undefined;
    try {
      const res = await httpPost(`${this.opts.baseUrl}${path}`, new URLSearchParams(params).toString(), signal);
      if (res.status < 200 || res.status > 299) throw new TechnitiumError('http', `${path}: HTTP ${res.status}`);
      if (res.date) {
        const ms = Date.parse(res.date);
        if (Number.isFinite(ms)) serverDateMs = ms;
      }
      text = res.text;
    } catch (err) {
      if (err instanceof TechnitiumError) throw err;
      if (signal.aborted) throw new TechnitiumError('timeout', `${path}: no answer within ${this.opts.timeoutMs} ms`);
      if ((err as Error).message === TOO_LARGE) throw new TechnitiumError('parse', `${path}: answer larger than ${MAX_BODY} bytes`);
      // Network errors: keep only the error code, never a message that might quote a URL or a body.
      const code = (err as NodeJS.ErrnoException | null)?.code;
      throw new TechnitiumError('http', `${path}: request failed${code ? ` (${code})` : ''}`);
    }
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      throw new TechnitiumError('parse', `${path}: answer is not JSON`);
    }
    if (!isRecord(body) || typeof body.status !== 'string') throw new TechnitiumError('parse', `${path}: answer has no "status"`);
    const errorMessage = typeof body.errorMessage === 'string' ? body.errorMessage : undefined;
    if (body.status === 'invalid-token') throw new TechnitiumError('invalid_token', `${path}: invalid-token`, errorMessage);
    if (body.status !== 'ok') {
      throw new TechnitiumError('api_error', `${path}: status ${body.status}${errorMessage ? `: ${errorMessage}` : ''}`, errorMessage);
    }
    return serverDateMs === undefined ? { body } : { body, serverDateMs };
  }

  private loginInFlight: Promise<void> | undefined;

  /** Open a session with user and password; concurrent callers share one login. */
  login(): Promise<void> {
    this.loginInFlight ??= this.doLogin().finally(() => {
      this.loginInFlight = undefined;
    });
    return this.loginInFlight;
  }

  /** `token` is at the top level of the login answer (login answers are not wrapped in `response`). */
  private async doLogin(): Promise<void> {
    const { user, password } = this.opts.credentials;
    if (!user || !password) throw new TechnitiumError('invalid_token', 'no user/password to log in with');
    let answer: ApiAnswer;
    try {
      answer = await this.raw('/api/user/login', { user, pass: password });
    } catch (err) {
      // A refused login is an authentication failure, whatever status Technitium gives it.
      if (err instanceof TechnitiumError && err.reason === 'api_error') {
        throw new TechnitiumError('invalid_token', `login refused: ${err.errorMessage ?? 'error'}`, err.errorMessage);
      }
      throw err;
    }
    const token = answer.body.token;
    if (typeof token !== 'string' || token.length === 0) throw new TechnitiumError('parse', '/api/user/login: answer has no token');
    this.opts.onSecret?.(token);
    this.sessionToken = token;
  }

  /** An authenticated call: logs in when needed, and once more on `invalid-token` when it can. */
  async call(path: string, params: Record<string, string> = {}): Promise<ApiAnswer> {
    if (!this.sessionToken) await this.login();
    const used = this.sessionToken;
    try {
      return await this.raw(path, { ...params, token: used ?? '' });
    } catch (err) {
      if (err instanceof TechnitiumError && err.reason === 'invalid_token' && this.canLogin()) {
        // Another request of the same poll may already have replaced the session.
        if (this.sessionToken === used) {
          this.sessionToken = undefined;
          await this.login();
        } else if (!this.sessionToken) {
          await this.login();
        }
        return await this.raw(path, { ...params, token: this.sessionToken ?? '' });
      }
      throw err;
    }
  }

  /** `response` object of an authenticated call. */
  async response(path: string, params: Record<string, string> = {}): Promise<{ response: Record<string, unknown>; serverDateMs?: number }> {
    const a = await this.call(path, params);
    const r = a.body.response;
    if (r !== undefined && !isRecord(r)) throw new TechnitiumError('parse', `${path}: "response" is not an object`);
    return a.serverDateMs === undefined ? { response: r ?? {} } : { response: r ?? {}, serverDateMs: a.serverDateMs };
  }

  /** Every zone, following `totalPages` when the server pages. */
  async listZones(zonesPerPage = 100): Promise<ZoneInfo[]> {
    const byName = new Map<string, ZoneInfo>();
    let page = 1;
    let totalPages = 1;
    do {
      const { response } = await this.response('/api/zones/list', { pageNumber: String(page), zonesPerPage: String(zonesPerPage) });
      const zones = response.zones;
      if (!Array.isArray(zones)) throw new TechnitiumError('parse', '/api/zones/list: "zones" is not an array');
      for (const z of zones) {
        const info = parseZone(z);
        byName.set(info.name, info);
      }
      const tp = response.totalPages;
      if (tp === undefined) break; // this server does not page
      if (typeof tp !== 'number' || !Number.isInteger(tp) || tp < 0 || tp > 10_000) {
        throw new TechnitiumError('parse', '/api/zones/list: bad "totalPages"');
      }
      totalPages = tp;
      page++;
    } while (page <= totalPages);
    return [...byName.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }
}

function parseZone(z: unknown): ZoneInfo {
  if (!isRecord(z) || typeof z.name !== 'string' || typeof z.type !== 'string') {
    throw new TechnitiumError('parse', '/api/zones/list: a zone has no name or type');
  }
  const optNum = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
  const optBool = (v: unknown): boolean | undefined => (typeof v === 'boolean' ? v : undefined);
  const out: { -readonly [K in keyof ZoneInfo]: ZoneInfo[K] } = { name: z.name, type: z.type };
  const soa = optNum(z.soaSerial);
  if (soa !== undefined) out.soaSerial = soa;
  const disabled = optBool(z.disabled);
  if (disabled !== undefined) out.disabled = disabled;
  const sf = optBool(z.syncFailed);
  if (sf !== undefined) out.syncFailed = sf;
  const ex = optBool(z.isExpired);
  if (ex !== undefined) out.isExpired = ex;
  return out;
}

const MAX_BODY = 32 * 1024 * 1024;
const TOO_LARGE = 'answer too large';

/**
 * POST a form with node:http(s). (Not fetch: undici's first use costs ~40 MB of RSS, half the
 * exporter's budget.) No keep-alive: one poll every few seconds does not need it, and a stale pooled
 * socket would turn into spurious failures.
 */
function httpPost(url: string, body: string, signal: AbortSignal): Promise<{ status: number; date?: string; text: string }> {
  return new Promise((resolve, reject) => {
    const req = (url.startsWith('https:') ? httpsRequest : httpRequest)(
      url,
      {
        method: 'POST',
        signal,
        agent: false,
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          'content-length': Buffer.byteLength(body),
          accept: 'application/json',
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (c: Buffer) => {
          size += c.length;
          if (size > MAX_BODY) {
            res.destroy(new Error(TOO_LARGE));
            return;
          }
          chunks.push(c);
        });
        res.on('error', reject);
        res.on('end', () => {
          const date = res.headers.date;
          resolve({ status: res.statusCode ?? 0, ...(date ? { date } : {}), text: Buffer.concat(chunks).toString('utf8') });
        });
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}
