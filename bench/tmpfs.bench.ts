// Benchmark of tmpfs-exporter: the bundled program as a child process (so its RSS is its own) in path mode on a
// real tmpfs holding 10,000 and then 200,000 files (plain directories where this machine cannot mount). Reports
// the poll duration the exporter measures itself (tmpfs_exporter_poll_duration_seconds, over several polls),
// its peak RSS (VmHWM), and /metrics latency p50/p99 with 50 closed-loop scrapers while it keeps polling.
// Targets: a poll of 200,000 entries under 500 ms, peak RSS under 60 MB, p99 under 10 ms.
// Run: npm run bench:tmpfs   (env: BENCH_SECONDS (scraping, default 10), BENCH_SCRAPERS (50), BENCH_POLLS (5))
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, statfsSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, parseMetrics, value, waitFor } from '../testing/helpers.ts';
import { repoRoot } from '../core/paths.ts';
import { percentile, procStatus, scrapePhase } from './measure.ts';
import { TMPFS_MAGIC, tmpfsPrograms } from '../exporters/tmpfs-exporter/config.ts';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const SCRAPERS = Number(process.env.BENCH_SCRAPERS ?? 50);
const POLLS = Number(process.env.BENCH_POLLS ?? 5);
const SIZES = [10_000, 200_000];
// Node flags of the exporter process (BENCH_NODE_FLAGS overrides the ones the manifests run it with).
const NODE_FLAGS = (process.env.BENCH_NODE_FLAGS ?? tmpfsPrograms.nodeFlags.join(' ')).split(/\s+/).filter(Boolean);

const metricsOf = async (base: string) => parseMetrics(await (await fetch(`${base}/metrics`)).text());

async function measure(bundle: string, dir: string, entries: number) {
  const port = await freePort();
  // Interval 1s: polls keep running under the scrapers, as they would (every 30 s) under Prometheus.
  const child = spawn(process.execPath, [...NODE_FLAGS, bundle, `--path=${dir}`, `--listen-address=127.0.0.1:${port}`, '--interval=1s'], {
    env: { PATH: process.env.PATH ?? '' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const base = `http://127.0.0.1:${port}`;
  try {
    await waitFor(async () => (await fetch(`${base}/readyz`)).status === 200, 20_000, 'exporter ready');
    const durations: number[] = [];
    let last = NaN;
    while (durations.length < POLLS) {
      const m = await metricsOf(base);
      const at = value(m, 'tmpfs_exporter_last_poll_timestamp_seconds')!;
      const counted = value(m, 'tmpfs_volume_directory_entries', { mountpoint: dir });
      if (counted !== entries) throw new Error(`counted ${counted} entries, expected ${entries}`);
      if (value(m, 'tmpfs_volume_directory_entries_truncated', { mountpoint: dir }) !== 0) throw new Error('the count was cut short');
      const d = value(m, 'tmpfs_exporter_poll_duration_seconds')!;
      if (at !== last && !Number.isNaN(last)) durations.push(d * 1000);
      last = at;
      await new Promise((r) => setTimeout(r, 1000));
    }
    const pollingRss = procStatus(child.pid!, 'VmHWM');
    const lat = (await scrapePhase(`${base}/metrics`, SCRAPERS, SECONDS)).sort((a, b) => a - b);
    const hwm = procStatus(child.pid!, 'VmHWM');
    durations.sort((a, b) => a - b);
    return {
      entries,
      pollMs: { median: durations[Math.floor(durations.length / 2)]!, max: durations[durations.length - 1]!, polls: durations.length },
      peakRssMB: hwm,
      peakRssPollingOnlyMB: pollingRss,
      scrape: { scrapers: SCRAPERS, scrapes: lat.length, p50ms: percentile(lat, 50), p99ms: percentile(lat, 99), maxms: lat[lat.length - 1]! },
    };
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
  }
}

async function main(): Promise<void> {
  const work = mkdtempSync(join(tmpdir(), 'tmpfs-bench-'));
  const out = join(work, 'dist');
  const dir = join(work, 'shm');
  mkdirSync(dir);
  let mounted = false;
  try {
    const build = spawnSync('sh', [join(repoRoot, 'exporters/build.sh'), out], { encoding: 'utf8' });
    if (build.status !== 0) throw new Error(`build failed: ${build.stderr}`);
    const m = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=64m,nr_inodes=250000,mode=0777', 'tmpfs', dir], { encoding: 'utf8' });
    mounted = m.status === 0 && statfsSync(dir).type === TMPFS_MAGIC;
    if (!mounted) console.warn(`tmpfs-bench: cannot mount tmpfs (${m.stderr.trim()}); plain directory on ${tmpdir()}`);
    const results = [];
    let made = 0;
    for (const n of SIZES) {
      for (; made < n; made++) writeFileSync(join(dir, `session_${String(made).padStart(7, '0')}`), '');
      results.push(await measure(join(out, 'tmpfs-exporter.mjs'), dir, n));
    }
    const f = (x: number) => Number(x.toFixed(2));
    const rows = results.map((r) => ({
      entries: r.entries,
      pollMsMedian: f(r.pollMs.median),
      pollMsMax: f(r.pollMs.max),
      peakRssMB: f(r.peakRssMB),
      peakRssBeforeScrapingMB: f(r.peakRssPollingOnlyMB),
      scrapes: r.scrape.scrapes,
      p50ms: f(r.scrape.p50ms),
      p99ms: f(r.scrape.p99ms),
      maxms: f(r.scrape.maxms),
    }));
    console.log(JSON.stringify({ config: { filesystem: mounted ? 'tmpfs' : 'plain directory', scrapers: SCRAPERS, seconds: SECONDS, polls: POLLS, node: process.version, nodeFlags: NODE_FLAGS.join(' ') }, results: rows }, null, 2));
    const big = rows[rows.length - 1]!;
    const ok = big.pollMsMax < 500 && rows.every((r) => r.peakRssMB < 60 && r.p99ms < 10);
    console.log(ok ? 'targets met: poll of 200,000 entries < 500 ms, peak RSS < 60 MB, p99 < 10 ms' : 'TARGETS MISSED: poll of 200,000 entries < 500 ms, peak RSS < 60 MB, p99 < 10 ms');
    process.exitCode = ok ? 0 : 1;
  } finally {
    if (mounted) spawnSync('umount', [dir]);
    rmSync(work, { recursive: true, force: true });
  }
}

await main();
