// technitium-zone-sync against three simulated instances and a real Pushgateway.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { technitiumPrograms } from '../technitium/config.ts';
import { captureLogger, parseMetrics, startPushgateway, value, type Sample } from '../../testing/helpers.ts';
import { ACCESS_DENIED, EVERYONE_RIGHTS, primaryZones, replicaZones, TechnitiumSimulator, type Rights } from '../../testing/technitium-simulator.ts';
import { failureMessage, resolvePrimaryAddress, runZoneSync, type ZoneSyncOptions } from './sync.ts';

const TOKEN = 'zone-sync-token-SECRET-1234567890';
const JOB = technitiumPrograms.zoneSync.job;
const INSTANCE = technitiumPrograms.zoneSync.pushInstance;
const PRIMARY_ADDR = '10.0.20.53';
const GROUP = { job: JOB, instance: INSTANCE };
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
  await fetch(`${pgw.url}/metrics/job/${JOB}/instance/${INSTANCE}`, { method: 'DELETE' });
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
    zoneTransfer: 'UseSpecifiedNetworkACL',
    zoneTransferAcl: ['10.10.0.0/16', '10.0.20.1'],
    timeoutMs: 2000,
    dryRun: false,
    pushgatewayUrl: pgw.url,
    job: JOB,
    pushInstance: INSTANCE,
    logger,
    print: (l) => printed.push(l),
    now: () => (clock += 1500),
    ...o,
  });
  return { primary, secondary, tertiary, opts, lines, printed };
}

/** What our group (job and instance) holds in the Pushgateway. */
async function pushed(): Promise<Sample[]> {
  const text = await (await fetch(`${pgw.url}/metrics`)).text();
  return parseMetrics(text).filter((s) => s.labels.job === JOB && s.labels.instance === INSTANCE);
}

const wanted = ['10.0.10.in-addr.arpa', '20.0.10.in-addr.arpa', 'emrsn.org', 'viktorbarzin.lan', 'viktorbarzin.me'];

describe('technitium-zone-sync', () => {
  it('creates the missing Secondary zones, reconciles and resyncs the rest, allows transfers, pushes success', async () => {
    const env = await setup();
    const r = await runZoneSync(env.opts());
    expect(r.failures.map(failureMessage)).toEqual([]);
    expect(r.ok).toBe(true);
    expect(r.created).toBe(6); // 1 on secondary + 5 on tertiary
    // primary: zoneTransfer with its ACL on each of its zones, nothing else
    expect(env.primary.ops.map((o) => [o.op, o.zone, o.params.zoneTransfer, o.params.zoneTransferNetworkACL])).toEqual(
      wanted.map((z) => ['options', z, 'UseSpecifiedNetworkACL', '10.10.0.0/16,10.0.20.1']),
    );
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
    expect(value(m, 'technitium_zone_sync_status', GROUP)).toBe(0);
    expect(value(m, 'technitium_zone_sync_failures', GROUP)).toBe(0);
    expect(value(m, 'technitium_zone_sync_zones_created', GROUP)).toBe(6);
    expect(value(m, 'technitium_zone_sync_last_success_timestamp_seconds', GROUP)).toBe(value(m, 'technitium_zone_sync_last_run_timestamp_seconds', GROUP));
    expect(value(m, 'technitium_zone_sync_duration_seconds', GROUP)).toBeGreaterThan(0);
    // grouping key: job and instance, nothing else
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
    const successTs = value(await pushed(), 'technitium_zone_sync_last_success_timestamp_seconds', GROUP)!;
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
    expect(value(m, 'technitium_zone_sync_status', GROUP)).toBe(1);
    expect(value(m, 'technitium_zone_sync_failures', GROUP)).toBe(2);
    expect(value(m, 'technitium_zone_sync_last_success_timestamp_seconds', GROUP)).toBe(successTs);
    expect(value(m, 'technitium_zone_sync_last_run_timestamp_seconds', GROUP)).toBeGreaterThan(successTs);
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
    expect(msgs).toEqual(['secondary: zone emrsn.org: conflict failed: exists as a Primary zone, not Secondary; left alone', 'tertiary: zone-count failed: /api/dashboard/stats/get: HTTP 500']);
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
    expect(value(await pushed(), 'technitium_zone_sync_zones_created', GROUP)).toBe(5);
  });

  it('--dry-run prints the plan, changes nothing and pushes nothing', async () => {
    const env = await setup();
    const r = await runZoneSync(env.opts({ dryRun: true }));
    expect(r.ok).toBe(true);
    for (const s of [env.primary, env.secondary, env.tertiary]) expect(s.ops).toEqual([]);
    expect(env.printed).toContain(`[dry-run] tertiary: create-secondary viktorbarzin.lan (zone=viktorbarzin.lan type=Secondary primaryNameServerAddresses=${PRIMARY_ADDR})`);
    expect(env.printed).toContain('[dry-run] primary: allow-transfer emrsn.org (zone=emrsn.org zoneTransfer=UseSpecifiedNetworkACL zoneTransferNetworkACL=10.10.0.0/16,10.0.20.1)');
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
    expect(value(m, 'technitium_zone_sync_status', GROUP)).toBe(1);
    expect(value(m, 'technitium_zone_sync_last_success_timestamp_seconds', GROUP)).toBeUndefined();
    expect(env.lines.join('\n')).not.toContain(TOKEN);
    expect(env.lines.join('\n')).toContain('[REDACTED]');
  });

  it('a primary whose list hides zones from the user fails the run, names the right, keeps the last success', async () => {
    const env = await setup();
    expect((await runZoneSync(env.opts())).ok).toBe(true);
    const successTs = value(await pushed(), 'technitium_zone_sync_last_success_timestamp_seconds', GROUP)!;
    // the user sees (and may change) only two zones of the primary: a user outside the admin groups
    const two: Rights = { ...EVERYONE_RIGHTS, zones: ['View', 'Modify'], zone: { 'viktorbarzin.lan': ['View', 'Modify', 'Delete'], 'emrsn.org': ['View', 'Modify', 'Delete'] } };
    env.primary.rights.set(TOKEN, two);
    const r = await runZoneSync(env.opts());
    expect(r.ok).toBe(false);
    expect(r.failures.map(failureMessage)).toEqual([
      'primary: hidden-zones failed: the zone list shows 2 of the 10 zones the instance has: the user lacks per-zone View on 8 ' +
        '(it needs Zones: View and per-zone View on every zone; Technitium gives per-zone rights on a new zone only to its creator and ' +
        'the groups Administrators and DNS Administrators, so make the user a member of DNS Administrators (it then holds View, Modify ' +
        'and Delete on every zone, present and future); Dashboard: View comes from the group Everyone, which every user is in by default)',
    ]);
    const m = await pushed();
    expect(value(m, 'technitium_zone_sync_status', GROUP)).toBe(1);
    expect(value(m, 'technitium_zone_sync_failures', GROUP)).toBe(1);
    expect(value(m, 'technitium_zone_sync_last_success_timestamp_seconds', GROUP)).toBe(successTs);
  });

  it('a replica hiding zones fails the run and gets no zone created that may exist unseen', async () => {
    const env = await setup();
    env.tertiary.zones.set('viktorbarzin.me', { ...replicaZones().find((z) => z.name === 'viktorbarzin.me')! });
    env.tertiary.rights.set(TOKEN, { ...EVERYONE_RIGHTS, zones: ['View', 'Modify'] }); // no zone at all
    const r = await runZoneSync(env.opts());
    expect(r.ok).toBe(false);
    expect(r.failures.map(failureMessage)).toEqual([expect.stringMatching(/^tertiary: hidden-zones failed: the zone list shows 0 of the 6 zones the instance has: the user lacks per-zone View on 6 /)]);
    expect(env.tertiary.ops).toEqual([]);
    expect(env.secondary.ops.filter((o) => o.op === 'create').map((o) => o.zone)).toEqual(['emrsn.org']); // the other replica is still served
  });

  it('an access error on a zone fails the run with the right that is missing, per step', async () => {
    const env = await setup();
    expect((await runZoneSync(env.opts())).ok).toBe(true);
    // View on every zone, but Modify/Delete only on the zones it created: what a user in no group has
    env.primary.rights.set(TOKEN, { ...EVERYONE_RIGHTS, zones: ['View', 'Modify'], otherZones: ['View'] });
    env.secondary.rights.set(TOKEN, { ...EVERYONE_RIGHTS, zones: ['View', 'Modify'], otherZones: ['View', 'Delete'] });
    const r = await runZoneSync(env.opts());
    expect(r.ok).toBe(false);
    const msgs = r.failures.map(failureMessage);
    expect(msgs).toContain(`primary: zone emrsn.org: allow-transfer failed: ${ACCESS_DENIED} The user lacks Zones: Modify and per-zone Delete on emrsn.org.`);
    expect(msgs).toContain(`secondary: zone viktorbarzin.lan: resync failed: ${ACCESS_DENIED} The user lacks Zones: Modify and per-zone Modify on viktorbarzin.lan.`);
    expect(msgs).toHaveLength(wanted.length * 2);
    expect(value(await pushed(), 'technitium_zone_sync_status', GROUP)).toBe(1);
  });

  it('a zone created or deleted while the list is read is not taken for a hidden one', async () => {
    const env = await setup();
    const extra = { ...primaryZones().find((z) => z.name === 'emrsn.org')!, name: 'late.lan' };
    env.primary.onList.after = () => env.primary.zones.set('late.lan', extra); // created after the list, before the second count
    let r = await runZoneSync(env.opts());
    expect(r.failures.map(failureMessage)).toEqual([]);
    env.primary.onList.after = undefined;
    env.primary.onList.before = () => env.primary.zones.delete('late.lan'); // deleted after the first count, before the list
    r = await runZoneSync(env.opts());
    expect(r.failures.map(failureMessage)).toEqual([]);
  });

  it('resolves a host name to the IP Technitium needs before every run, and moves existing zones to a new one', async () => {
    const env = await setup();
    let ip = '10.96.0.77';
    const asked: string[] = [];
    const resolveHost = async (h: string) => (asked.push(h), [ip]);
    let r = await runZoneSync(env.opts({ primaryAddress: 'technitium-primary.technitium.svc.cluster.local', resolveHost }));
    expect(r.ok).toBe(true);
    expect(r.primaryAddresses).toBe('10.96.0.77');
    expect(env.tertiary.zones.get('viktorbarzin.lan')?.primaryNameServerAddresses).toBe('10.96.0.77');
    ip = '10.96.0.88'; // the Service was recreated with a new ClusterIP
    r = await runZoneSync(env.opts({ primaryAddress: 'technitium-primary.technitium.svc.cluster.local', resolveHost }));
    expect(r.ok).toBe(true);
    for (const rep of [env.secondary, env.tertiary]) for (const z of wanted) expect(rep.zones.get(z)?.primaryNameServerAddresses, z).toBe('10.96.0.88');
    expect(asked).toEqual(['technitium-primary.technitium.svc.cluster.local', 'technitium-primary.technitium.svc.cluster.local']);
  });

  it('a name that does not resolve fails the run and changes no replica', async () => {
    const env = await setup();
    const r = await runZoneSync(env.opts({ primaryAddress: 'nowhere.invalid', resolveHost: async () => [] }));
    expect(r.ok).toBe(false);
    expect(r.failures.map(failureMessage)).toEqual(['primary: resolve-primary failed: --primary-address nowhere.invalid: nowhere.invalid resolves to no address']);
    expect([...env.secondary.ops, ...env.tertiary.ops]).toEqual([]);
  });

  it('resolves through node:dns by default; IPs pass unchanged, IPv4 first', async () => {
    expect(await resolvePrimaryAddress('10.0.0.1, 10.0.0.2')).toBe('10.0.0.1,10.0.0.2');
    expect(await resolvePrimaryAddress('localhost')).toMatch(/^127\.0\.0\.1(,::1)?$/);
    expect(await resolvePrimaryAddress('h', async () => ['fd00::1', '10.0.0.9', '10.0.0.3'])).toBe('10.0.0.3,10.0.0.9,fd00::1');
  });

  it('finds a replica zone whatever its case and trailing dot, and replicates only Primary zones', async () => {
    const env = await setup();
    const emrsn = replicaZones().find((z) => z.name === 'viktorbarzin.me')!;
    env.secondary.zones.set('emrsn.org', { ...emrsn, name: 'EMRSN.Org.' });
    const base = primaryZones().find((z) => z.name === 'emrsn.org')!;
    for (const type of ['Forwarder', 'Stub', 'Secondary', 'Catalog']) env.primary.zones.set(`${type.toLowerCase()}.example`, { ...base, name: `${type.toLowerCase()}.example`, type });
    const r = await runZoneSync(env.opts());
    expect(r.failures.map(failureMessage)).toEqual([]);
    expect(env.secondary.ops.filter((o) => o.op === 'create')).toEqual([]);
    expect(env.secondary.ops.filter((o) => o.op === 'resync').map((o) => o.params.zone)).toContain('EMRSN.Org.');
    for (const s of [env.primary, env.secondary, env.tertiary]) expect(s.ops.filter((o) => o.zone.endsWith('.example'))).toEqual([]);
  });

  it('never shares a Pushgateway group with the legacy zone-sync, which pushes under job alone', async () => {
    const env = await setup();
    // the legacy CronJob (infra stacks/technitium/modules/technitium/ha.tf), as it pushes: its summary to
    // /metrics/job/technitium-zone-sync, and per replica under instance=<name>
    const legacy = async (status: number) => {
      const summary =
        '# HELP technitium_zone_sync_status Zone sync job status (0=ok, 1=fail)\n# TYPE technitium_zone_sync_status gauge\n' +
        `technitium_zone_sync_status ${status}\n` +
        '# HELP technitium_zone_sync_failures Zones that failed to create this run\n# TYPE technitium_zone_sync_failures gauge\n' +
        'technitium_zone_sync_failures 0\n' +
        '# HELP technitium_zone_sync_last_run Timestamp of last zone-sync run\n# TYPE technitium_zone_sync_last_run gauge\n' +
        `technitium_zone_sync_last_run ${Math.floor(Date.now() / 1000)}\n`;
      expect((await fetch(`${pgw.url}/metrics/job/${JOB}`, { method: 'POST', body: summary })).status).toBe(200);
      const count = 'technitium_zone_count{instance="secondary"} 5\n';
      expect((await fetch(`${pgw.url}/metrics/job/${JOB}/instance/secondary`, { method: 'POST', body: count })).status).toBe(200);
    };
    await legacy(0);
    env.secondary.failOps.set('resync:viktorbarzin.me', 'Zone transfer refused by primary.');
    const r = await runZoneSync(env.opts());
    expect(r.pushed).toBe(true); // the Pushgateway takes both (same metric types; the help text differs)
    await legacy(0); // the legacy job runs on the same schedule, after ours
    const all = parseMetrics(await (await fetch(`${pgw.url}/metrics`)).text()).filter((x) => x.name === 'technitium_zone_sync_status');
    expect(value(all, 'technitium_zone_sync_status', GROUP)).toBe(1); // ours survives the legacy push
    expect(value(all, 'technitium_zone_sync_status', { job: JOB, instance: '' })).toBe(0); // and the legacy one ours
    await fetch(`${pgw.url}/metrics/job/${JOB}/instance/secondary`, { method: 'DELETE' });
  });

  it('a Pushgateway that cannot be reached is reported', async () => {
    const env = await setup();
    const r = await runZoneSync(env.opts({ pushgatewayUrl: 'http://127.0.0.1:1' }));
    expect(r.ok).toBe(true);
    expect(r.pushed).toBe(false);
    expect(r.pushError).toBeDefined();
  });
});
