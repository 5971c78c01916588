// technitium-zone-sync: makes every replica carry every primary zone as a Secondary zone pulling from
// the primary, and reports the run to the Pushgateway. Replaces the shell CronJob whose resync and
// option errors went unnoticed because Technitium reports them with HTTP 200. It never deletes a zone, and it
// never reports success for a run that could not see or change everything.
import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { Registry } from 'prom-client';
import { catalogueGauge } from '../lib/catalogue-metrics.ts';
import { Logger } from '../lib/log.ts';
import { TechnitiumClient, TechnitiumError } from '../technitium/client.ts';
import type { ConfiguredInstance } from '../technitium/cli.ts';
import { callRights, groupAdvice, isAccessDenied, rightsText, type CallRights } from '../technitium/rights.ts';
import { normaliseZoneName, replicatedZones, type ZoneInfo, type ZoneTransferMode } from '../technitium/zones.ts';

export type SyncInstance = ConfiguredInstance;

export interface ZoneSyncOptions {
  readonly instances: readonly SyncInstance[];
  /**
   * The primary's address(es) for the replicas' Secondary zones, comma separated: IPs, or host names that are
   * resolved to IPs before every run (Technitium's own resolver does not resolve cluster names).
   */
  readonly primaryAddress: string;
  /** zoneTransfer option set on every primary zone (checked by zoneTransferSetting). */
  readonly zoneTransfer: ZoneTransferMode;
  /** zoneTransferNetworkACL, for the *NetworkACL modes (replaces the zone's ACL). */
  readonly zoneTransferAcl?: readonly string[];
  readonly timeoutMs: number;
  readonly dryRun: boolean;
  /** Base URL of the Pushgateway; no push when undefined. */
  readonly pushgatewayUrl?: string;
  /** Pushgateway grouping key: job and instance. */
  readonly job: string;
  readonly pushInstance: string;
  readonly logger?: Logger;
  /** Where the plan is printed (stdout). */
  readonly print?: (line: string) => void;
  readonly now?: () => number;
  readonly fetchImpl?: typeof fetch;
  /** A host name's addresses; default node:dns lookup (the pod's resolv.conf, i.e. the cluster DNS). */
  readonly resolveHost?: (host: string) => Promise<string[]>;
  readonly maxResponseBytes?: number;
}

export type StepKind =
  | 'resolve-primary'
  | 'zone-count'
  | 'list-zones'
  | 'hidden-zones'
  | 'allow-transfer'
  | 'create-secondary'
  | 'set-primary'
  | 'resync'
  | 'conflict';

export interface Step {
  readonly instance: string;
  readonly zone: string;
  readonly kind: StepKind;
}

export interface Failure extends Step {
  /** Technitium's errorMessage (or the transport failure), and the right that is missing when access was denied. */
  readonly error: string;
}

export interface SyncResult {
  readonly ok: boolean;
  readonly steps: Step[];
  readonly failures: Failure[];
  readonly created: number;
  readonly durationSeconds: number;
  readonly pushed: boolean;
  readonly pushError?: string;
  /** What --primary-address resolved to this run (the value given to the replicas). */
  readonly primaryAddresses?: string;
}

/** The API call behind each step, for the right to name when Technitium denies it. */
const stepRights: Partial<Record<StepKind, CallRights>> = {
  'zone-count': callRights.stats,
  'list-zones': callRights.listZones,
  'hidden-zones': callRights.listZones,
  'allow-transfer': callRights.setZoneOptions,
  'set-primary': callRights.setZoneOptions,
  'create-secondary': callRights.createZone,
  resync: callRights.resyncZone,
};

function describe(err: unknown, kind: StepKind, zone: string): string {
  if (err instanceof TechnitiumError) {
    const text = err.errorMessage ?? err.message;
    const rights = stepRights[kind];
    if (rights && isAccessDenied(err.errorMessage)) return `${text} The user lacks ${rightsText(rights, zone === '*' ? undefined : zone)}.`;
    return text;
  }
  return err instanceof Error ? err.message : String(err);
}

export function failureMessage(f: Failure): string {
  const what = f.zone === '*' ? '' : ` zone ${f.zone}:`;
  return `${f.instance}:${what} ${f.kind} failed: ${f.error}`;
}

async function lookupAll(host: string): Promise<string[]> {
  return (await lookup(host, { all: true, verbatim: false })).map((a) => a.address);
}

/** `--primary-address` with every host name replaced by its addresses (sorted, IPv4 first): what Technitium needs. */
export async function resolvePrimaryAddress(spec: string, resolveHost: (host: string) => Promise<string[]> = lookupAll): Promise<string> {
  const out: string[] = [];
  for (const entry of spec.split(',').map((e) => e.trim()).filter(Boolean)) {
    if (isIP(entry)) {
      out.push(entry);
      continue;
    }
    const addrs = [...new Set(await resolveHost(entry))].sort((a, b) => isIP(a) - isIP(b) || (a < b ? -1 : a > b ? 1 : 0));
    if (addrs.length === 0) throw new Error(`${entry} resolves to no address`);
    out.push(...addrs);
  }
  return [...new Set(out)].join(',');
}

export async function runZoneSync(opts: ZoneSyncOptions): Promise<SyncResult> {
  const log = opts.logger ?? new Logger();
  const now = opts.now ?? Date.now;
  const printRaw = opts.print ?? ((l: string) => process.stdout.write(`${l}\n`));
  // Printed lines quote Technitium's answers too: redacted like every log line.
  const print = (l: string): void => printRaw(log.redact(l));
  const started = now();
  const steps: Step[] = [];
  const failures: Failure[] = [];
  let created = 0;

  const fail = (f: Failure): void => {
    failures.push(f);
    log.error(failureMessage(f), { instance: f.instance, zone: f.zone === '*' ? undefined : f.zone, step: f.kind });
  };

  const clientFor = (i: SyncInstance): TechnitiumClient => {
    log.addSecret(i.credentials.token);
    log.addSecret(i.credentials.password);
    return new TechnitiumClient({
      baseUrl: i.url,
      credentials: i.credentials,
      timeoutMs: opts.timeoutMs,
      onSecret: (s) => log.addSecret(s),
      ...(opts.maxResponseBytes ? { maxResponseBytes: opts.maxResponseBytes } : {}),
    });
  };

  /** One step: planned (and printed) in dry-run, executed otherwise; a failure is recorded, never thrown. */
  const step = async (s: Step, params: Record<string, string>, act: () => Promise<unknown>): Promise<boolean> => {
    steps.push(s);
    const detail = Object.entries(params).map(([k, v]) => `${k}=${v}`).join(' ');
    if (opts.dryRun) {
      print(`[dry-run] ${s.instance}: ${s.kind} ${s.zone}${detail ? ` (${detail})` : ''}`);
      return true;
    }
    try {
      await act();
      log.info('zone step done', { instance: s.instance, zone: s.zone, step: s.kind });
      return true;
    } catch (err) {
      fail({ ...s, error: describe(err, s.kind, s.zone) });
      return false;
    }
  };

  /**
   * An instance's zones, and how many of its zones its list hides from our user. The instance's own count is
   * read before and after the list: a zone created or deleted meanwhile changes one of them, and the smaller
   * is what the list must show at least, so a concurrent change is never taken for a hidden zone.
   */
  const inspect = async (i: SyncInstance, c: TechnitiumClient): Promise<{ zones: ZoneInfo[]; hidden: number } | undefined> => {
    let kind: StepKind = 'zone-count';
    try {
      const before = await c.zoneCount();
      kind = 'list-zones';
      const list = await c.listZones();
      kind = 'zone-count';
      const after = await c.zoneCount();
      const hidden = Math.max(0, Math.min(before, after) - list.listed);
      if (hidden > 0) {
        fail({
          instance: i.server,
          zone: '*',
          kind: 'hidden-zones',
          error:
            `the zone list shows ${list.listed} of the ${Math.min(before, after)} zones the instance has: the user lacks ` +
            `per-zone View on ${hidden} (it needs ${rightsText(callRights.listZones)} on every zone; ${groupAdvice})`,
        });
      }
      return { zones: list.zones, hidden };
    } catch (err) {
      fail({ instance: i.server, zone: '*', kind, error: describe(err, kind, '*') });
      return undefined;
    }
  };

  const primarySpec = opts.instances.find((i) => i.role === 'primary');
  if (!primarySpec) throw new Error('no primary instance configured');
  const primary = clientFor(primarySpec);

  // The replicas get IPs: a host name is resolved here, before every run, so a changed Service address is
  // followed within one run (and set on every existing Secondary zone below).
  let primaryAddresses: string | undefined;
  try {
    primaryAddresses = await resolvePrimaryAddress(opts.primaryAddress, opts.resolveHost);
    log.info('primary address resolved', { primaryAddress: opts.primaryAddress, addresses: primaryAddresses });
  } catch (err) {
    fail({ instance: primarySpec.server, zone: '*', kind: 'resolve-primary', error: `--primary-address ${opts.primaryAddress}: ${(err as Error).message}` });
  }

  const seen = await inspect(primarySpec, primary);
  const zones = seen ? replicatedZones(seen.zones) : undefined;

  if (zones) {
    log.info('primary zones', { instance: primarySpec.server, zones: zones.length });
    // 1. The primary allows zone transfers of every zone (to whom: zoneTransfer and its ACL).
    for (const z of zones) {
      const params: Record<string, string> = { zone: z.name, zoneTransfer: opts.zoneTransfer };
      if (opts.zoneTransferAcl?.length) params.zoneTransferNetworkACL = opts.zoneTransferAcl.join(',');
      await step({ instance: primarySpec.server, zone: z.name, kind: 'allow-transfer' }, params, () => primary.call('/api/zones/options/set', params));
    }
  }
  if (zones && primaryAddresses) {
    // 2. Every replica carries every zone as a Secondary pulling from the primary (replicas in parallel).
    const wanted = zones;
    const address = primaryAddresses;
    await Promise.all(
      opts.instances
        .filter((i) => i.role === 'replica')
        .map(async (r) => {
          const c = clientFor(r);
          const replica = await inspect(r, c);
          if (!replica) return;
          const have = new Map(replica.zones.map((z) => [normaliseZoneName(z.name), z]));
          for (const z of wanted) {
            const existing = have.get(normaliseZoneName(z.name));
            if (!existing) {
              // A zone the replica hides from us may exist: creating it would only fail. The run fails already.
              if (replica.hidden > 0) continue;
              const params = { zone: z.name, type: 'Secondary', primaryNameServerAddresses: address };
              const ok = await step({ instance: r.server, zone: z.name, kind: 'create-secondary' }, params, () => c.call('/api/zones/create', params));
              if (ok && !opts.dryRun) created++;
              continue;
            }
            if (existing.type !== 'Secondary') {
              fail({ instance: r.server, zone: existing.name, kind: 'conflict', error: `exists as a ${existing.type} zone, not Secondary; left alone` });
              continue;
            }
            const setParams = { zone: existing.name, primaryNameServerAddresses: address };
            const ok = await step({ instance: r.server, zone: existing.name, kind: 'set-primary' }, setParams, () => c.call('/api/zones/options/set', setParams));
            if (!ok) continue;
            await step({ instance: r.server, zone: existing.name, kind: 'resync' }, { zone: existing.name }, () => c.call('/api/zones/resync', { zone: existing.name }));
          }
          const wantedNames = new Set(wanted.map((w) => normaliseZoneName(w.name)));
          const extra = [...have.entries()].filter(([n, z]) => !wantedNames.has(n) && z.type === 'Secondary').map(([n]) => n);
          if (extra.length) log.info('secondary zones the primary no longer has were left alone (never deleted)', { instance: r.server, zones: extra.join(',') });
        }),
    );
  }

  const ended = now();
  const durationSeconds = (ended - started) / 1000;
  const ok = failures.length === 0;
  for (const f of failures) print(`FAILED ${failureMessage(f)}`);
  let pushed = false;
  let pushError: string | undefined;
  if (opts.dryRun) {
    print(`[dry-run] ${steps.length} steps planned; nothing changed, nothing pushed`);
  } else if (opts.pushgatewayUrl) {
    try {
      await pushMetrics(opts, { ok, failures: failures.length, created, endedMs: ended, durationSeconds });
      pushed = true;
    } catch (err) {
      pushError = (err as Error).message;
      log.error('push to the Pushgateway failed', { error: pushError });
    }
  }
  log.info('zone sync finished', { ok, failures: failures.length, created, durationSeconds, pushed, dryRun: opts.dryRun });
  return { ok, steps, failures, created, durationSeconds, pushed, ...(pushError ? { pushError } : {}), ...(primaryAddresses ? { primaryAddresses } : {}) };
}

export interface RunSummary {
  readonly ok: boolean;
  readonly failures: number;
  readonly created: number;
  readonly endedMs: number;
  readonly durationSeconds: number;
}

/** The section-2 metrics in their own registry (what is pushed is never mixed with anything else). */
export function syncRegistry(s: RunSummary): Registry {
  const registry = new Registry();
  catalogueGauge(registry, 'technitium_zone_sync_status').set(s.ok ? 0 : 1);
  catalogueGauge(registry, 'technitium_zone_sync_failures').set(s.failures);
  catalogueGauge(registry, 'technitium_zone_sync_zones_created').set(s.created);
  catalogueGauge(registry, 'technitium_zone_sync_last_run_timestamp_seconds').set(s.endedMs / 1000);
  catalogueGauge(registry, 'technitium_zone_sync_duration_seconds').set(s.durationSeconds);
  // Only after a fully successful run: POST leaves the previous success in place otherwise.
  if (s.ok) catalogueGauge(registry, 'technitium_zone_sync_last_success_timestamp_seconds').set(s.endedMs / 1000);
  return registry;
}

/** The group's URL: <pushgateway>/metrics/job/<job>/instance/<instance>. */
export function pushUrl(pushgatewayUrl: string, job: string, instance: string): string {
  return `${pushgatewayUrl.replace(/\/+$/, '')}/metrics/job/${encodeURIComponent(job)}/instance/${encodeURIComponent(instance)}`;
}

/**
 * POST (not PUT) to the group job=<job>, instance=<pushInstance>: a group the legacy zone-sync (job only, or
 * job with instance=<replica>) never writes, and POST keeps the previous last-success in it after a failed run.
 */
export async function pushMetrics(
  opts: Pick<ZoneSyncOptions, 'pushgatewayUrl' | 'job' | 'pushInstance' | 'timeoutMs' | 'fetchImpl'>,
  s: RunSummary,
): Promise<void> {
  if (!opts.pushgatewayUrl) return;
  const registry = syncRegistry(s);
  const res = await (opts.fetchImpl ?? fetch)(pushUrl(opts.pushgatewayUrl, opts.job, opts.pushInstance), {
    method: 'POST',
    headers: { 'content-type': registry.contentType },
    body: await registry.metrics(),
    signal: AbortSignal.timeout(opts.timeoutMs),
  });
  const text = await res.text();
  if (res.status !== 200 && res.status !== 202) throw new Error(`Pushgateway answered HTTP ${res.status}: ${text.slice(0, 200)}`);
}
