// A Technitium DNS Server HTTP API simulator for tests and the benchmark, faithful to the shapes in
// fixtures/technitium/ next to this file (answers are built FROM those fixtures): HTTP 200 with "status":"error"
// for failures, per-minute statistics buckets with a controllable clock, zones per instance with
// syncFailed/isExpired/soaSerial, paging, and injectable faults (slow, HTTP 500, malformed JSON,
// "status":"error", "invalid-token", flapping). Listens on 127.0.0.1 only.
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

export type Fault = 'none' | 'error' | 'invalid-token' | 'http500' | 'malformed' | 'not-json-object';

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
}

export const MINUTE_MS = 60_000;
const DEFAULT_CLOCK = Date.parse('2026-08-22T15:59:30Z');

export class TechnitiumSimulator {
  readonly zones = new Map<string, ZoneObject>();
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
  /** Requests whose client gave up (closed the connection) before the delayed answer was ready. */
  abandoned = 0;
  /** Per-minute overrides of the bucket values (e.g. zeros after a data loss). */
  readonly bucketOverrides = new Map<number, BucketValues>();
  /** Operation failures to inject: key "create:<zone>", "options:<zone>", "resync:<zone>" -> errorMessage. */
  readonly failOps = new Map<string, string>();
  /** Every mutating call received, in order (for zone-sync tests). */
  readonly ops: { op: string; zone: string; params: Record<string, string> }[] = [];
  /** Tokens and passwords seen in requests, so tests can look for them elsewhere. */
  readonly serverDomain: string;
  readonly labelStyle: 'iso' | 'hhmm';
  maxZonesPerPage: number | undefined;
  ignorePaging: boolean;

  private readonly apiTokens: Set<string>;
  private readonly sessions = new Set<string>();
  private readonly users: Record<string, string>;
  private readonly base: Record<keyof BucketValues, number[]>;
  private readonly statsFixture: Record<string, unknown>;
  private server: Server | undefined;
  private statsRequests = 0;
  url = '';

  constructor(opts: SimulatorOptions = {}) {
    this.serverDomain = opts.serverDomain ?? 'technitium-sim';
    const zones = opts.zones ?? fixture<{ response: { zones: ZoneObject[] } }>('zones-list.primary.json').response.zones;
    for (const z of zones) this.zones.set(z.name, structuredClone(z));
    this.apiTokens = new Set(opts.apiTokens ?? []);
    this.users = opts.users ?? {};
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

  private statsAnswer(): Record<string, unknown> {
    const cur = this.currentMinute;
    const frac = (this.clockMs - cur * MINUTE_MS) / MINUTE_MS;
    const minutes = Array.from({ length: 60 }, (_, i) => cur - 59 + i);
    const values = minutes.map((m) => {
      if (m !== cur) return this.valuesAt(m);
      // The current minute is still filling: a partial count, never the final one.
      const full = this.valuesAt(m);
      const part = {} as BucketValues;
      for (const k of Object.keys(full) as (keyof BucketValues)[]) part[k] = Math.floor(full[k] * frac * 0.9);
      return part;
    });
    const labels = minutes.map((m) => {
      const iso = new Date(m * MINUTE_MS).toISOString(); // 2026-08-22T15:07:00.000Z
      return this.labelStyle === 'iso' ? iso.replace(/\.\d{3}Z$/, '.0000000Z') : iso.slice(11, 16);
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
      zones: [...this.zones.values()].length,
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
      default:
        break;
    }

    if (path === '/api/user/login') {
      const user = params.get('user') ?? '';
      if (user && this.users[user] !== undefined && this.users[user] === params.get('pass')) {
        const token = randomBytes(32).toString('hex');
        this.sessions.add(token);
        return json({ ...fixture<Record<string, unknown>>('user-login.ok.v14.json'), username: user, token, server: this.serverDomain });
      }
      return json({ ...fixture<Record<string, unknown>>('user-login.error-bad-password.json'), errorMessage: `Invalid username or password for user: ${user}`, server: this.serverDomain });
    }
    if (!path.startsWith('/api/')) return send(404, '');

    const bearer = /^Bearer\s+(.+)$/.exec(req.headers.authorization ?? '')?.[1];
    const token = params.get('token') ?? bearer ?? '';
    if (!token) return json({ ...fixture<Record<string, unknown>>('token-missing.v14.json'), server: this.serverDomain });
    if (!this.apiTokens.has(token) && !this.sessions.has(token)) return json({ ...fixture<Record<string, unknown>>('invalid-token.json'), server: this.serverDomain });

    switch (path) {
      case '/api/dashboard/stats/get':
        if (params.get('type') !== 'LastHour') return json(this.error('Simulator only knows type=LastHour.'));
        return json(this.envelope(this.statsAnswer()));
      case '/api/zones/list':
        return json(this.envelope(this.listZones(params)));
      case '/api/zones/create':
        return json(this.createZone(params));
      case '/api/zones/options/set':
        return json(this.setOptions(params));
      case '/api/zones/resync':
        return json(this.resync(params));
      default:
        // Technitium: unknown /api paths are 404 with an empty body once the session check passed.
        return send(404, '');
    }
  }

  private listZones(params: URLSearchParams): Record<string, unknown> {
    const all = [...this.zones.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const pageParam = params.get('pageNumber');
    if (pageParam === null || this.ignorePaging) return { zones: all };
    const asked = Number(params.get('zonesPerPage') ?? '10') || 10;
    const per = Math.max(1, Math.min(asked, this.maxZonesPerPage ?? asked));
    const totalPages = Math.max(1, Math.ceil(all.length / per));
    const page = Math.min(Math.max(1, Number(pageParam) || 1), totalPages);
    return { pageNumber: page, totalPages, totalZones: all.length, zones: all.slice((page - 1) * per, page * per) };
  }

  /** Records a zone operation (without the token) and returns its zone, or the injected failure for it. */
  private zoneOp(op: string, params: URLSearchParams): { zone: string; failure?: Record<string, unknown> } {
    const zone = (params.get('zone') ?? '').toLowerCase();
    this.ops.push({ op, zone, params: Object.fromEntries([...params].filter(([k]) => k !== 'token')) });
    const injected = this.failOps.get(`${op}:${zone}`);
    return injected ? { zone, failure: this.error(injected) } : { zone };
  }

  /** The existing zone an operation names, or Technitium's error for a missing one. */
  private existingZone(op: string, params: URLSearchParams): { zone: ZoneObject; failure?: undefined } | { zone?: undefined; failure: Record<string, unknown> } {
    const { zone, failure } = this.zoneOp(op, params);
    if (failure) return { failure };
    const z = this.zones.get(zone);
    return z ? { zone: z } : { failure: this.error(`No such zone was found: ${zone}`) };
  }

  private createZone(params: URLSearchParams): Record<string, unknown> {
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
    return this.envelope({ domain: zone });
  }

  private setOptions(params: URLSearchParams): Record<string, unknown> {
    const { zone: z, failure } = this.existingZone('options', params);
    if (failure) return failure;
    for (const [k, v] of params) if (k !== 'token' && k !== 'zone') z[k] = v;
    return { ...fixture<Record<string, unknown>>('zones-options-set.ok.json'), server: this.serverDomain };
  }

  private resync(params: URLSearchParams): Record<string, unknown> {
    const { zone: z, failure } = this.existingZone('resync', params);
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
