// The tmpfs-exporter: polls the memory-backed volumes on an interval (never per scrape) and serves the last
// result on /metrics. Node mode (the DaemonSet) finds every pod's memory-backed emptyDirs under the kubelet's
// pods directory; path mode (a sidecar) reads the paths it is given. See exporters/README.md.
import { PollLoop } from '../lib/poll.ts';
import type { AddressInfo } from 'node:net';
import { Registry } from 'prom-client';
import { catalogueCounter, catalogueGauge, labelValues } from '../lib/catalogue-metrics.ts';
import { Logger } from '../lib/log.ts';
import { MetricsServer } from '../lib/serve.ts';
import { TMPFS_MAGIC } from './config.ts';
import { countAll, findPodVolumes, statPaths, type ScanFailure, type VolumeReading } from './scan.ts';

export type TmpfsMode = 'node' | 'path';

export interface TmpfsExporterOptions {
  readonly mode: TmpfsMode;
  /** Node mode: the kubelet's pods directory as this process sees it. */
  readonly podsDir?: string;
  /** Path mode: the paths to report (label `mountpoint`). */
  readonly paths?: readonly string[];
  readonly intervalMs: number;
  /** Time one poll may spend counting directory entries, all volumes together. */
  readonly countBudgetMs: number;
  readonly version: string;
  /**
   * statfs f_type values that count as memory-backed in node mode (default: tmpfs only). The tests add their own
   * filesystem's type where they cannot mount tmpfs.
   */
  readonly memoryFsTypes?: readonly number[];
  readonly logger?: Logger;
  /** The exporter's clock (ms); injectable for tests. */
  readonly now?: () => number;
}

const volumeGauges = {
  size: 'tmpfs_volume_size_bytes',
  available: 'tmpfs_volume_available_bytes',
  used: 'tmpfs_volume_used_bytes',
  inodes: 'tmpfs_volume_inodes',
  inodesFree: 'tmpfs_volume_inodes_free',
  entries: 'tmpfs_volume_directory_entries',
  truncated: 'tmpfs_volume_directory_entries_truncated',
} as const;

export class TmpfsExporter {
  readonly registry = new Registry();
  private readonly log: Logger;
  private readonly now: () => number;
  private readonly server = new MetricsServer(this.registry);
  private readonly memoryTypes: ReadonlySet<number>;
  private running: Promise<void> | undefined;
  private readonly loop = new PollLoop(() => this.opts.intervalMs, () => this.now(), () => this.pollOnce(), (err) => this.log.error('poll crashed', { error: err.message }));
  /** Failures of the previous poll (reason + path), so a lasting failure is logged once, not every poll. */
  private failing = new Set<string>();
  /** Polls completed (tests wait on this). */
  polls = 0;
  /** The last poll's readings (tests and the benchmark read them). */
  lastReadings: readonly VolumeReading[] = [];

  private readonly m = {
    ...(Object.fromEntries(Object.entries(volumeGauges).map(([k, name]) => [k, catalogueGauge(this.registry, name)])) as Record<keyof typeof volumeGauges, ReturnType<typeof catalogueGauge>>),
    volumes: catalogueGauge(this.registry, 'tmpfs_exporter_volumes'),
    pollErrors: catalogueCounter(this.registry, 'tmpfs_exporter_poll_errors_total'),
    pollDuration: catalogueGauge(this.registry, 'tmpfs_exporter_poll_duration_seconds'),
    lastPoll: catalogueGauge(this.registry, 'tmpfs_exporter_last_poll_timestamp_seconds'),
    buildInfo: catalogueGauge(this.registry, 'tmpfs_exporter_build_info'),
  };

  constructor(private readonly opts: TmpfsExporterOptions) {
    if (opts.mode === 'node' && !opts.podsDir) throw new Error('node mode needs the kubelet pods directory');
    if (opts.mode === 'path' && !opts.paths?.length) throw new Error('path mode needs at least one --path');
    this.log = opts.logger ?? new Logger();
    this.now = opts.now ?? Date.now;
    this.memoryTypes = new Set(opts.memoryFsTypes ?? [TMPFS_MAGIC]);
    // Counters exist from the start at 0, so rate() has a first sample to work from.
    for (const reason of labelValues('tmpfs_exporter_poll_errors_total', 'reason')) this.m.pollErrors.inc({ reason }, 0);
    this.m.buildInfo.set({ version: opts.version, mode: opts.mode }, 1);
  }

  get isReady(): boolean {
    return this.server.ready;
  }

  /** The /metrics body as last rendered after a poll. */
  get metrics(): string {
    return this.server.metrics;
  }

  /** One poll: find the volumes, statfs and count each, rebuild every volume series, render /metrics. */
  async pollOnce(): Promise<void> {
    if (this.running) return this.running;
    this.running = (async () => {
      const started = this.now();
      const failures: ScanFailure[] = [];
      const volumes =
        this.opts.mode === 'node'
          ? await findPodVolumes(this.opts.podsDir!, (t) => this.memoryTypes.has(t), failures)
          : await statPaths(this.opts.paths!, failures);
      const readings = await countAll(volumes, this.opts.countBudgetMs, failures, this.now);
      this.lastReadings = readings;
      this.record(readings, failures);
      this.m.pollDuration.set((this.now() - started) / 1000);
      this.m.lastPoll.set(Math.floor(this.now() / 1000));
      await this.server.render();
      this.server.ready = true;
      this.polls++;
    })().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  /** Volume series are rebuilt from this poll only: a deleted pod's volume is gone at once, never frozen. */
  private record(readings: readonly VolumeReading[], failures: readonly ScanFailure[]): void {
    for (const g of Object.keys(volumeGauges) as (keyof typeof volumeGauges)[]) this.m[g].reset();
    for (const r of readings) {
      const l = r.ref.labels;
      this.m.size.set(l, r.sizeBytes);
      this.m.available.set(l, r.availableBytes);
      this.m.used.set(l, r.usedBytes);
      this.m.inodes.set(l, r.inodes);
      this.m.inodesFree.set(l, r.inodesFree);
      if (r.entries) {
        this.m.entries.set(l, r.entries.count);
        this.m.truncated.set(l, r.entries.truncated ? 1 : 0);
      }
    }
    this.m.volumes.set(readings.length);
    const now = new Set<string>();
    for (const f of failures) {
      this.m.pollErrors.inc({ reason: f.reason });
      const key = `${f.reason} ${f.path}`;
      now.add(key);
      if (!this.failing.has(key)) this.log.warn('cannot read a volume', { reason: f.reason, path: f.path, error: f.message });
    }
    for (const key of this.failing) if (!now.has(key)) this.log.info('reading again', { what: key });
    this.failing = now;
  }

  /** Poll now and then every intervalMs (exporters/lib/poll.ts). */
  start(): void {
    this.loop.start();
  }

  listen(port: number, host: string): Promise<AddressInfo> {
    return this.server.listen(port, host);
  }

  /** Stop polling and serving; a poll under way finishes first (it only reads local files). */
  async stop(): Promise<void> {
    this.loop.stop();
    await this.running?.catch(() => undefined);
    await this.server.close();
  }
}
