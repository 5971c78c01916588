// technitium-zone-sync against three simulated instances and a real Pushgateway.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { captureLogger, parseMetrics, startPushgateway, value, type Sample } from '../../testing/helpers.ts';
import { primaryZones, replicaZones, TechnitiumSimulator } from '../../testing/technitium-simulator.ts';
import { failureMessage, runZoneSync, type ZoneSyncOptions } from './sync.ts';

const TOKEN = 'zone-sync-token-SECRET-1234567890';
const JOB = 'technitium-zone-sync';
const PRIMARY_ADDR = '10.0.20.53';
let pgw: Awaited<ReturnType<typeof startPushgateway>>;

beforeAll(async () => {
  pgw = await startPushgateway();
});
afterAll(async () => {
  await pgw?.stop();
});

const sims: TechnitiumSimulator[] = [];
afterEach(async () => {
  while (sims.length) await sims.pop()!.stop();
  await fetch(`${pgw.url}/metrics/job/${JOB}`, { method: 'DELETE' });
});

const names = (zs: { name: string }[]) => zs.map((z) => z.name);
const builtin = () => primaryZones().filter((z) => z.internal === true);

async function setup() {
  const primary = new TechnitiumSimulator({ serverDomain: 'technitium-0', zones: primaryZones(), apiTokens: [TOKEN] });
  // secondary: the replica fixture minus one zone; tertiary: a fresh replica with only the built-in zones
  const secondary = new TechnitiumSimulator({ serverDomain: 'technitium-secondary-0', zones: replicaZones().filter((z) => z.name !== 'emrsn.org'), apiTokens: [TOKEN] });
  const tertiary = new TechnitiumSimulator({ serverDomain: 'technitium-tertiary-0', zones: builtin(), apiTokens: [TOKEN], maxZonesPerPage: 2 });
  for (const s of [primary, secondary, tertiary]) {
    await s.start();
    sims.push(s);
  }
  const { logger, lines } = captureLogger();
  const printed: string[] = [];
  let clock = Date.parse('2026-08-22T16:00:00Z');
  const opts = (o: Partial<ZoneSyncOptions> = {}): ZoneSyncOptions => ({
    instances: [
      { server: 'primary', role: 'primary', url: primary.url, credentials: { token: TOKEN } },
      { server: 'secondary', role: 'replica', url: secondary.url, credentials: { token: TOKEN } },
      { server: 'tertiary', role: 'replica', url: tertiary.url, credentials: { token: TOKEN } },
    ],
    primaryAddress: PRIMARY_ADDR,
    zoneTransfer: 'Allow',
    timeoutMs: 2000,
    dryRun: false,
    pushgatewayUrl: pgw.url,
    job: JOB,
    logger,
    print: (l) => printed.push(l),
    now: () => (clock += 1500),
    ...o,
  });
  return { primary, secondary, tertiary, opts, lines, printed };
}

async function pushed(): Promise<Sample[]> {
  const text = await (await fetch(`${pgw.url}/metrics`)).text();
  return parseMetrics(text).filter((s) => s.labels.job === JOB);
}

const wanted = ['10.0.10.in-addr.arpa', '20.0.10.in-addr.arpa', 'emrsn.org', 'viktorbarzin.lan', 'viktorbarzin.me'];

describe('technitium-zone-sync', () => {
  it('creates the missing Secondary zones, reconciles and resyncs the rest, allows transfers, pushes success', async () => {
    const env = await setup();
    const r = await runZoneSync(env.opts());
    expect(r.failures.map(failureMessage)).toEqual([]);
    expect(r.ok).toBe(true);
    expect(r.created).toBe(6); // 1 on secondary + 5 on tertiary
    // primary: zoneTransfer=Allow on each of its zones, nothing else
    expect(env.primary.ops.map((o) => [o.op, o.zone, o.params.zoneTransfer])).toEqual(wanted.map((z) => ['options', z, 'Allow']));
    for (const rep of [env.secondary, env.tertiary]) {
      for (const z of wanted) {
        expect(rep.zones.get(z)?.type, z).toBe('Secondary');
        expect(rep.zones.get(z)?.primaryNameServerAddresses).toBe(PRIMARY_ADDR);
      }
    }
    expect(env.secondary.ops.filter((o) => o.op === 'create').map((o) => o.params)).toEqual([
      { zone: 'emrsn.org', type: 'Secondary', primaryNameServerAddresses: PRIMARY_ADDR },
    ]);
    expect(env.secondary.ops.filter((o) => o.op === 'resync').map((o) => o.zone)).toEqual(wanted.filter((z) => z !== 'emrsn.org'));
    // built-in zones are never touched
    for (const s of [env.primary, env.secondary, env.tertiary]) expect(s.ops.filter((o) => o.zone === 'localhost' || o.zone.endsWith('ip6.arpa'))).toEqual([]);

    const m = await pushed();
    const job = { job: JOB, instance: '' };
    expect(value(m, 'technitium_zone_sync_status', job)).toBe(0);
    expect(value(m, 'technitium_zone_sync_failures', job)).toBe(0);
    expect(value(m, 'technitium_zone_sync_zones_created', job)).toBe(6);
    expect(value(m, 'technitium_zone_sync_last_success_timestamp_seconds', job)).toBe(value(m, 'technitium_zone_sync_last_run_timestamp_seconds', job));
    expect(value(m, 'technitium_zone_sync_duration_seconds', job)).toBeGreaterThan(0);
    // grouping key is job only
    expect(new Set(m.map((s) => Object.keys(s.labels).sort().join(',')))).toEqual(new Set(['instance,job']));

    // a second run has nothing to create
    const again = await runZoneSync(env.opts());
    expect(again.ok).toBe(true);
    expect(again.created).toBe(0);
  });

  it('a failed step fails the run: message names replica, zone and errorMessage; last success is kept', async () => {
    const env = await setup();
    const first = await runZoneSync(env.opts());
    expect(first.ok).toBe(true);
    const successTs = value(await pushed(), 'technitium_zone_sync_last_success_timestamp_seconds', { job: JOB })!;
    env.secondary.failOps.set('resync:viktorbarzin.lan', 'Zone transfer refused by primary.');
    env.tertiary.failOps.set('options:emrsn.org', 'No such zone was found: emrsn.org');
    const r = await runZoneSync(env.opts());
    expect(r.ok).toBe(false);
    expect(r.failures.map(failureMessage).sort()).toEqual([
      'secondary: zone viktorbarzin.lan: resync failed: Zone transfer refused by primary.',
      'tertiary: zone emrsn.org: set-primary failed: No such zone was found: emrsn.org',
    ]);
    // the other zones were still processed
    expect(env.secondary.ops.filter((o) => o.op === 'resync').length).toBe(4 + 5); // run 1: 4 (emrsn.org was created), run 2: all 5
    const m = await pushed();
    expect(value(m, 'technitium_zone_sync_status', { job: JOB })).toBe(1);
    expect(value(m, 'technitium_zone_sync_failures', { job: JOB })).toBe(2);
    expect(value(m, 'technitium_zone_sync_last_success_timestamp_seconds', { job: JOB })).toBe(successTs);
    expect(value(m, 'technitium_zone_sync_last_run_timestamp_seconds', { job: JOB })).toBeGreaterThan(successTs);
    expect(env.lines.some((l) => l.includes('Zone transfer refused by primary.') && l.includes('"instance":"secondary"'))).toBe(true);
  });

  it('an unreachable replica, a zone that exists with another type, and an "already exists" are failures; nothing is deleted', async () => {
    const env = await setup();
    env.tertiary.fault = 'http500';
    env.secondary.zones.set('emrsn.org', { ...primaryZones().find((z) => z.name === 'emrsn.org')! }); // a Primary on the replica
    env.secondary.zones.set('old.lan', { ...replicaZones().find((z) => z.name === 'viktorbarzin.me')!, name: 'old.lan' });
    const r = await runZoneSync(env.opts());
    expect(r.ok).toBe(false);
    const msgs = r.failures.map(failureMessage).sort();
    expect(msgs).toEqual(['secondary: zone emrsn.org: conflict failed: exists as a Primary zone, not Secondary; left alone', 'tertiary: list-zones failed: /api/zones/list: HTTP 500']);
    expect(env.secondary.zones.get('emrsn.org')?.type).toBe('Primary');
    expect(env.secondary.zones.has('old.lan')).toBe(true);
    expect(env.secondary.ops.filter((o) => o.zone === 'old.lan')).toEqual([]);
    expect(r.steps.every((s) => !/delete/i.test(s.kind))).toBe(true);
  });

  it('HTTP 200 "status":"error" on create is caught (zone already exists race)', async () => {
    const env = await setup();
    env.tertiary.failOps.set('create:viktorbarzin.me', 'Zone already exists: viktorbarzin.me');
    const r = await runZoneSync(env.opts());
    expect(r.failures.map(failureMessage)).toEqual(['tertiary: zone viktorbarzin.me: create-secondary failed: Zone already exists: viktorbarzin.me']);
    expect(r.created).toBe(5);
    expect(value(await pushed(), 'technitium_zone_sync_zones_created', { job: JOB })).toBe(5);
  });

  it('--dry-run prints the plan, changes nothing and pushes nothing', async () => {
    const env = await setup();
    const r = await runZoneSync(env.opts({ dryRun: true }));
    expect(r.ok).toBe(true);
    for (const s of [env.primary, env.secondary, env.tertiary]) expect(s.ops).toEqual([]);
    expect(env.printed).toContain(`[dry-run] tertiary: create-secondary viktorbarzin.lan (zone=viktorbarzin.lan type=Secondary primaryNameServerAddresses=${PRIMARY_ADDR})`);
    expect(env.printed).toContain('[dry-run] primary: allow-transfer emrsn.org (zone=emrsn.org zoneTransfer=Allow)');
    expect(env.printed).toContain('[dry-run] secondary: resync viktorbarzin.lan (zone=viktorbarzin.lan)');
    expect(await pushed()).toEqual([]);
    expect(env.tertiary.zones.size).toBe(5);
  });

  it('the primary failing to list is a failed run and is pushed as such; the token never shows in logs', async () => {
    const env = await setup();
    env.primary.fault = 'error';
    env.primary.faultMessage = `Could not read zones for token=${TOKEN}`;
    const r = await runZoneSync(env.opts());
    expect(r.ok).toBe(false);
    expect(r.failures).toHaveLength(1);
    expect(env.secondary.ops).toEqual([]);
    const m = await pushed();
    expect(value(m, 'technitium_zone_sync_status', { job: JOB })).toBe(1);
    expect(value(m, 'technitium_zone_sync_last_success_timestamp_seconds', { job: JOB })).toBeUndefined();
    expect(env.lines.join('\n')).not.toContain(TOKEN);
    expect(env.lines.join('\n')).toContain('[REDACTED]');
  });

  it('a Pushgateway that cannot be reached is reported', async () => {
    const env = await setup();
    const r = await runZoneSync(env.opts({ pushgatewayUrl: 'http://127.0.0.1:1' }));
    expect(r.ok).toBe(true);
    expect(r.pushed).toBe(false);
    expect(r.pushError).toBeDefined();
  });
});
