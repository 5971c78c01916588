// technitium-zone-sync: makes every replica carry every primary zone as a Secondary zone pulling from
// the primary, and reports the run to the Pushgateway. Replaces the shell CronJob whose resync and
// option errors went unnoticed because Technitium reports them with HTTP 200. It never deletes a zone.
import { Registry } from 'prom-client';
import { catalogueGauge } from '../lib/catalogue-metrics.ts';
import type { InstanceSpec } from '../technitium/instances.ts';
import { Logger } from '../lib/log.ts';
import type { Credentials } from '../technitium/credentials.ts';
import { TechnitiumClient, TechnitiumError } from '../technitium/client.ts';
import { normaliseZoneName, replicatedZones, type ZoneInfo } from '../technitium/zones.ts';

export interface SyncInstance extends InstanceSpec {
  readonly credentials: Credentials;
}

export interface ZoneSyncOptions {
  readonly instances: readonly SyncInstance[];
  /** Address(es) the replicas transfer from: primaryNameServerAddresses (comma separated). */
  readonly primaryAddress: string;
  /** zoneTransfer option set on every primary zone (Allow, AllowOnlyZoneNameServers, UseSpecifiedNetworkACL, ...). */
  readonly zoneTransfer: string;
  /** zoneTransferNetworkACL, for the *NetworkACL modes. */
  readonly zoneTransferAcl?: string;
  readonly timeoutMs: number;
  readonly dryRun: boolean;
  /** Base URL of the Pushgateway; no push when undefined. */
  readonly pushgatewayUrl?: string;
  readonly job: string;
  readonly logger?: Logger;
  /** Where the plan is printed (stdout). */
  readonly print?: (line: string) => void;
  readonly now?: () => number;
  readonly fetchImpl?: typeof fetch;
}

export type StepKind = 'list-zones' | 'allow-transfer' | 'create-secondary' | 'set-primary' | 'resync' | 'conflict';

export interface Step {
  readonly instance: string;
  readonly zone: string;
  readonly kind: StepKind;
}

export interface Failure extends Step {
  /** Technitium's errorMessage (or the transport failure). */
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
}

function describe(err: unknown): string {
  if (err instanceof TechnitiumError) return err.errorMessage ?? err.message;
  return err instanceof Error ? err.message : String(err);
}

export function failureMessage(f: Failure): string {
  const what = f.zone === '*' ? '' : ` zone ${f.zone}:`;
  return `${f.instance}:${what} ${f.kind} failed: ${f.error}`;
}

export async function runZoneSync(opts: ZoneSyncOptions): Promise<SyncResult> {
  const log = opts.logger ?? new Logger();
  const now = opts.now ?? Date.now;
  const print = opts.print ?? ((l: string) => process.stdout.write(`${l}\n`));
  const started = now();
  const steps: Step[] = [];
  const failures: Failure[] = [];
  let created = 0;

  const clientFor = (i: SyncInstance): TechnitiumClient => {
    log.addSecret(i.credentials.token);
    log.addSecret(i.credentials.password);
    return new TechnitiumClient({
      baseUrl: i.url,
      credentials: i.credentials,
      timeoutMs: opts.timeoutMs,
      onSecret: (s) => log.addSecret(s),
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
      const f: Failure = { ...s, error: describe(err) };
      failures.push(f);
      log.error(failureMessage(f), { instance: s.instance, zone: s.zone, step: s.kind, reason: err instanceof TechnitiumError ? err.reason : 'error' });
      return false;
    }
  };

  const primarySpec = opts.instances.find((i) => i.role === 'primary');
  if (!primarySpec) throw new Error('no primary instance configured');
  const primary = clientFor(primarySpec);

  let zones: ZoneInfo[] | undefined;
  try {
    zones = replicatedZones(await primary.listZones());
  } catch (err) {
    const f: Failure = { instance: primarySpec.server, zone: '*', kind: 'list-zones', error: describe(err) };
    failures.push(f);
    log.error(failureMessage(f), { instance: primarySpec.server, step: 'list-zones' });
  }

  if (zones) {
    log.info('primary zones', { instance: primarySpec.server, zones: zones.length });
    // 1. The primary allows zone transfers of every zone.
    for (const z of zones) {
      const params: Record<string, string> = { zone: z.name, zoneTransfer: opts.zoneTransfer };
      if (opts.zoneTransferAcl) params.zoneTransferNetworkACL = opts.zoneTransferAcl;
      await step({ instance: primarySpec.server, zone: z.name, kind: 'allow-transfer' }, params, () => primary.call('/api/zones/options/set', params));
    }
    // 2. Every replica carries every zone as a Secondary pulling from the primary (replicas in parallel).
    const wanted = zones;
    await Promise.all(
      opts.instances
        .filter((i) => i.role === 'replica')
        .map(async (r) => {
          const c = clientFor(r);
          let have: Map<string, ZoneInfo>;
          try {
            have = new Map((await c.listZones()).map((z) => [normaliseZoneName(z.name), z]));
          } catch (err) {
            const f: Failure = { instance: r.server, zone: '*', kind: 'list-zones', error: describe(err) };
            failures.push(f);
            log.error(failureMessage(f), { instance: r.server, step: 'list-zones' });
            return;
          }
          for (const z of wanted) {
            const existing = have.get(normaliseZoneName(z.name));
            if (!existing) {
              const params = { zone: z.name, type: 'Secondary', primaryNameServerAddresses: opts.primaryAddress };
              const ok = await step({ instance: r.server, zone: z.name, kind: 'create-secondary' }, params, () => c.call('/api/zones/create', params));
              if (ok && !opts.dryRun) created++;
              continue;
            }
            if (existing.type !== 'Secondary') {
              const f: Failure = { instance: r.server, zone: z.name, kind: 'conflict', error: `exists as a ${existing.type} zone, not Secondary; left alone` };
              steps.push(f);
              failures.push(f);
              log.error(failureMessage(f), { instance: r.server, zone: z.name, step: 'conflict' });
              continue;
            }
            const setParams = { zone: z.name, primaryNameServerAddresses: opts.primaryAddress };
            const ok = await step({ instance: r.server, zone: z.name, kind: 'set-primary' }, setParams, () => c.call('/api/zones/options/set', setParams));
            if (!ok) continue;
            await step({ instance: r.server, zone: z.name, kind: 'resync' }, { zone: z.name }, () => c.call('/api/zones/resync', { zone: z.name }));
          }
          const extra = [...have.keys()].filter((n) => !wanted.some((w) => normaliseZoneName(w.name) === n) && have.get(n)?.type === 'Secondary');
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
  return { ok, steps, failures, created, durationSeconds, pushed, ...(pushError ? { pushError } : {}) };
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

/** POST (not PUT) to <pushgateway>/metrics/job/<job>: grouping key job only. */
export async function pushMetrics(opts: Pick<ZoneSyncOptions, 'pushgatewayUrl' | 'job' | 'timeoutMs' | 'fetchImpl'>, s: RunSummary): Promise<void> {
  if (!opts.pushgatewayUrl) return;
  const registry = syncRegistry(s);
  const url = `${opts.pushgatewayUrl.replace(/\/+$/, '')}/metrics/job/${encodeURIComponent(opts.job)}`;
  const res = await (opts.fetchImpl ?? fetch)(url, {
    method: 'POST',
    headers: { 'content-type': registry.contentType },
    body: await registry.metrics(),
    signal: AbortSignal.timeout(opts.timeoutMs),
  });
  const text = await res.text();
  if (res.status !== 200 && res.status !== 202) throw new Error(`Pushgateway answered HTTP ${res.status}: ${text.slice(0, 200)}`);
}
