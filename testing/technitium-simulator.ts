// A Technitium DNS Server 14.3 HTTP API simulator for tests and the benchmarks, faithful to the shapes in
// fixtures/technitium/ next to this file (answers are built FROM those fixtures): HTTP 200 with "status":"error"
// for failures, per-minute statistics buckets as StatsManager.cs serves them (labels at the bucket's end, the
// newest bucket stale until the 10-second maintenance tick) with a controllable clock, zones per instance with
// syncFailed/isExpired/soaSerial, paging, users and tokens with section and per-zone rights ("Access was
// denied.", a zone list filtered to the zones the user may View), and injectable faults (slow, HTTP 500,
// malformed JSON, "status":"error", "invalid-token", flapping, and hostile answers: a huge body, deeply nested
// JSON, an endless stream, 1e308). Listens on 127.0.0.1 only.
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const fixturesDir = resolve(dirname(fileURLToPath(import.meta.url)), 'fixtures/technitium');

export function fixture<T = Record<string, unknown>>(name: string): T {
  return JSON.parse(readFileSync(resolve(fixturesDir, name), 'utf8')) as T;
}

export type ZoneObject = Record<string, unknown> & { name: string; type: string };

export type BucketValues = {
  total: number; noError: number; serverFailure: number; nxDomain: number; refused: number;
  authoritative: number; recursive: number; cached: number; blocked: number; dropped: number; clients: number;
};
const FIELD_BY_LABEL: Record<string, keyof BucketValues> = {
  Total: 'total', 'No Error': 'noError', 'Server Failure': 'serverFailure', 'NX Domain': 'nxDomain', Refused: 'refused',
  Authoritative: 'authoritative', Recursive: 'recursive', Cached: 'cached', Blocked: 'blocked', Dropped: 'dropped', Clients: 'clients',
};

export type Fault =
  | 'none'
  | 'error'
  | 'invalid-token'
  | 'http500'
  | 'malformed'
  | 'not-json-object'
  /** A valid JSON answer of `hostileBytes` (default 50 MB): zone objects, streamed. */
  | 'huge-body'
  /** `hostileBytes` (default 10 MB) of valid, deeply nested JSON: [[[[...]]]]. */
  | 'deep-json'
  /** An answer that never ends (zone objects until the client hangs up). */
  | 'endless'
  /** Statistics whose every bucket reads 1e308. */
  | 'huge-number';

export type Flag = 'View' | 'Modify' | 'Delete';

/** What a user or API token may do (Technitium's Permission: per section, and per zone). */
export interface Rights {
  readonly dashboard: readonly Flag[];
  readonly zones: readonly Flag[];
  /** Per-zone rights by zone name; zones not listed get `otherZones`. */
  readonly zone: Readonly<Record<string, readonly Flag[]>>;
  readonly otherZones: readonly Flag[];
}

const ALL: readonly Flag[] = ['View', 'Modify', 'Delete'];
/** An Administrators member: every right on every section and zone. */
export const ADMIN_RIGHTS: Rights = { dashboard: ALL, zones: ALL, zone: {}, otherZones: ALL };
/** A new user in no group but Everyone: Dashboard and Zones View, and no zone at all (AuthManager.CreateDefaultConfig). */
export const EVERYONE_RIGHTS: Rights = { dashboard: ['View'], zones: ['View'], zone: {}, otherZones: [] };

/** Technitium's errorMessage for a missing right (WebServiceZonesApi.cs, WebServiceDashboardApi.cs). */
export const ACCESS_DENIED = 'Access was denied.';

export interface SimulatorOptions {
  /** Technitium's ServerDomain, echoed as "server". */
  serverDomain?: string;
  /** Zones this instance lists (raw zone objects as in the fixtures). Default: zones-list.primary.json. */
  zones?: ZoneObject[];
  /** API tokens accepted (non-expiring). */
  apiTokens?: string[];
  /** user -> password accepted by /api/user/login. */
  users?: Record<string, string>;
  /** Initial clock (ms). Default: 2026-08-22T15:59:30Z, 30 s into the fixture's current minute. */
  clockMs?: number;
  /** "iso" (utc=true on v14/v15) or "hhmm" (bare time-of-day labels). */
  labelStyle?: 'iso' | 'hhmm';
  /** Largest page the server hands out (forces paging); undefined = whatever is asked. */
  maxZonesPerPage?: number;
  /** Answer /api/zones/list without paging fields even when asked (an old server). */
  ignorePaging?: boolean;
  /**
   * Rights of API tokens and users, by token or user name; anything not listed is an administrator. Sessions
   * opened by /api/user/login carry their user's rights.
   */
  rights?: Record<string, Rights>;
  /**
   * How long after a minute ends its bucket is still stale (Technitium's maintenance timer runs every 10 s at
   * a phase of its own; default 10 s, the worst case).
   */
  statsLockAfterMs?: number;
}

/** Technitium keeps zone names in lower case without the root's trailing dot. */
function zoneKey(name: string): string {
  return name.toLowerCase().replace(/\.+$/, '');
}

export const MINUTE_MS = 60_000;
const DEFAULT_CLOCK = Date.parse('2026-08-22T15:59:30Z');

/** A Map that counts its changes, so what is derived from it (the sorted zone list) is rebuilt only after one. */
class VersionedMap<K, V> extends Map<K, V> {
  version = 0;
  override set(k: K, v: V): this {
    this.version++;
    return super.set(k, v);
  }
  override delete(k: K): boolean {
    this.version++;
    return super.delete(k);
  }
  override clear(): void {
    this.version++;
    super.clear();
  }
}

export class TechnitiumSimulator {
  /** Zones by name (lower case, no trailing dot). */
  readonly zones: Map<string, ZoneObject> = new VersionedMap<string, ZoneObject>();
  private sortedZones: { version: number; keys: string[] } | undefined;
  /** Requests by path (only /api/*). */
  readonly calls = new Map<string, number>();
  apiCalls = 0;
  clockMs: number;
  fault: Fault = 'none';
  /** Only paths matching this regexp get the fault (default: all). */
  faultPaths: RegExp = /.*/;
  /** When true, every other /api/dashboard/stats/get answers `fault` (and the others are fine). */
  flapping = false;
  /** errorMessage of the 'error' fault. */
  faultMessage = 'Simulated failure.';
  /** Delay before every /api answer (ms). */
  delayMs = 0;
  /** Size of the 'huge-body' and 'deep-json' answers (bytes); default 50 MB and 10 MB. */
  hostileBytes: number | undefined;
  /** Bytes written by hostile answers (to check the client hung up early). */
  hostileBytesSent = 0;
  /** Called as /api/zones/list is answered, before and after the list is read (to change zones meanwhile). */
  readonly onList: { before?: () => void; after?: () => void } = {};
  /** Hostile answers still being written (0 once every client has hung up or the answer ended). */
  hostileStreamsOpen = 0;
  /** Requests whose client gave up (closed the connection) before the delayed answer was ready. */
  abandoned = 0;
  /** Per-minute overrides of the bucket values (e.g. zeros after a data loss). */
  readonly bucketOverrides = new Map<number, BucketValues>();
  /** Operation failures to inject: key "create:<zone>", "options:<zone>", "resync:<zone>" -> errorMessage. */
  readonly failOps = new Map<string, string>();
  /** Every mutating call received, in order (for zone-sync tests). */
  readonly ops: { op: string; zone: string; params: Record<string, string> }[] = [];
  /** Session tokens handed out by /api/user/login, so tests can look for them where they must not be. */
  readonly issuedSessionTokens: string[] = [];
  readonly serverDomain: string;
  readonly labelStyle: 'iso' | 'hhmm';
  maxZonesPerPage: number | undefined;
  ignorePaging: boolean;

  private readonly apiTokens: Set<string>;
  /** Session token -> user. */
  private readonly sessions = new Map<string, string>();
  private readonly users: Record<string, string>;
  /** Rights by API token or user name (mutable: a zone's creator gets every right on it). */
  readonly rights = new Map<string, { dashboard: readonly Flag[]; zones: readonly Flag[]; zone: Record<string, readonly Flag[]>; otherZones: readonly Flag[] }>();
  statsLockAfterMs: number;
  private readonly base: Record<keyof BucketValues, number[]>;
  private readonly statsFixture: Record<string, unknown>;
  private server: Server | undefined;
  private statsRequests = 0;
  url = '';

  constructor(opts: SimulatorOptions = {}) {
    this.serverDomain = opts.serverDomain ?? 'technitium-sim';
    const zones = opts.zones ?? fixture<{ response: { zones: ZoneObject[] } }>('zones-list.primary.json').response.zones;
    for (const z of zones) this.zones.set(zoneKey(z.name), structuredClone(z));
    this.apiTokens = new Set(opts.apiTokens ?? []);
    this.users = opts.users ?? {};
    for (const [who, r] of Object.entries(opts.rights ?? {})) {
      this.rights.set(who, { ...r, zone: Object.fromEntries(Object.entries(r.zone).map(([z, f]) => [zoneKey(z), f])) });
    }
    this.statsLockAfterMs = opts.statsLockAfterMs ?? 10_000;
    this.clockMs = opts.clockMs ?? DEFAULT_CLOCK;
    this.labelStyle = opts.labelStyle ?? 'iso';
    this.maxZonesPerPage = opts.maxZonesPerPage;
    this.ignorePaging = opts.ignorePaging ?? false;
    this.statsFixture = fixture<Record<string, unknown>>('dashboard-stats-get.LastHour.json');
    const chart = (this.statsFixture.response as { mainChartData: { datasets: { label: string; data: number[] }[] } }).mainChartData;
    this.base = {} as Record<keyof BucketValues, number[]>;
    for (const ds of chart.datasets) {
      const f = FIELD_BY_LABEL[ds.label];
      if (f) this.base[f] = ds.data;
    }
  }

  // ---- statistics -------------------------------------------------------------------------------

  get currentMinute(): number {
    return Math.floor(this.clockMs / MINUTE_MS);
  }

  advanceMinutes(n: number): void {
    this.clockMs += n * MINUTE_MS;
  }

  /** Final values of a completed minute: the fixture's data, cycled and varied by the hour. */
  valuesAt(minute: number): BucketValues {
    const o = this.bucketOverrides.get(minute);
    if (o) return o;
    const i = ((minute % 60) + 60) % 60;
    const hour = Math.floor(minute / 60);
    const bump = ((hour * 7) % 5) + (minute % 3); // differs from one hour to the next
    const v = {} as BucketValues;
    for (const f of Object.keys(this.base) as (keyof BucketValues)[]) v[f] = (this.base[f][i] ?? 0) + (f === 'clients' ? 0 : bump);
    // keep the identities Technitium keeps: total = sum of rcodes (others are folded into noError)
    v.total = v.noError + v.serverFailure + v.nxDomain + v.refused;
    return v;
  }

  /** Sum of valuesAt over minutes (from, to] (what a perfect exporter counts between two watermarks). */
  sum(fromExclusive: number, toInclusive: number): BucketValues {
    const acc = { total: 0, noError: 0, serverFailure: 0, nxDomain: 0, refused: 0, authoritative: 0, recursive: 0, cached: 0, blocked: 0, dropped: 0, clients: 0 };
    for (let m = fromExclusive + 1; m <= toInclusive; m++) {
      const v = this.valuesAt(m);
      for (const k of Object.keys(acc) as (keyof BucketValues)[]) acc[k] += v[k];
    }
    return acc;
  }

  /**
   * /api/dashboard/stats/get?type=LastHour as 14.3 builds it (StatsManager.GetLastHourMinuteWiseStats): the 60
   * minutes that ended before the current one, each labelled with its END; the newest still holds the same
   * minute of the previous hour until the maintenance tick has locked it (statsLockAfterMs into the minute).
   */
  private statsAnswer(): Record<string, unknown> {
    const cur = this.currentMinute;
    const locked = this.clockMs - cur * MINUTE_MS >= this.statsLockAfterMs;
    const minutes = Array.from({ length: 60 }, (_, i) => cur - 60 + i);
    const values = minutes.map((m) => {
      const v = m === cur - 1 && !locked ? this.valuesAt(m - 60) : this.valuesAt(m);
      if (this.fault !== 'huge-number') return v;
      return Object.fromEntries(Object.keys(v).map((k) => [k, 1e308])) as BucketValues;
    });
    const labels = minutes.map((m) => {
      const end = new Date((m + 1) * MINUTE_MS).toISOString(); // 2026-08-22T15:07:00.000Z
      return this.labelStyle === 'iso' ? end.replace(/\.\d{3}Z$/, '.0000000Z') : end.slice(11, 16);
    });
    const src = this.statsFixture.response as Record<string, unknown>;
    const chart = src.mainChartData as { labelFormat: string; datasets: Record<string, unknown>[] };
    const datasets = chart.datasets.map((ds) => {
      const f = FIELD_BY_LABEL[ds.label as string]!;
      return { ...ds, data: values.map((v) => v[f]) };
    });
    const tot = (f: keyof BucketValues): number => values.reduce((n, v) => n + v[f], 0);
    const stats = {
      ...(src.stats as Record<string, unknown>),
      totalQueries: tot('total'), totalNoError: tot('noError'), totalServerFailure: tot('serverFailure'), totalNxDomain: tot('nxDomain'),
      totalRefused: tot('refused'), totalAuthoritative: tot('authoritative'), totalRecursive: tot('recursive'), totalCached: tot('cached'),
      totalBlocked: tot('blocked'), totalDropped: tot('dropped'),
      // AuthZoneManager.TotalZones: every zone, built-in ones included, whoever asks
      zones: this.zones.size,
    };
    return { ...src, stats, mainChartData: { ...chart, labels, datasets } };
  }

  /** Technitium restarts: sessions are gone; with loseStats, the minutes before now read 0. */
  restart(opts: { loseStats?: boolean } = {}): void {
    this.sessions.clear();
    if (opts.loseStats) {
      const zero: BucketValues = { total: 0, noError: 0, serverFailure: 0, nxDomain: 0, refused: 0, authoritative: 0, recursive: 0, cached: 0, blocked: 0, dropped: 0, clients: 0 };
      for (let m = this.currentMinute - 60; m < this.currentMinute; m++) this.bucketOverrides.set(m, zero);
    }
  }

  /** Expire every session token (API tokens stay valid). */
  expireSessions(): void {
    this.sessions.clear();
  }

  // ---- HTTP -------------------------------------------------------------------------------------

  async start(): Promise<string> {
    const server = createServer((req, res) => void this.handle(req, res));
    this.server = server;
    await new Promise<void>((ok, fail) => {
      server.once('error', fail);
      server.listen(0, '127.0.0.1', () => ok());
    });
    this.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    return this.url;
  }

  async stop(): Promise<void> {
    const s = this.server;
    if (!s) return;
    s.closeAllConnections();
    await new Promise<void>((ok) => s.close(() => ok()));
  }

  private envelope(response: unknown): Record<string, unknown> {
    return { response, server: this.serverDomain, status: 'ok' };
  }

  private error(message: string): Record<string, unknown> {
    return { ...fixture<Record<string, unknown>>('error.v15.json'), server: this.serverDomain, errorMessage: message };
  }

  /** The rights of the API token or session user behind `token`. */
  private rightsOf(token: string): { dashboard: readonly Flag[]; zones: readonly Flag[]; zone: Record<string, readonly Flag[]>; otherZones: readonly Flag[] } {
    const who = this.sessions.get(token) ?? token;
    let r = this.rights.get(who);
    if (!r) {
      r = { ...ADMIN_RIGHTS, zone: {} };
      this.rights.set(who, r);
    }
    return r;
  }

  private zoneAllowed(token: string, zone: string, flag: Flag): boolean {
    const r = this.rightsOf(token);
    return (r.zone[zoneKey(zone)] ?? r.otherZones).includes(flag);
  }

  private denied(): Record<string, unknown> {
    return { ...fixture<Record<string, unknown>>('error.access-denied.v14.json'), server: this.serverDomain };
  }

  /** Writes `head`, then `chunk` again and again (`total` bytes, or until the client hangs up), then `tail`. */
  private async stream(res: ServerResponse, head: string, chunk: string, tail: string, total: number | undefined): Promise<void> {
    res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', date: new Date(this.clockMs).toUTCString() });
    res.write(head);
    this.hostileStreamsOpen++;
    res.once('close', () => this.hostileStreamsOpen--);
    const buf = Buffer.from(chunk.repeat(Math.max(1, Math.floor(65_536 / chunk.length))));
    let sent = 0;
    while (!res.destroyed && (total === undefined || sent < total)) {
      const n = total === undefined ? buf.length : Math.min(buf.length, total - sent);
      const more = res.write(n === buf.length ? buf : buf.subarray(0, n));
      sent += n;
      this.hostileBytesSent += n;
      if (!more) {
        await new Promise<void>((resolve) => {
          const done = (): void => {
            res.off('drain', done);
            res.off('close', done);
            resolve();
          };
          res.on('drain', done);
          res.on('close', done);
        });
      }
    }
    if (!res.destroyed) res.end(tail);
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const u = new URL(req.url ?? '/', 'http://sim');
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const params = new URLSearchParams(u.search);
    if ((req.headers['content-type'] ?? '').includes('application/x-www-form-urlencoded')) {
      for (const [k, v] of new URLSearchParams(Buffer.concat(chunks).toString('utf8'))) params.set(k, v);
    }
    const path = u.pathname;
    if (path.startsWith('/api/')) {
      this.apiCalls++;
      this.calls.set(path, (this.calls.get(path) ?? 0) + 1);
    }
    if (this.delayMs > 0) {
      let gone = false;
      res.once('close', () => (gone = true)); // the client gave up (timeout) while we were "slow"
      await new Promise((r) => setTimeout(r, this.delayMs));
      if (gone || res.destroyed) {
        this.abandoned++;
        return;
      }
    }
    const send = (status: number, body: string): void => {
      if (res.destroyed) return;
      res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', date: new Date(this.clockMs).toUTCString() });
      res.end(body);
    };
    const json = (body: unknown): void => send(200, JSON.stringify(body));

    let fault = this.faultPaths.test(path) ? this.fault : 'none';
    if (path === '/api/dashboard/stats/get') {
      this.statsRequests++;
      if (this.flapping && this.statsRequests % 2 === 0) fault = this.fault === 'none' ? 'error' : this.fault;
      else if (this.flapping) fault = 'none';
    }
    const zoneJson = '{"name":"hostile.example","type":"Primary","soaSerial":1,"disabled":false},';
    switch (fault) {
      case 'http500':
        return send(500, '<html><body>Internal Server Error</body></html>');
      case 'malformed':
        return send(200, '{"response": {"stats": {"totalQueries": 12');
      case 'not-json-object':
        return send(200, '[1,2,3]');
      case 'error':
        return json(this.error(this.faultMessage));
      case 'invalid-token':
        return json({ ...fixture<Record<string, unknown>>('invalid-token.json'), server: this.serverDomain });
      case 'huge-body':
        return this.stream(res, '{"response":{"zones":[', zoneJson, `${zoneJson.slice(0, -1)}]},"status":"ok"}`, this.hostileBytes ?? 50_000_000);
      case 'deep-json': {
        const half = Math.floor((this.hostileBytes ?? 10_000_000) / 2);
        // valid JSON: half of the bytes open arrays, half close them
        return this.stream(res, '', '[', ']'.repeat(half), half);
      }
      case 'endless':
        return this.stream(res, '{"response":{"zones":[', zoneJson, '', undefined);
      default:
        break;
    }

    if (path === '/api/user/login') {
      const user = params.get('user') ?? '';
      if (user && this.users[user] !== undefined && this.users[user] === params.get('pass')) {
        const token = randomBytes(32).toString('hex');
        this.sessions.set(token, user);
        this.issuedSessionTokens.push(token);
        return json({ ...fixture<Record<string, unknown>>('user-login.ok.v14.json'), username: user, token, server: this.serverDomain });
      }
      return json({ ...fixture<Record<string, unknown>>('user-login.error-bad-password.json'), errorMessage: `Invalid username or password for user: ${user}`, server: this.serverDomain });
    }
    if (!path.startsWith('/api/')) return send(404, '');

    const bearer = /^Bearer\s+(.+)$/.exec(req.headers.authorization ?? '')?.[1];
    const token = params.get('token') ?? bearer ?? '';
    if (!token) return json({ ...fixture<Record<string, unknown>>('token-missing.v14.json'), server: this.serverDomain });
    if (!this.apiTokens.has(token) && !this.sessions.has(token)) return json({ ...fixture<Record<string, unknown>>('invalid-token.json'), server: this.serverDomain });
    const rights = this.rightsOf(token);

    switch (path) {
      case '/api/dashboard/stats/get':
        if (!rights.dashboard.includes('View')) return json(this.denied());
        if (params.get('type') !== 'LastHour') return json(this.error('Simulator only knows type=LastHour.'));
        return json(this.envelope(this.statsAnswer()));
      case '/api/zones/list': {
        if (!rights.zones.includes('View')) return json(this.denied());
        this.onList.before?.();
        const answer = this.listZones(params, token);
        this.onList.after?.();
        return json(this.envelope(answer));
      }
      case '/api/zones/create':
        if (!rights.zones.includes('Modify')) return json(this.denied());
        return json(this.createZone(params, token));
      case '/api/zones/options/set':
        if (!rights.zones.includes('Modify')) return json(this.denied());
        return json(this.setOptions(params, token));
      case '/api/zones/resync':
        if (!rights.zones.includes('Modify')) return json(this.denied());
        return json(this.resync(params, token));
      default:
        // Technitium: unknown /api paths are 404 with an empty body once the session check passed.
        return send(404, '');
    }
  }

  /** WebServiceZonesApi.ListZones: the zones the user may View, sorted, paged when pageNumber is given. */
  private listZones(params: URLSearchParams, token: string): Record<string, unknown> {
    const version = (this.zones as VersionedMap<string, ZoneObject>).version;
    if (this.sortedZones?.version !== version) this.sortedZones = { version, keys: [...this.zones.keys()].sort() };
    const r = this.rightsOf(token);
    // Someone who may View every zone sees the sorted list as is (cheap for the benchmark's 50,000 zones).
    const seesAll = r.otherZones.includes('View') && Object.values(r.zone).every((f) => f.includes('View'));
    const keys = seesAll ? this.sortedZones.keys : this.sortedZones.keys.filter((key) => this.zoneAllowed(token, key, 'View'));
    const zonesOf = (k: readonly string[]) => k.map((key) => this.zones.get(key)!);
    const pageParam = params.get('pageNumber');
    if (pageParam === null || this.ignorePaging) return { zones: zonesOf(keys) };
    const asked = Number(params.get('zonesPerPage') ?? '10') || 10;
    const per = Math.max(1, Math.min(asked, this.maxZonesPerPage ?? asked));
    const totalPages = Math.max(1, Math.ceil(keys.length / per));
    const page = Math.min(Math.max(1, Number(pageParam) || 1), totalPages);
    return { pageNumber: page, totalPages, totalZones: keys.length, zones: zonesOf(keys.slice((page - 1) * per, page * per)) };
  }

  /** Records a zone operation (without the token) and returns its zone, or the injected failure for it. */
  private zoneOp(op: string, params: URLSearchParams): { zone: string; failure?: Record<string, unknown> } {
    const zone = zoneKey(params.get('zone') ?? '');
    this.ops.push({ op, zone, params: Object.fromEntries([...params].filter(([k]) => k !== 'token')) });
    const injected = this.failOps.get(`${op}:${zone}`);
    return injected ? { zone, failure: this.error(injected) } : { zone };
  }

  /**
   * The existing zone an operation names, or Technitium's error: a missing zone, a built-in zone, or a missing
   * per-zone right (checked in that order, as SetZoneOptions and ResyncZone do).
   */
  private existingZone(op: string, params: URLSearchParams, token: string, flag: Flag): { zone: ZoneObject; failure?: undefined } | { zone?: undefined; failure: Record<string, unknown> } {
    const { zone, failure } = this.zoneOp(op, params);
    if (failure) return { failure };
    const z = this.zones.get(zone);
    if (!z) return { failure: this.error(`No such zone was found: ${zone}`) };
    if (z.internal === true) return { failure: this.error('Access was denied to manage internal DNS Server zone.') };
    if (!this.zoneAllowed(token, zone, flag)) return { failure: this.denied() };
    return { zone: z };
  }

  private createZone(params: URLSearchParams, token: string): Record<string, unknown> {
    const { zone, failure } = this.zoneOp('create', params);
    if (failure) return failure;
    if (!zone) return this.error("Parameter 'zone' missing.");
    if (this.zones.has(zone)) return { ...fixture<Record<string, unknown>>('zones-create.error-exists.json'), server: this.serverDomain, errorMessage: `Zone already exists: ${zone}` };
    const type = params.get('type') ?? 'Primary';
    if (type === 'Secondary' && !params.get('primaryNameServerAddresses')) {
      // Technitium would try to resolve the zone's NS; the job must always send the primary's address.
      return this.error('Simulator requires primaryNameServerAddresses for Secondary zones.');
    }
    const replicaTemplate = fixture<{ response: { zones: ZoneObject[] } }>('zones-list.replica.json').response.zones.find((z) => z.type === 'Secondary')!;
    this.zones.set(zone, {
      ...structuredClone(replicaTemplate),
      name: zone,
      type,
      soaSerial: 0,
      syncFailed: false,
      isExpired: false,
      primaryNameServerAddresses: params.get('primaryNameServerAddresses') ?? '',
    });
    // The creator gets every right on the zone it created (CreateZoneAsync).
    this.rightsOf(token).zone[zone] = ALL;
    return this.envelope({ domain: zone });
  }

  private setOptions(params: URLSearchParams, token: string): Record<string, unknown> {
    const { zone: z, failure } = this.existingZone('options', params, token, 'Delete');
    if (failure) return failure;
    for (const [k, v] of params) if (k !== 'token' && k !== 'zone') z[k] = v;
    return { ...fixture<Record<string, unknown>>('zones-options-set.ok.json'), server: this.serverDomain };
  }

  private resync(params: URLSearchParams, token: string): Record<string, unknown> {
    const { zone: z, failure } = this.existingZone('resync', params, token, 'Modify');
    if (failure) return failure;
    if (!['Secondary', 'SecondaryForwarder', 'SecondaryCatalog', 'Stub'].includes(z.type)) {
      return { ...fixture<Record<string, unknown>>('zones-resync.error-primary-zone.json'), server: this.serverDomain };
    }
    return { ...fixture<Record<string, unknown>>('zones-resync.ok.json'), server: this.serverDomain };
  }
}

/** Zone objects of the replica fixture (with its syncFailed/isExpired zones). */
export function replicaZones(): ZoneObject[] {
  return fixture<{ response: { zones: ZoneObject[] } }>('zones-list.replica.json').response.zones;
}

export function primaryZones(): ZoneObject[] {
  return fixture<{ response: { zones: ZoneObject[] } }>('zones-list.primary.json').response.zones;
}
