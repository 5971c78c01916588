// Benchmark of technitium-exporter: 50 concurrent scrapers for 20 s against the exporter (a separate
// child process running the bundled build, so its RSS is its own) polling three simulated instances,
// one of which answers in 5 s. Reports /metrics latency p50/p99, scrapes/s, peak RSS (VmHWM) and
// Technitium API calls per minute at 1 and at 50 scrapers (counted by the simulators).
// Run: npx tsx bench/exporter.bench.ts   (env: BENCH_SECONDS, BENCH_SCRAPERS, BENCH_INTERVAL)
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { freePort, waitFor } from '../testing/helpers.ts';
import { repoRoot } from '../core/paths.ts';
import { percentile, procStatus, scrapePhase } from './measure.ts';
import { primaryZones, replicaZones, TechnitiumSimulator } from '../testing/technitium-simulator.ts';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 20);
const SCRAPERS = Number(process.env.BENCH_SCRAPERS ?? 50);
const INTERVAL = process.env.BENCH_INTERVAL ?? '10s';
const TOKEN = 'bench-token-0123456789';
// Node flags of the exporter process, as the Dockerfile/manifests run it.
const NODE_FLAGS = (process.env.BENCH_NODE_FLAGS ?? '').split(/\s+/).filter(Boolean);

async function main(): Promise<void> {
  const out = mkdtempSync(join(tmpdir(), 'exporter-bench-'));
  const build = spawnSync('sh', [join(repoRoot, 'exporters/build.sh'), out], { encoding: 'utf8' });
  if (build.status !== 0) throw new Error(`build failed: ${build.stderr}`);

  const sims = [
    new TechnitiumSimulator({ zones: primaryZones(), apiTokens: [TOKEN] }),
    new TechnitiumSimulator({ zones: replicaZones(), apiTokens: [TOKEN] }),
    new TechnitiumSimulator({ zones: replicaZones(), apiTokens: [TOKEN] }),
  ];
  for (const s of sims) await s.start();
  sims[2]!.delayMs = 5000; // tertiary answers in 5 s
  const tick = setInterval(() => {
    for (const s of sims) s.clockMs += 1000; // simulated Technitium clocks run in real time
  }, 1000);

  const port = await freePort();
  const child = spawn(
    process.execPath,
    [...NODE_FLAGS, join(out, 'technitium-exporter.mjs'), `--listen-address=127.0.0.1:${port}`, `--interval=${INTERVAL}`, '--timeout=10s'],
    {
      env: {
        PATH: process.env.PATH ?? '',
        TECHNITIUM_TOKEN: TOKEN,
        TECHNITIUM_INSTANCES: `primary=primary=${sims[0]!.url},secondary=replica=${sims[1]!.url},tertiary=replica=${sims[2]!.url}`,
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  const base = `http://127.0.0.1:${port}`;
  try {
    await waitFor(async () => (await fetch(`${base}/readyz`)).status === 200, 20_000, 'exporter ready');
    const calls = () => sims.reduce((n, s) => n + s.apiCalls, 0);
    const idleHwm = procStatus(child.pid!, 'VmHWM');

    const c1 = calls();
    const t1 = performance.now();
    const lat1 = await scrapePhase(`${base}/metrics`, 1, SECONDS);
    const perMin1 = ((calls() - c1) / ((performance.now() - t1) / 1000)) * 60;

    const c50 = calls();
    const t50 = performance.now();
    const lat50 = await scrapePhase(`${base}/metrics`, SCRAPERS, SECONDS);
    const elapsed50 = (performance.now() - t50) / 1000;
    const perMin50 = ((calls() - c50) / elapsed50) * 60;
    const hwm = procStatus(child.pid!, 'VmHWM');
    const rss = procStatus(child.pid!, 'VmRSS');

    lat50.sort((a, b) => a - b);
    lat1.sort((a, b) => a - b);
    const bytes = (await (await fetch(`${base}/metrics`)).text()).length;
    const f = (n: number) => n.toFixed(2);
    const result = {
      config: { nodeFlags: NODE_FLAGS.join(' '), scrapers: SCRAPERS, seconds: SECONDS, interval: INTERVAL, instances: 3, slowInstanceDelayMs: 5000, metricsBytes: bytes },
      at50: { scrapes: lat50.length, scrapesPerSecond: f(lat50.length / elapsed50), p50ms: f(percentile(lat50, 50)), p99ms: f(percentile(lat50, 99)), maxms: f(lat50[lat50.length - 1]!) },
      at1: { scrapes: lat1.length, p50ms: f(percentile(lat1, 50)), p99ms: f(percentile(lat1, 99)) },
      exporterPeakRssMB: f(hwm),
      exporterPeakRssBeforeScrapingMB: f(idleHwm),
      exporterRssMB: f(rss),
      technitiumApiCallsPerMinute: { at1Scraper: f(perMin1), at50Scrapers: f(perMin50) },
    };
    console.log(JSON.stringify(result, null, 2));
    const ok = percentile(lat50, 99) < 10 && hwm < 80;
    console.log(ok ? 'targets met: p99 < 10 ms, peak RSS < 80 MB' : 'TARGETS MISSED: p99 < 10 ms, peak RSS < 80 MB');
    process.exitCode = ok ? 0 : 1;
  } finally {
    clearInterval(tick);
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
    for (const s of sims) await s.stop();
    rmSync(out, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main();
