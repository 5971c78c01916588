// A small Technitium HTTP API client: every answer is parsed and its `status` checked (Technitium
// reports failures as HTTP 200 with "status":"error" | "invalid-token" | "2fa-required"), every request
// has a timeout, and credentials travel in a POST form body, never in a URL, a log line or an error.
import { AnswerLimitError, boundedPost } from '../lib/http.ts';
import { technitiumPrograms } from './config.ts';
import type { Credentials } from './credentials.ts';
import { normaliseZoneName, type ZoneInfo } from './zones.ts';

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
  /** Largest answer read (bytes) and deepest JSON nesting; past either the connection is dropped (`parse`). */
  readonly maxResponseBytes?: number;
  readonly maxJsonDepth?: number;
}

/** What /api/zones/list returned, within the zone limit. */
export interface ZoneList {
  /** Zones read, one per name (compared case-insensitively without a trailing dot), sorted by that name. */
  readonly zones: ZoneInfo[];
  /**
   * How many zones the list holds for this user: `totalZones` of a paged answer, else the zones read. Counted
   * by Technitium before any cut, so it stays exact when the list was cut at the zone limit.
   */
  readonly listed: number;
  /** True when the list held more zones than the limit and the rest was not read. */
  readonly truncated: boolean;
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
      const res = await boundedPost(`${this.opts.baseUrl}${path}`, new URLSearchParams(params).toString(), {
        signal,
        contentType: 'application/x-www-form-urlencoded',
        maxBytes: this.opts.maxResponseBytes ?? technitiumPrograms.limits.maxResponseBytes,
        maxJsonDepth: this.opts.maxJsonDepth ?? technitiumPrograms.limits.maxJsonDepth,
      });
      if (res.status < 200 || res.status > 299) throw new TechnitiumError('http', `${path}: HTTP ${res.status}`);
      if (res.date) {
        const ms = Date.parse(res.date);
        if (Number.isFinite(ms)) serverDateMs = ms;
      }
      text = res.text;
    } catch (err) {
      if (err instanceof TechnitiumError) throw err;
      if (signal.aborted) throw new TechnitiumError('timeout', `${path}: no answer within ${this.opts.timeoutMs} ms`);
      if (err instanceof AnswerLimitError) throw new TechnitiumError('parse', `${path}: ${err.message}`);
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

  /**
   * The zones the user may view, following `totalPages` when the server pages, reading at most `maxZones`
   * (a list cut there is reported as truncated, never passed off as complete).
   */
  async listZones(opts: { zonesPerPage?: number; maxZones?: number } = {}): Promise<ZoneList> {
    const zonesPerPage = opts.zonesPerPage ?? 100;
    const maxZones = opts.maxZones ?? Number.MAX_SAFE_INTEGER;
    const byName = new Map<string, ZoneInfo>();
    let page = 1;
    let totalPages = 1;
    let totalZones: number | undefined;
    let unpagedLength: number | undefined;
    let truncated = false;
    do {
      const { response } = await this.response('/api/zones/list', { pageNumber: String(page), zonesPerPage: String(zonesPerPage) });
      const zones = response.zones;
      if (!Array.isArray(zones)) throw new TechnitiumError('parse', '/api/zones/list: "zones" is not an array');
      for (const z of zones) {
        const info = parseZone(z);
        const key = normaliseZoneName(info.name);
        if (!byName.has(key) && byName.size >= maxZones) {
          truncated = true;
          break;
        }
        byName.set(key, info);
      }
      const tz = response.totalZones;
      if (tz !== undefined) {
        if (!isCount(tz)) throw new TechnitiumError('parse', '/api/zones/list: bad "totalZones"');
        totalZones = tz;
      }
      const tp = response.totalPages;
      if (tp === undefined) {
        unpagedLength = zones.length; // this server does not page: the answer holds the whole list
        break;
      }
      if (!isCount(tp) || tp > 10_000) throw new TechnitiumError('parse', '/api/zones/list: bad "totalPages"');
      totalPages = tp;
      // At the limit with pages left: the rest is not read (nor fetched).
      if (truncated || (byName.size >= maxZones && page < totalPages)) {
        truncated = true;
        break;
      }
      page++;
    } while (page <= totalPages);
    const sorted = [...byName.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, z]) => z);
    return { zones: sorted, listed: totalZones ?? unpagedLength ?? sorted.length, truncated };
  }

  /**
   * The instance's own count of its zones, `response.stats.zones` of /api/dashboard/stats/get: AuthZoneManager
   * .TotalZones, every zone including the built-in ones, whatever the user may view.
   */
  async zoneCount(): Promise<number> {
    const { response } = await this.response('/api/dashboard/stats/get', { type: 'LastHour', utc: 'true' });
    return statsZoneCount(response);
  }
}

/** A count Technitium sends: a whole number, not negative, and not absurd (a million zones or pages). */
function isCount(v: unknown): v is number {
  return typeof v === 'number' && Number.isSafeInteger(v) && v >= 0 && v <= 1_000_000;
}

/** `stats.zones` of a /api/dashboard/stats/get `response`. */
export function statsZoneCount(response: Record<string, unknown>): number {
  const stats = response.stats;
  const zones = isRecord(stats) ? stats.zones : undefined;
  if (!isCount(zones)) throw new TechnitiumError('parse', '/api/dashboard/stats/get: "stats.zones" is not a count');
  return zones;
}

const MAX_ZONE_NAME = 255; // RFC 1035: a name is at most 255 octets
const UINT32_MAX = 4_294_967_295; // SOA serials are unsigned 32-bit (RFC 1035 3.3.13)

function parseZone(z: unknown): ZoneInfo {
  if (!isRecord(z) || typeof z.name !== 'string' || typeof z.type !== 'string') {
    throw new TechnitiumError('parse', '/api/zones/list: a zone has no name or type');
  }
  if (z.name.length > MAX_ZONE_NAME || z.type.length > 64) throw new TechnitiumError('parse', '/api/zones/list: a zone name or type is too long');
  if (z.soaSerial !== undefined && !(typeof z.soaSerial === 'number' && Number.isInteger(z.soaSerial) && z.soaSerial >= 0 && z.soaSerial <= UINT32_MAX)) {
    throw new TechnitiumError('parse', '/api/zones/list: a zone\'s "soaSerial" is not an unsigned 32-bit number');
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
