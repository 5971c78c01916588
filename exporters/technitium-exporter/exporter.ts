// The technitium-exporter: polls every instance on an interval (never per scrape) and serves the last
// result on /metrics. See exporters/README.md for the design.
import { PollLoop } from '../lib/poll.ts';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { dirname } from 'node:path';
import { Registry } from 'prom-client';
import { catalogueCounter, catalogueGauge, labelValues } from '../lib/catalogue-metrics.ts';
import { Logger } from '../lib/log.ts';
import { MetricsServer } from '../lib/serve.ts';
import { statsZoneCount, TechnitiumClient, TechnitiumError, type FailureReason } from '../technitium/client.ts';
import type { Credentials } from '../technitium/credentials.ts';
import type { InstanceSpec } from '../technitium/instances.ts';
import { callRights, groupAdvice, rightsText } from '../technitium/rights.ts';
import { normaliseZoneName, replicatedZones, userZones, type ZoneInfo } from '../technitium/zones.ts';
import { MinuteTracker, parseMainChart, StatsParseError, type BucketField, type MinuteBucket } from './buckets.ts';

export interface ExporterInstance extends InstanceSpec {
  readonly credentials: Credentials;
}

export interface ExporterOptions {
  readonly instances: readonly ExporterInstance[];
  readonly intervalMs: number;
  readonly timeoutMs: number;
  /**
   * How long the per-zone series and zone counts of an instance are kept after its polls start failing.
   * Past this, they are dropped (technitium_up stays 0 and last_success stays put).
   */
  readonly staleAfterMs: number;
  readonly zonesPerPage?: number;
  /** Most zones read per instance (the rest of a longer list is not read: technitium_exporter_zone_list_truncated). */
  readonly maxZones?: number;
  /** Largest answer read from Technitium, in bytes (default: technitium/config.ts limits). */
  readonly maxResponseBytes?: number;
  readonly stateFile?: string;
  readonly logger?: Logger;
  /** The exporter's clock (ms); injectable for tests. */
  readonly now?: () => number;
}

interface InstanceState {
  readonly spec: ExporterInstance;
  readonly client: TechnitiumClient;
  readonly tracker: MinuteTracker;
  polled: boolean;
  up: boolean;
  lastSuccessMs?: number;
  zones?: {
    readonly list: ZoneInfo[];
    readonly atMs: number;
    /** Zones the instance counts that its list does not show to our user. */
    readonly hidden: number;
    /** The list held more zones than maxZones; `list` is its first part only. */
    readonly truncated: boolean;
  };
  /** What was last logged about hidden zones and a cut list, so each change is logged once, not every poll. */
  logged: { hidden: number; truncated: boolean };
}

const RCODE_FIELDS: Record<string, BucketField> = { NOERROR: 'noError', SERVFAIL: 'serverFailure', NXDOMAIN: 'nxDomain', REFUSED: 'refused' };
const OUTCOME_FIELDS: Record<string, BucketField> = {
  authoritative: 'authoritative',
  recursive: 'recursive',
  cached: 'cached',
  blocked: 'blocked',
  dropped: 'dropped',
};

export class TechnitiumExporter {
  readonly registry = new Registry();
  private readonly log: Logger;
  private readonly now: () => number;
  private readonly states: InstanceState[];
  private readonly abort = new AbortController();
  private readonly server = new MetricsServer(this.registry);
  private running: Promise<void> | undefined;
  private readonly loop = new PollLoop(() => this.opts.intervalMs, () => this.now(), () => this.pollOnce(), (err) => this.log.error('poll round crashed', { error: err.message }));
  /** Poll rounds completed (tests wait on this). */
  rounds = 0;

  private readonly m = {
    up: catalogueGauge(this.registry, 'technitium_up'),
    queries: catalogueCounter(this.registry, 'technitium_dns_queries_total'),
    responses: catalogueCounter(this.registry, 'technitium_dns_responses_total'),
    outcomes: catalogueCounter(this.registry, 'technitium_dns_query_outcomes_total'),
    zones: catalogueGauge(this.registry, 'technitium_zones'),
    missing: catalogueGauge(this.registry, 'technitium_replica_zones_missing'),
    soa: catalogueGauge(this.registry, 'technitium_zone_soa_serial'),
    syncFailed: catalogueGauge(this.registry, 'technitium_zone_sync_failed'),
    expired: catalogueGauge(this.registry, 'technitium_zone_expired'),
    hidden: catalogueGauge(this.registry, 'technitium_zones_hidden'),
    truncated: catalogueGauge(this.registry, 'technitium_exporter_zone_list_truncated'),
    pollErrors: catalogueCounter(this.registry, 'technitium_exporter_poll_errors_total'),
    lastSuccess: catalogueGauge(this.registry, 'technitium_exporter_last_success_timestamp_seconds'),
  };

  constructor(private readonly opts: ExporterOptions) {
    this.log = opts.logger ?? new Logger();
    this.now = opts.now ?? Date.now;
    const saved = this.loadState();
    this.states = opts.instances.map((spec) => {
      this.log.addSecret(spec.credentials.token);
      this.log.addSecret(spec.credentials.password);
      const client = new TechnitiumClient({
        baseUrl: spec.url,
        credentials: spec.credentials,
        timeoutMs: opts.timeoutMs,
        signal: this.abort.signal,
        onSecret: (s) => this.log.addSecret(s),
        ...(opts.maxResponseBytes ? { maxResponseBytes: opts.maxResponseBytes } : {}),
      });
      const w = saved[stateKey(spec)];
      return { spec, client, tracker: new MinuteTracker(w), polled: false, up: false, logged: { hidden: 0, truncated: false } };
    });
    // Counters exist from the start at 0, so rate() has a first sample to work from.
    for (const s of this.states) {
      const l = labelsOf(s.spec);
      this.m.queries.inc(l, 0);
      for (const rcode of labelValues('technitium_dns_responses_total', 'rcode')) this.m.responses.inc({ ...l, rcode }, 0);
      for (const outcome of labelValues('technitium_dns_query_outcomes_total', 'outcome')) this.m.outcomes.inc({ ...l, outcome }, 0);
      for (const reason of labelValues('technitium_exporter_poll_errors_total', 'reason')) this.m.pollErrors.inc({ ...l, reason }, 0);
    }
  }

  get isReady(): boolean {
    return this.server.ready;
  }

  /** Technitium API requests sent so far, all instances. */
  get apiRequests(): number {
    return this.states.reduce((n, s) => n + s.client.requests, 0);
  }

  /** The /metrics body as last rendered after a poll round. */
  get metrics(): string {
    return this.server.metrics;
  }

  /** One poll round: every instance concurrently; then the derived series are rebuilt and rendered. */
  async pollOnce(): Promise<void> {
    if (this.running) return this.running;
    this.running = (async () => {
      const started = this.now();
      await Promise.all(this.states.map((s) => this.pollInstance(s)));
      this.rebuildGauges();
      await this.server.render();
      this.saveState();
      this.server.ready = true;
      this.rounds++;
      this.log.debug('poll round done', { ms: this.now() - started });
    })().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  private async pollInstance(s: InstanceState): Promise<void> {
    const l = labelsOf(s.spec);
    try {
      const [stats, zones] = await Promise.all([
        s.client.response('/api/dashboard/stats/get', { type: 'LastHour', utc: 'true' }),
        s.client.listZones({ zonesPerPage: this.opts.zonesPerPage ?? 100, maxZones: this.opts.maxZones ?? Number.MAX_SAFE_INTEGER }),
      ]);
      // Technitium counts every zone (built-in ones too); the list shows only those our user may view. The two
      // answers are a few milliseconds apart, so a zone created between them shows as hidden for one poll.
      const hidden = Math.max(0, statsZoneCount(stats.response) - zones.listed);
      let buckets: MinuteBucket[];
      try {
        buckets = parseMainChart(stats.response.mainChartData, stats.serverDateMs ?? this.now());
      } catch (err) {
        if (err instanceof StatsParseError) throw new TechnitiumError('parse', `/api/dashboard/stats/get: ${err.message}`);
        throw err;
      }
      // Everything parsed: apply atomically.
      const res = s.tracker.ingest(buckets);
      for (const b of res.counted) {
        this.m.queries.inc(l, b.values.total);
        for (const [rcode, f] of Object.entries(RCODE_FIELDS)) this.m.responses.inc({ ...l, rcode }, b.values[f]);
        for (const [outcome, f] of Object.entries(OUTCOME_FIELDS)) this.m.outcomes.inc({ ...l, outcome }, b.values[f]);
      }
      if (res.kind === 'initial') this.log.info('statistics watermark set; counting starts with the next completed minute', { server: s.spec.server });
      if (res.kind === 'reanchored') this.log.warn('Technitium clock went backwards; statistics watermark re-anchored', { server: s.spec.server });
      if (res.gapMinutes > 0) this.log.warn('statistics minutes lost: older than the last hour Technitium keeps', { server: s.spec.server, minutes: res.gapMinutes });
      const nowMs = this.now();
      s.zones = { list: zones.zones, atMs: nowMs, hidden, truncated: zones.truncated };
      this.logZoneVisibility(s, zones.listed);
      s.up = true;
      s.lastSuccessMs = nowMs;
    } catch (err) {
      const reason: FailureReason = err instanceof TechnitiumError ? err.reason : 'parse';
      s.up = false;
      this.m.pollErrors.inc({ ...l, reason });
      const message = err instanceof Error ? err.message : String(err);
      this.log.warn('poll failed', { server: s.spec.server, role: s.spec.role, reason, error: message });
    } finally {
      s.polled = true;
    }
  }

  /** One line when zones become hidden from our user or the list gets cut, and one when that ends. */
  private logZoneVisibility(s: InstanceState, listed: number): void {
    const z = s.zones!;
    const where = { server: s.spec.server, role: s.spec.role };
    if (z.hidden !== s.logged.hidden) {
      if (z.hidden > 0) {
        this.log.warn(
          `zones hidden from the exporter's user: the instance has ${z.hidden} more than its list shows; it needs ` +
            `${rightsText(callRights.listZones)} on every zone (${groupAdvice})`,
          { ...where, hidden: z.hidden, listed },
        );
      } else {
        this.log.info('no zone is hidden from the exporter\'s user any more', where);
      }
    }
    if (z.truncated !== s.logged.truncated) {
      if (z.truncated) {
        this.log.warn(
          `zone list cut: the instance lists ${listed} zones, more than --max-zones ${this.opts.maxZones}; only the first ${z.list.length} ` +
            'are read, and its zone count and missing-zone comparison are not exported',
          { ...where, listed, maxZones: this.opts.maxZones },
        );
      } else {
        this.log.info('zone list no longer cut', where);
      }
    }
    s.logged = { hidden: z.hidden, truncated: z.truncated };
  }

  /** Gauges are rebuilt from instance state after every round, so no stale series survives by accident. */
  private rebuildGauges(): void {
    const nowMs = this.now();
    const gauges = [this.m.up, this.m.zones, this.m.missing, this.m.soa, this.m.syncFailed, this.m.expired, this.m.hidden, this.m.truncated, this.m.lastSuccess];
    for (const g of gauges) g.reset();
    const fresh = (s: InstanceState): InstanceState['zones'] =>
      s.zones && nowMs - s.zones.atMs <= this.opts.staleAfterMs ? s.zones : undefined;
    const primary = this.states.find((s) => s.spec.role === 'primary');
    const primaryZones = primary ? fresh(primary) : undefined;
    // A cut primary list cannot say which zones a replica lacks: unknown, not 0.
    const wanted = primaryZones && !primaryZones.truncated ? replicatedZones(primaryZones.list).map((z) => normaliseZoneName(z.name)) : undefined;
    for (const s of this.states) {
      const l = labelsOf(s.spec);
      if (s.polled) this.m.up.set(l, s.up ? 1 : 0);
      if (s.lastSuccessMs !== undefined) this.m.lastSuccess.set(l, Math.floor(s.lastSuccessMs / 1000));
      const zs = fresh(s);
      if (!zs) continue; // never polled, or failing for longer than staleAfter: drop, do not freeze
      this.m.hidden.set(l, zs.hidden);
      this.m.truncated.set(l, zs.truncated ? 1 : 0);
      const own = userZones(zs.list);
      // A cut list's count would be a lie: leave it out (the truncated gauge says why).
      if (!zs.truncated) this.m.zones.set(l, own.length);
      for (const z of own) {
        const zl = { ...l, zone: normaliseZoneName(z.name) };
        if (z.soaSerial !== undefined) this.m.soa.set(zl, z.soaSerial);
        if (z.syncFailed !== undefined) this.m.syncFailed.set(zl, z.syncFailed ? 1 : 0);
        if (z.isExpired !== undefined) this.m.expired.set(zl, z.isExpired ? 1 : 0);
      }
      if (s.spec.role === 'replica' && wanted && !zs.truncated) {
        const have = new Set(own.map((z) => normaliseZoneName(z.name)));
        this.m.missing.set(l, wanted.filter((z) => !have.has(z)).length);
      }
    }
  }

  private loadState(): Record<string, number> {
    if (!this.opts.stateFile) return {};
    try {
      const data = JSON.parse(readFileSync(this.opts.stateFile, 'utf8')) as { version?: number; watermarks?: Record<string, unknown> };
      const out: Record<string, number> = {};
      if (data.version === 1 && data.watermarks) {
        for (const [k, v] of Object.entries(data.watermarks)) if (typeof v === 'number' && Number.isInteger(v)) out[k] = v;
      }
      return out;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') this.log.warn('state file unreadable; starting without watermarks', { file: this.opts.stateFile });
      return {};
    }
  }

  private saveState(): void {
    if (!this.opts.stateFile) return;
    const watermarks: Record<string, number> = {};
    for (const s of this.states) if (s.tracker.watermark !== undefined) watermarks[stateKey(s.spec)] = s.tracker.watermark;
    try {
      mkdirSync(dirname(this.opts.stateFile), { recursive: true });
      const tmp = `${this.opts.stateFile}.tmp`;
      writeFileSync(tmp, `${JSON.stringify({ version: 1, watermarks })}\n`);
      renameSync(tmp, this.opts.stateFile);
    } catch (err) {
      this.log.warn('state file not written', { file: this.opts.stateFile, error: (err as Error).message });
    }
  }

  /** Poll now and then every intervalMs (exporters/lib/poll.ts). */
  start(): void {
    this.loop.start();
  }

  listen(port: number, host: string): Promise<AddressInfo> {
    return this.server.listen(port, host);
  }

  /** Stop polling, abort in-flight requests, stop serving. */
  async stop(): Promise<void> {
    this.loop.stop();
    this.abort.abort();
    await this.running?.catch(() => undefined);
    await this.server.close();
  }
}

function labelsOf(spec: InstanceSpec): { server: string; role: string } {
  return { server: spec.server, role: spec.role };
}

function stateKey(spec: InstanceSpec): string {
  return `${spec.server} ${spec.url}`;
}
