// The exporter against the Technitium simulator, in-process with injected clocks (no interval sleeps).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { catalogue } from '../../metrics/catalogue.ts';
import { BUILTIN_ZONES } from '../technitium/zones.ts';
import { captureLogger, parseMetrics, promtoolCheckMetrics, series, value, waitFor, type Sample } from '../../testing/helpers.ts';
import { EVERYONE_RIGHTS, MINUTE_MS, primaryZones, replicaZones, TechnitiumSimulator, type BucketValues, type SimulatorOptions } from '../../testing/technitium-simulator.ts';
import { TechnitiumExporter, type ExporterInstance } from './exporter.ts';

const TOKEN = 'tok-0123456789abcdef-SECRET';
const PASSWORD = 'pw-Very$ecret-42';

interface Env {
  sims: Record<'primary' | 'secondary' | 'tertiary', TechnitiumSimulator>;
  exporter: TechnitiumExporter;
  lines: string[];
  /** Exporter clock offset from the simulators' clock (ms). */
  skewMs: number;
  advance(minutes: number): void;
  poll(): Promise<Sample[]>;
  make(opts?: Partial<MakeOpts>): TechnitiumExporter;
}

interface MakeOpts {
  stateFile: string;
  creds: ExporterInstance['credentials'];
  timeoutMs: number;
  staleAfterMs: number;
  zonesPerPage: number;
  maxZones: number;
  maxResponseBytes: number;
}

const started: { stop(): Promise<void> }[] = [];
afterEach(async () => {
  while (started.length) await started.pop()!.stop();
});

async function setup(o: { sim?: SimulatorOptions; skewMs?: number; exporter?: Partial<MakeOpts> } = {}): Promise<Env> {
  const mk = (zones: SimulatorOptions['zones'], name: string): TechnitiumSimulator =>
    new TechnitiumSimulator({ serverDomain: name, zones, apiTokens: [TOKEN], users: { admin: PASSWORD }, ...o.sim });
  const sims = { primary: mk(primaryZones(), 'technitium-0'), secondary: mk(replicaZones(), 'technitium-secondary-0'), tertiary: mk(replicaZones(), 'technitium-tertiary-0') };
  for (const s of Object.values(sims)) {
    await s.start();
    started.push(s);
  }
  const { logger, lines } = captureLogger();
  const env: Env = {
    sims,
    lines,
    skewMs: o.skewMs ?? 0,
    exporter: undefined as unknown as TechnitiumExporter,
    advance(minutes) {
      for (const s of Object.values(sims)) s.advanceMinutes(minutes);
    },
    async poll() {
      await env.exporter.pollOnce();
      return parseMetrics(env.exporter.metrics);
    },
    make(m = {}) {
      const opts = { ...o.exporter, ...m };
      const exp = new TechnitiumExporter({
        instances: (['primary', 'secondary', 'tertiary'] as const).map((server) => ({
          server,
          role: server === 'primary' ? 'primary' : 'replica',
          url: sims[server].url,
          credentials: opts.creds ?? { token: TOKEN },
        })),
        intervalMs: 1000,
        timeoutMs: opts.timeoutMs ?? 2000,
        staleAfterMs: opts.staleAfterMs ?? 5 * 60_000,
        ...(opts.zonesPerPage ? { zonesPerPage: opts.zonesPerPage } : {}),
        ...(opts.maxZones ? { maxZones: opts.maxZones } : {}),
        ...(opts.maxResponseBytes ? { maxResponseBytes: opts.maxResponseBytes } : {}),
        ...(opts.stateFile ? { stateFile: opts.stateFile } : {}),
        logger,
        now: () => sims.primary.clockMs + env.skewMs,
      });
      started.push(exp);
      env.exporter = exp;
      return exp;
    },
  };
  env.make();
  return env;
}

/**
 * The newest minute a poll now counts: the one before the minute that just ended, whose bucket is the newest and
 * may still hold the previous hour (StatsManager.cs), so it is never counted.
 */
const newestCounted = (sim: TechnitiumSimulator): number => sim.currentMinute - 2;

const L = (server: string) => ({ server, role: server === 'primary' ? 'primary' : 'replica' });
const RCODES: Record<string, keyof BucketValues> = { NOERROR: 'noError', SERVFAIL: 'serverFailure', NXDOMAIN: 'nxDomain', REFUSED: 'refused' };
const OUTCOMES = ['authoritative', 'recursive', 'cached', 'blocked', 'dropped'] as const;

/** Every DNS counter of `server` equals the simulator's sum over minutes (from, to]. */
function expectCounted(samples: Sample[], sim: TechnitiumSimulator, server: string, from: number, to: number): void {
  const want = sim.sum(from, to);
  expect(value(samples, 'technitium_dns_queries_total', L(server)), `${server} queries over (${from}, ${to}]`).toBe(want.total);
  for (const [rcode, f] of Object.entries(RCODES)) expect(value(samples, 'technitium_dns_responses_total', { ...L(server), rcode })).toBe(want[f]);
  for (const o of OUTCOMES) expect(value(samples, 'technitium_dns_query_outcomes_total', { ...L(server), outcome: o })).toBe(want[o]);
}

describe('technitium-exporter: statistics buckets to counters', () => {
  it('first poll counts nothing; later polls add each completed minute once and never the newest', async () => {
    const env = await setup();
    const w0 = newestCounted(env.sims.primary);
    let s = await env.poll();
    for (const server of ['primary', 'secondary', 'tertiary']) {
      expect(value(s, 'technitium_up', L(server))).toBe(1);
      expectCounted(s, env.sims.primary, server, w0, w0);
    }
    // Same minute, later second: nothing new.
    env.sims.primary.clockMs += 20_000;
    s = await env.poll();
    expect(value(s, 'technitium_dns_queries_total', L('primary'))).toBe(0);
    env.advance(3);
    s = await env.poll();
    expectCounted(s, env.sims.primary, 'primary', w0, w0 + 3);
    expect(env.sims.primary.sum(w0, w0 + 3).total).toBeGreaterThan(0);
    s = await env.poll(); // nothing new
    expectCounted(s, env.sims.primary, 'primary', w0, w0 + 3);
  });

  it('never counts the newest bucket: until the 10-second maintenance tick it still holds the previous hour', async () => {
    const env = await setup();
    const sim = env.sims.primary;
    for (const x of Object.values(env.sims)) x.clockMs = (x.currentMinute + 1) * MINUTE_MS + 2_000; // 2 s into a minute
    const w0 = newestCounted(sim);
    await env.poll();
    env.advance(1);
    const justEnded = sim.currentMinute - 1;
    // the answer's newest bucket shows the same minute an hour earlier, which differs from its final count
    expect(sim.valuesAt(justEnded - 60).total).not.toBe(sim.valuesAt(justEnded).total);
    let s = await env.poll();
    expectCounted(s, sim, 'primary', w0, w0 + 1);
    for (const x of Object.values(env.sims)) x.clockMs += 28_000; // the tick has locked it: still the newest, still skipped
    s = await env.poll();
    expectCounted(s, sim, 'primary', w0, w0 + 1);
    env.advance(1); // now it is the second newest: counted with its final value, once
    s = await env.poll();
    expectCounted(s, sim, 'primary', w0, justEnded);
  });

  it('a missed poll is caught up exactly; an outage beyond the hour counts the 59 minutes Technitium still has', async () => {
    const env = await setup();
    const w0 = newestCounted(env.sims.primary);
    await env.poll();
    env.advance(17); // ~34 missed polls
    let s = await env.poll();
    expectCounted(s, env.sims.primary, 'primary', w0, w0 + 17);
    env.advance(90);
    s = await env.poll();
    const w1 = w0 + 17;
    const newest = w1 + 90;
    const want = env.sims.primary.sum(w1, w0 + 17).total + env.sims.primary.sum(newest - 59, newest).total + env.sims.primary.sum(w0, w1).total;
    expect(value(s, 'technitium_dns_queries_total', L('primary'))).toBe(want);
    expect(env.lines.some((l) => l.includes('statistics minutes lost') && l.includes('"minutes":31'))).toBe(true);
  });

  it('an exporter restart does not re-count the last hour (counters restart at 0, like any counter)', async () => {
    const env = await setup();
    await env.poll();
    env.advance(5);
    const before = await env.poll();
    expect(value(before, 'technitium_dns_queries_total', L('primary'))).toBeGreaterThan(0);
    await env.exporter.stop();
    env.advance(2);
    env.make();
    const w = newestCounted(env.sims.primary);
    let s = await env.poll();
    expect(value(s, 'technitium_dns_queries_total', L('primary'))).toBe(0);
    env.advance(4);
    s = await env.poll();
    expectCounted(s, env.sims.primary, 'primary', w, w + 4);
  });

  it('with --state-file an exporter restart loses no minute and counts none twice', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'texp-'));
    try {
      const env = await setup({ exporter: { stateFile: join(dir, 'state.json') } });
      const w0 = newestCounted(env.sims.primary);
      await env.poll();
      env.advance(5);
      const a = await env.poll();
      const countedByA = value(a, 'technitium_dns_queries_total', L('primary'))!;
      expect(countedByA).toBe(env.sims.primary.sum(w0, w0 + 5).total);
      await env.exporter.stop();
      env.advance(7); // down for 7 minutes
      env.make();
      const b = await env.poll();
      // The new process counts exactly the minutes after A's watermark: A + B = every minute, once.
      expectCounted(b, env.sims.primary, 'primary', w0 + 5, w0 + 12);
      expect(countedByA + value(b, 'technitium_dns_queries_total', L('primary'))!).toBe(env.sims.primary.sum(w0, w0 + 12).total);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a Technitium restart (sessions gone, last hour zeroed) neither double-counts nor loses minutes after it', async () => {
    const env = await setup({ exporter: { creds: { user: 'admin', password: PASSWORD } } });
    const w0 = newestCounted(env.sims.primary);
    await env.poll();
    env.advance(3);
    let s = await env.poll();
    expectCounted(s, env.sims.primary, 'primary', w0, w0 + 3);
    const logins = env.sims.primary.calls.get('/api/user/login');
    const countedBefore = env.sims.primary.sum(w0, w0 + 3).total;
    env.sims.primary.restart({ loseStats: true }); // minutes up to now read 0 from here on
    env.advance(4);
    s = await env.poll();
    expect(value(s, 'technitium_up', L('primary'))).toBe(1);
    expect(env.sims.primary.calls.get('/api/user/login')).toBe((logins ?? 0) + 1); // logged in again on invalid-token
    expect(env.sims.primary.sum(w0, w0 + 3).total).toBe(0); // Technitium now reports those minutes as 0
    const want = countedBefore + env.sims.primary.sum(w0 + 3, w0 + 7).total;
    expect(value(s, 'technitium_dns_queries_total', L('primary'))).toBe(want);
    // the minutes right after the restart have their real (non-zero) counts
    expect(env.sims.primary.sum(w0 + 4, w0 + 7).total).toBeGreaterThan(0);
  });

  it('clock skew between exporter and Technitium changes nothing; a Technitium clock jump back re-anchors', async () => {
    for (const skewMs of [2 * 3600_000 + 17_000, -37 * 60_000]) {
      const env = await setup({ skewMs });
      const w0 = newestCounted(env.sims.primary);
      await env.poll();
      env.advance(6);
      const s = await env.poll();
      expectCounted(s, env.sims.primary, 'secondary', w0, w0 + 6);
      while (started.length) await started.pop()!.stop();
    }
    const env = await setup();
    await env.poll();
    env.advance(2);
    const before = value(await env.poll(), 'technitium_dns_queries_total', L('primary'))!;
    env.sims.primary.advanceMinutes(-10); // NTP step backwards on the primary only
    const w = newestCounted(env.sims.primary);
    let s = await env.poll();
    expect(value(s, 'technitium_dns_queries_total', L('primary'))).toBe(before);
    expect(env.lines.some((l) => l.includes('re-anchored') && l.includes('"server":"primary"'))).toBe(true);
    env.sims.primary.advanceMinutes(3);
    s = await env.poll();
    expect(value(s, 'technitium_dns_queries_total', L('primary'))).toBe(before + env.sims.primary.sum(w, w + 3).total);
  });

  it('a bucket label that comes back an hour (or a day) later is a new minute: ISO and bare HH:mm labels', async () => {
    for (const labelStyle of ['iso', 'hhmm'] as const) {
      const env = await setup({ sim: { labelStyle } });
      const w0 = newestCounted(env.sims.primary);
      await env.poll();
      // 26 hours in 30-minute steps: every HH:mm label recurs, hourly minute labels recur 26 times
      for (let i = 0; i < 52; i++) {
        env.advance(30);
        await env.poll();
      }
      expectCounted(parseMetrics(env.exporter.metrics), env.sims.primary, 'tertiary', w0, w0 + 52 * 30);
      while (started.length) await started.pop()!.stop();
    }
  });
});

describe('technitium-exporter: zones', () => {
  it('compares every replica with the primary zone by zone; built-in zones never count', async () => {
    const env = await setup();
    let s = await env.poll();
    expect(value(s, 'technitium_zones', L('primary'))).toBe(5);
    expect(value(s, 'technitium_zones', L('secondary'))).toBe(5);
    expect(value(s, 'technitium_replica_zones_missing', L('secondary'))).toBe(0);
    expect(series(s, 'technitium_replica_zones_missing', { server: 'primary' })).toEqual([]);
    expect(value(s, 'technitium_zone_soa_serial', { ...L('primary'), zone: 'viktorbarzin.lan' })).toBe(2026082217);
    expect(value(s, 'technitium_zone_soa_serial', { ...L('secondary'), zone: 'viktorbarzin.lan' })).toBe(2026082201);
    expect(value(s, 'technitium_zone_sync_failed', { ...L('secondary'), zone: 'viktorbarzin.lan' })).toBe(1);
    expect(value(s, 'technitium_zone_sync_failed', { ...L('secondary'), zone: 'viktorbarzin.me' })).toBe(0);
    expect(value(s, 'technitium_zone_expired', { ...L('tertiary'), zone: '20.0.10.in-addr.arpa' })).toBe(1);
    expect(series(s, 'technitium_zone_sync_failed', { server: 'primary' })).toEqual([]); // Primary zones have no syncFailed
    for (const z of BUILTIN_ZONES) expect(s.filter((x) => x.labels.zone === z)).toEqual([]);

    // the usual failure: a new primary zone that NO replica has yet
    env.sims.primary.zones.set('new.lan', { ...primaryZones().find((z) => z.name === 'emrsn.org')!, name: 'new.lan' });
    env.sims.tertiary.zones.delete('emrsn.org');
    s = await env.poll();
    expect(value(s, 'technitium_replica_zones_missing', L('secondary'))).toBe(1);
    expect(value(s, 'technitium_replica_zones_missing', L('tertiary'))).toBe(2);
    expect(value(s, 'technitium_zones', L('tertiary'))).toBe(4);
    expect(series(s, 'technitium_zone_soa_serial', { server: 'tertiary', zone: 'emrsn.org' })).toEqual([]); // deleted zone's series is gone
  });

  it('follows totalPages when the server pages /api/zones/list', async () => {
    const env = await setup({ sim: { maxZonesPerPage: 3 } });
    const s = await env.poll();
    expect(value(s, 'technitium_zones', L('secondary'))).toBe(5);
    expect(series(s, 'technitium_zone_soa_serial', { server: 'secondary' })).toHaveLength(5);
    expect(env.sims.secondary.calls.get('/api/zones/list')).toBe(4); // 10 zones, 3 a page
  });
});

describe('technitium-exporter: what its user cannot see', () => {
  /** The exporter's token on `sim` gets Dashboard and Zones View (group Everyone) and per-zone View on `zones` only. */
  const viewOnly = (sim: TechnitiumSimulator, zones: string[]): void => {
    sim.rights.set(TOKEN, { ...EVERYONE_RIGHTS, zone: Object.fromEntries(zones.map((z) => [z, ['View'] as const])) });
  };

  it('exports technitium_zones_hidden: the instance\'s own count (built-in zones included) minus what its list shows', async () => {
    const env = await setup();
    let s = await env.poll();
    for (const server of ['primary', 'secondary', 'tertiary']) expect(value(s, 'technitium_zones_hidden', L(server))).toBe(0);
    // a user outside Administrators / DNS Administrators, given View on two zones of the replica only
    viewOnly(env.sims.secondary, ['viktorbarzin.lan', 'emrsn.org']);
    s = await env.poll();
    expect(env.sims.secondary.zones.size).toBe(10);
    expect(value(s, 'technitium_zones_hidden', L('secondary'))).toBe(8); // 3 zones and the 5 built-ins it cannot view
    expect(value(s, 'technitium_zones', L('secondary'))).toBe(2);
    expect(value(s, 'technitium_zones_hidden', L('primary'))).toBe(0);
    expect(value(s, 'technitium_up', L('secondary'))).toBe(1); // seeing less is not a failed poll
    const warn = env.lines.filter((l) => l.includes('zones hidden'));
    expect(warn).toHaveLength(1);
    expect(JSON.parse(warn[0]!)).toMatchObject({ level: 'warn', server: 'secondary', hidden: 8, listed: 2 });
    expect(warn[0]).toContain('Zones: View and per-zone View');
    expect(warn[0]).toContain('DNS Administrators');
    await env.poll(); // still hidden: logged once, not every poll
    expect(env.lines.filter((l) => l.includes('zones hidden'))).toHaveLength(1);
    // one more zone visible: one fewer hidden
    viewOnly(env.sims.secondary, ['viktorbarzin.lan', 'emrsn.org', 'viktorbarzin.me']);
    s = await env.poll();
    expect(value(s, 'technitium_zones_hidden', L('secondary'))).toBe(7);
  });

  it('the same with a user that logs in: rights belong to the user', async () => {
    const env = await setup({ exporter: { creds: { user: 'admin', password: PASSWORD } } });
    env.sims.tertiary.rights.set('admin', { ...EVERYONE_RIGHTS, zone: {} });
    const s = await env.poll();
    expect(value(s, 'technitium_zones_hidden', L('tertiary'))).toBe(10);
    expect(value(s, 'technitium_zones_hidden', L('secondary'))).toBe(0);
  });

  it('cuts a list longer than --max-zones and says so: truncated 1, no zone count, no missing-zone claim', async () => {
    const many = (n: number) => Array.from({ length: n }, (_, i) => ({ ...primaryZones().find((z) => z.name === 'emrsn.org')!, name: `z${String(i).padStart(3, '0')}.lan` }));
    const env = await setup({ sim: { maxZonesPerPage: 7 } });
    for (const z of many(40)) env.sims.primary.zones.set(z.name, z);
    const total = env.sims.primary.zones.size; // 40 + the fixture's 10
    env.make({ maxZones: total });
    let s = await env.poll();
    expect(value(s, 'technitium_exporter_zone_list_truncated', L('primary'))).toBe(0); // exactly at the limit: whole
    expect(value(s, 'technitium_zones', L('primary'))).toBe(total - 5);
    expect(value(s, 'technitium_replica_zones_missing', L('secondary'))).toBe(40);
    env.make({ maxZones: total - 1 });
    s = await env.poll();
    expect(value(s, 'technitium_exporter_zone_list_truncated', L('primary'))).toBe(1);
    expect(value(s, 'technitium_exporter_zone_list_truncated', L('secondary'))).toBe(0);
    expect(series(s, 'technitium_zones', L('primary'))).toEqual([]);
    expect(series(s, 'technitium_replica_zones_missing')).toEqual([]); // unknown, not 0 and not 40
    expect(series(s, 'technitium_zone_soa_serial', { server: 'primary' }).length).toBeLessThanOrEqual(total - 1);
    expect(value(s, 'technitium_zones_hidden', L('primary'))).toBe(0); // totalZones keeps it exact
    // the first exporter read every page; the second stopped once it held its limit, fetching no page beyond it
    expect(env.sims.primary.calls.get('/api/zones/list')).toBe(Math.ceil(total / 7) + Math.ceil((total - 1) / 7));
    const cut = env.lines.filter((l) => l.includes('zone list cut'));
    expect(cut).toHaveLength(1);
    expect(JSON.parse(cut[0]!)).toMatchObject({ level: 'warn', server: 'primary', listed: total, maxZones: total - 1 });
  });

  it('compares zone names case-insensitively and without a trailing dot', async () => {
    const env = await setup();
    const lan = env.sims.secondary.zones.get('viktorbarzin.lan')!;
    env.sims.secondary.zones.set('viktorbarzin.lan', { ...lan, name: 'VIKTORBARZIN.Lan.' });
    const s = await env.poll();
    expect(value(s, 'technitium_replica_zones_missing', L('secondary'))).toBe(0);
    expect(value(s, 'technitium_zone_soa_serial', { ...L('secondary'), zone: 'viktorbarzin.lan' })).toBe(lan.soaSerial as number);
    expect(series(s, 'technitium_zone_soa_serial').filter((x) => /[A-Z]|\.$/.test(x.labels.zone!))).toEqual([]);
  });

  it('expects on the replicas only the primary\'s zones of type Primary', async () => {
    const env = await setup();
    const base = primaryZones().find((z) => z.name === 'emrsn.org')!;
    for (const type of ['Forwarder', 'Stub', 'Secondary', 'Catalog', 'SecondaryForwarder']) env.sims.primary.zones.set(`${type.toLowerCase()}.example`, { ...base, name: `${type.toLowerCase()}.example`, type });
    let s = await env.poll();
    expect(value(s, 'technitium_replica_zones_missing', L('secondary'))).toBe(0);
    env.sims.primary.zones.set('primary.example', { ...base, name: 'primary.example', type: 'Primary' });
    s = await env.poll();
    expect(value(s, 'technitium_replica_zones_missing', L('secondary'))).toBe(1);
  });
});

describe('technitium-exporter: hostile answers', () => {
  for (const fault of ['huge-body', 'deep-json', 'endless'] as const) {
    it(`${fault}: a parse failure at the size or nesting limit, the connection dropped, nothing counted`, async () => {
      const env = await setup({ exporter: { maxResponseBytes: 200_000 } });
      await env.poll();
      env.advance(2);
      const good = value(await env.poll(), 'technitium_dns_queries_total', L('tertiary'))!;
      env.sims.tertiary.fault = fault;
      env.sims.tertiary.faultPaths = /stats/;
      env.sims.tertiary.hostileBytes = 50_000_000;
      env.advance(2);
      const s = await env.poll();
      expect(value(s, 'technitium_up', L('tertiary'))).toBe(0);
      expect(value(s, 'technitium_exporter_poll_errors_total', { ...L('tertiary'), reason: 'parse' })).toBe(1);
      expect(value(s, 'technitium_dns_queries_total', L('tertiary'))).toBe(good);
      expect(value(s, 'technitium_up', L('secondary'))).toBe(1);
      // the upstream was cut off near the limit (what it sent is the limit plus the sockets' buffers), not read
      // to its end (50 MB, or never for the endless one)
      await waitFor(() => env.sims.tertiary.hostileBytesSent > 0 && env.sims.tertiary.hostileStreamsOpen === 0, 5000, 'the hostile answer to be hung up on');
      expect(env.sims.tertiary.hostileBytesSent).toBeLessThan(20_000_000);
      const line = env.lines.find((l) => l.includes('"server":"tertiary"') && l.includes('poll failed'))!;
      expect(line).toMatch(fault === 'deep-json' ? /nested deeper than 32 levels/ : /larger than 200000 bytes/);
    });
  }

  it('1e308 in the statistics: a parse failure, the counters never become +Inf', async () => {
    const env = await setup();
    await env.poll();
    env.advance(2);
    const good = value(await env.poll(), 'technitium_dns_queries_total', L('primary'))!;
    env.sims.primary.fault = 'huge-number';
    env.advance(2);
    let s = await env.poll();
    expect(value(s, 'technitium_exporter_poll_errors_total', { ...L('primary'), reason: 'parse' })).toBe(1);
    expect(value(s, 'technitium_dns_queries_total', L('primary'))).toBe(good);
    env.sims.primary.fault = 'none';
    env.advance(1);
    s = await env.poll();
    expect(Number.isFinite(value(s, 'technitium_dns_queries_total', L('primary')))).toBe(true);
    expect(env.exporter.metrics).not.toMatch(/Inf|e\+308/);
  });

  it('an SOA serial that is no unsigned 32-bit number is a parse failure', async () => {
    const env = await setup();
    const z = env.sims.secondary.zones.get('viktorbarzin.me')!;
    env.sims.secondary.zones.set('viktorbarzin.me', { ...z, soaSerial: 1e308 });
    const s = await env.poll();
    expect(value(s, 'technitium_exporter_poll_errors_total', { ...L('secondary'), reason: 'parse' })).toBe(1);
    expect(env.exporter.metrics).not.toMatch(/e\+308/);
  });
});

describe('technitium-exporter: failures', () => {
  const cases = [
    { fault: 'error', reason: 'api_error' },
    { fault: 'invalid-token', reason: 'invalid_token' },
    { fault: 'http500', reason: 'http' },
    { fault: 'malformed', reason: 'parse' },
    { fault: 'not-json-object', reason: 'parse' },
    { fault: 'slow', reason: 'timeout' },
  ] as const;
  for (const c of cases) {
    it(`${c.fault}: technitium_up 0, poll_errors_total{reason="${c.reason}"} +1, never zeros, others unaffected`, async () => {
      const env = await setup({ exporter: { timeoutMs: 300 } });
      await env.poll();
      env.advance(2);
      const good = await env.poll();
      const counted = value(good, 'technitium_dns_queries_total', L('secondary'))!;
      expect(counted).toBeGreaterThan(0);
      if (c.fault === 'slow') env.sims.secondary.delayMs = 1000;
      else env.sims.secondary.fault = c.fault;
      env.advance(1);
      const s = await env.poll();
      // A slow upstream is given up on at the timeout, not waited for.
      if (c.fault === 'slow') await waitFor(() => env.sims.secondary.abandoned >= 1, 5000, 'the slow request to be abandoned');
      expect(value(s, 'technitium_up', L('secondary'))).toBe(0);
      expect(value(s, 'technitium_exporter_poll_errors_total', { ...L('secondary'), reason: c.reason })).toBe(1);
      expect(series(s, 'technitium_exporter_poll_errors_total', L('secondary')).reduce((n, x) => n + x.value, 0)).toBe(1);
      expect(value(s, 'technitium_dns_queries_total', L('secondary'))).toBe(counted); // not reset, not zeroed
      expect(value(s, 'technitium_up', L('primary'))).toBe(1);
      expect(value(s, 'technitium_up', L('tertiary'))).toBe(1);
      // Recovery catches up the minute missed during the failure.
      env.sims.secondary.fault = 'none';
      env.sims.secondary.delayMs = 0;
      const w0 = newestCounted(env.sims.primary) - 3;
      const r = await env.poll();
      expect(value(r, 'technitium_up', L('secondary'))).toBe(1);
      expectCounted(r, env.sims.secondary, 'secondary', w0, w0 + 3);
    });
  }

  it('flapping upstream: up follows each poll, and every minute is still counted once', async () => {
    const env = await setup();
    env.sims.secondary.flapping = true;
    const w0 = newestCounted(env.sims.primary);
    const ups: number[] = [];
    await env.poll(); // stats request 1: fine
    for (let i = 0; i < 6; i++) {
      env.advance(1);
      ups.push(value(await env.poll(), 'technitium_up', L('secondary'))!);
    }
    expect(ups).toEqual([0, 1, 0, 1, 0, 1]);
    expectCounted(parseMetrics(env.exporter.metrics), env.sims.secondary, 'secondary', w0, w0 + 6);
    expect(value(parseMetrics(env.exporter.metrics), 'technitium_exporter_poll_errors_total', { ...L('secondary'), reason: 'api_error' })).toBe(3);
  });

  it('zone series survive a short failure, are dropped after --stale-after; up and last_success remain', async () => {
    const env = await setup({ exporter: { staleAfterMs: 3 * 60_000 } });
    let s = await env.poll();
    const lastSuccess = value(s, 'technitium_exporter_last_success_timestamp_seconds', L('primary'));
    expect(lastSuccess).toBe(Math.floor(env.sims.primary.clockMs / 1000));
    env.sims.primary.fault = 'http500';
    env.advance(2);
    s = await env.poll();
    expect(value(s, 'technitium_up', L('primary'))).toBe(0);
    expect(value(s, 'technitium_zones', L('primary'))).toBe(5); // kept for now (a single failed poll should not flap alerts)
    expect(value(s, 'technitium_replica_zones_missing', L('secondary'))).toBe(0);
    env.advance(2);
    s = await env.poll();
    expect(value(s, 'technitium_up', L('primary'))).toBe(0);
    expect(series(s, 'technitium_zones', { server: 'primary' })).toEqual([]);
    expect(series(s, 'technitium_zone_soa_serial', { server: 'primary' })).toEqual([]);
    // without a fresh primary zone list, "missing" is unknown, not 0
    expect(series(s, 'technitium_replica_zones_missing')).toEqual([]);
    expect(value(s, 'technitium_zones', L('secondary'))).toBe(5);
    expect(value(s, 'technitium_exporter_last_success_timestamp_seconds', L('primary'))).toBe(lastSuccess);
  });

  it('invalid-token with a token only is an invalid_token failure; with user/password it logs in again', async () => {
    const env = await setup({ exporter: { creds: { token: 'wrong-token-value' } } });
    let s = await env.poll();
    expect(value(s, 'technitium_up', L('primary'))).toBe(0);
    expect(value(s, 'technitium_exporter_poll_errors_total', { ...L('primary'), reason: 'invalid_token' })).toBe(1);
    env.make({ creds: { user: 'admin', password: PASSWORD } });
    s = await env.poll();
    expect(value(s, 'technitium_up', L('primary'))).toBe(1);
    env.sims.primary.expireSessions();
    s = await env.poll();
    expect(value(s, 'technitium_up', L('primary'))).toBe(1);
    env.make({ creds: { user: 'admin', password: 'not-the-password' } });
    s = await env.poll();
    expect(value(s, 'technitium_exporter_poll_errors_total', { ...L('primary'), reason: 'invalid_token' })).toBe(1);
  });
});

describe('technitium-exporter: /metrics output', () => {
  it('passes promtool check metrics and matches the catalogue (names, types, labels, bounded values)', async () => {
    const env = await setup();
    await env.poll();
    env.sims.tertiary.fault = 'error';
    env.advance(2);
    await env.poll();
    const text = env.exporter.metrics;
    const check = promtoolCheckMetrics(text);
    expect(check.output).toBe('');
    expect(check.status).toBe(0);
    const types = new Map([...text.matchAll(/^# TYPE (\S+) (\S+)$/gm)].map((m) => [m[1]!, m[2]!]));
    const ours = catalogue.metrics.filter((m) => m.producer.id === 'technitium-exporter');
    expect([...types.keys()].sort()).toEqual(ours.map((m) => m.name).sort());
    for (const sample of parseMetrics(text)) {
      const def = catalogue.get(sample.name);
      expect(types.get(sample.name)).toBe(def.type);
      expect(Object.keys(sample.labels).sort(), sample.name).toEqual(def.labels.map((l) => l.name).sort());
      for (const l of def.labels) if (l.values) expect(l.values, `${sample.name} ${l.name}`).toContain(sample.labels[l.name]);
    }
  });

  it('promtool rejects broken exposition (the check can fail)', () => {
    expect(promtoolCheckMetrics('# TYPE x counter\nx{a="1"} notanumber\n').status).not.toBe(0);
  });

  it('never logs or exposes a token, a password or a session token', async () => {
    const env = await setup({ exporter: { creds: { token: TOKEN, user: 'admin', password: PASSWORD } } });
    env.sims.primary.fault = 'error';
    env.sims.primary.faultMessage = `Bad request token=${TOKEN} with password ${PASSWORD}`;
    await env.poll();
    env.sims.primary.fault = 'none';
    env.sims.secondary.fault = 'invalid-token'; // forces a login (session token) then fails again
    await env.poll();
    env.sims.secondary.fault = 'none';
    env.sims.tertiary.expireSessions();
    await env.poll();
    const everything = `${env.lines.join('\n')}\n${env.exporter.metrics}`;
    expect(everything).not.toContain(TOKEN);
    expect(everything).not.toContain(PASSWORD);
    expect(env.lines.join('\n')).toContain('[REDACTED]');
    expect(env.lines.some((l) => JSON.parse(l).server === 'primary' && JSON.parse(l).reason === 'api_error')).toBe(true);
    expect(env.exporter.metrics).not.toMatch(/127\.0\.0\.1|token=|Bad request/);
  });

  it('serves /metrics, /healthz, /readyz over HTTP without calling Technitium per scrape', async () => {
    const env = await setup();
    const addr = await env.exporter.listen(0, '127.0.0.1');
    const base = `http://127.0.0.1:${addr.port}`;
    expect((await fetch(`${base}/readyz`)).status).toBe(503);
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    const empty = await fetch(`${base}/metrics`);
    expect(empty.status).toBe(200);
    expect(await empty.text()).toContain('technitium_dns_queries_total{server="primary",role="primary"} 0');
    await env.exporter.pollOnce();
    expect((await fetch(`${base}/readyz`)).status).toBe(200);
    const calls = env.sims.primary.apiCalls;
    const bodies = await Promise.all(Array.from({ length: 25 }, () => fetch(`${base}/metrics`).then((r) => r.text())));
    expect(new Set(bodies).size).toBe(1);
    expect(bodies[0]).toContain('technitium_up{server="primary",role="primary"} 1');
    expect(env.sims.primary.apiCalls).toBe(calls);
    expect((await fetch(`${base}/nope`)).status).toBe(404);
  });
});
