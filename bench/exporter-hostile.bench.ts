// Benchmark of technitium-exporter against a hostile upstream: for each hostile answer, a fresh exporter process
// (the bundled build, run with plain `node` as the image runs it, default limits) polls three simulated
// instances that ALL answer that way, while closed-loop scrapers read /metrics. The simulated instances run in
// a process of their own, so building their answers (a 12 MB zone list, say) never delays the scrapers' clock. Reports per case the peak RSS
// (VmHWM of the exporter process), /metrics latency p50/p99/max, the poll errors it counted, how many bytes
// the upstream managed to send, and whether the exporter is still alive and serving.
// Targets (issue 9): peak RSS under 100 MB in every case (the pod's limit is 128Mi), p99 under 10 ms, alive.
//
// Run: npm run bench:exporter-hostile
// Env: BENCH_SECONDS (per case, default 15), BENCH_SCRAPERS (default 10), BENCH_INTERVAL (default 2s),
//      BENCH_EXPORTER (a prebuilt technitium-exporter.mjs to measure instead of this tree's, e.g. an older build),
//      BENCH_CASES (case names separated by ';', default all), BENCH_EXPORTER_ARGS (extra exporter flags).
import { fork, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { repoRoot } from '../core/paths.ts';
import { freePort, parseMetrics, waitFor } from '../testing/helpers.ts';
import { primaryZones, replicaZones, TechnitiumSimulator, type Fault, type ZoneObject } from '../testing/technitium-simulator.ts';
import { percentile, procStatus, scrapePhase } from './measure.ts';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 15);
const SCRAPERS = Number(process.env.BENCH_SCRAPERS ?? 10);
const INTERVAL = process.env.BENCH_INTERVAL ?? '2s';
const TOKEN = 'bench-hostile-token-0123456789';
const RSS_TARGET_MB = 100;
const P99_TARGET_MS = 10;

interface Case {
  readonly name: string;
  /** Sets up one simulated instance (all three get the same). */
  readonly arrange: (sim: TechnitiumSimulator, role: 'primary' | 'replica') => void;
}

/** `n` zones shaped like the fixtures' (Secondary ones with syncFailed/isExpired: three series each). */
function manyZones(n: number, role: 'primary' | 'replica'): ZoneObject[] {
  const template = role === 'primary' ? primaryZones().find((z) => z.name === 'emrsn.org')! : replicaZones().find((z) => z.type === 'Secondary')!;
  return Array.from({ length: n }, (_, i) => ({ ...template, name: `zone-${String(i).padStart(5, '0')}.example` }));
}

const fault = (f: Fault, bytes?: number) => (sim: TechnitiumSimulator) => {
  sim.fault = f;
  if (bytes !== undefined) sim.hostileBytes = bytes;
};

const cases: readonly Case[] = [
  { name: 'healthy (baseline)', arrange: () => undefined },
  { name: '50 MB body', arrange: fault('huge-body', 50_000_000) },
  { name: '10 MB deeply nested JSON', arrange: fault('deep-json', 10_000_000) },
  { name: 'endless stream', arrange: fault('endless') },
  {
    name: '50,000 zones, paged',
    arrange: (sim, role) => {
      for (const z of manyZones(50_000, role)) sim.zones.set(z.name, z);
    },
  },
  {
    name: '50,000 zones in one answer',
    arrange: (sim, role) => {
      for (const z of manyZones(50_000, role)) sim.zones.set(z.name, z);
      sim.ignorePaging = true;
    },
  },
  { name: '1e308 in every bucket', arrange: fault('huge-number') },
];

const exited = (p: ChildProcess): Promise<void> => (p.exitCode !== null || p.signalCode !== null ? Promise.resolve() : new Promise((r) => p.once('exit', () => r())));

interface UpstreamStats {
  readonly bytesSent: number;
  readonly apiCalls: number;
}

/** The upstream process: three simulators arranged for one case, driven over IPC (urls, stats, stop). */
async function upstream(caseName: string): Promise<void> {
  const c = cases.find((x) => x.name === caseName)!;
  const sims = [
    new TechnitiumSimulator({ serverDomain: 'technitium-0', zones: primaryZones(), apiTokens: [TOKEN] }),
    new TechnitiumSimulator({ serverDomain: 'technitium-secondary-0', zones: replicaZones(), apiTokens: [TOKEN] }),
    new TechnitiumSimulator({ serverDomain: 'technitium-tertiary-0', zones: replicaZones(), apiTokens: [TOKEN] }),
  ];
  sims.forEach((s, i) => c.arrange(s, i === 0 ? 'primary' : 'replica'));
  for (const s of sims) await s.start();
  const tick = setInterval(() => {
    for (const s of sims) s.clockMs += 1000; // the simulated clocks run in real time
  }, 1000);
  process.on('message', (m: string) => {
    if (m === 'stats') {
      process.send!({ stats: { bytesSent: sims.reduce((n, s) => n + s.hostileBytesSent, 0), apiCalls: sims.reduce((n, s) => n + s.apiCalls, 0) } satisfies UpstreamStats });
    } else if (m === 'stop') {
      clearInterval(tick);
      void Promise.all(sims.map((s) => s.stop())).then(() => process.exit(0));
    }
  });
  process.send!({ urls: sims.map((s) => s.url) });
}

function startUpstream(caseName: string): Promise<{ proc: ChildProcess; urls: string[]; stats: () => Promise<UpstreamStats> }> {
  const proc = fork(fileURLToPath(import.meta.url), ['--upstream', caseName], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const stats = (): Promise<UpstreamStats> =>
    new Promise((resolve) => {
      const on = (m: { stats?: UpstreamStats }): void => {
        if (!m.stats) return;
        proc.off('message', on);
        resolve(m.stats);
      };
      proc.on('message', on);
      proc.send('stats');
    });
  return new Promise((resolve, reject) => {
    proc.once('error', reject);
    proc.once('exit', (code) => reject(new Error(`upstream exited (${code})`)));
    const on = (m: { urls?: string[] }): void => {
      if (!m.urls) return;
      proc.off('message', on);
      resolve({ proc, urls: m.urls, stats });
    };
    proc.on('message', on);
  });
}

async function runCase(exporterFile: string, c: Case): Promise<Record<string, unknown>> {
  const up = await startUpstream(c.name);
  const [primary, secondary, tertiary] = up.urls;
  const port = await freePort();
  let stderr = '';
  const child = spawn(
    process.execPath,
    [
      exporterFile,
      `--listen-address=127.0.0.1:${port}`,
      `--interval=${INTERVAL}`,
      '--timeout=5s',
      '--log-format=plain',
      ...(process.env.BENCH_EXPORTER_ARGS ?? '').split(/\s+/).filter(Boolean),
    ],
    {
      env: {
        PATH: process.env.PATH ?? '',
        TECHNITIUM_TOKEN: TOKEN,
        TECHNITIUM_INSTANCES: `primary=primary=${primary},secondary=replica=${secondary},tertiary=replica=${tertiary}`,
      },
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
  child.stderr!.on('data', (d: Buffer) => {
    stderr = (stderr + d.toString()).slice(-20_000);
  });
  const base = `http://127.0.0.1:${port}`;
  try {
    await waitFor(async () => (await fetch(`${base}/readyz`)).status === 200, 60_000, `exporter ready (${c.name})`);
    const lat = (await scrapePhase(`${base}/metrics`, SCRAPERS, SECONDS)).sort((a, b) => a - b);
    const alive = child.exitCode === null && (await fetch(`${base}/healthz`)).status === 200;
    const hwm = procStatus(child.pid!, 'VmHWM');
    const text = await (await fetch(`${base}/metrics`)).text();
    const samples = parseMetrics(text);
    const errors: Record<string, number> = {};
    for (const s of samples.filter((x) => x.name === 'technitium_exporter_poll_errors_total' && x.value > 0)) errors[s.labels.reason!] = (errors[s.labels.reason!] ?? 0) + s.value;
    const ups = samples.filter((x) => x.name === 'technitium_up').map((x) => x.value);
    const truncated = samples.filter((x) => x.name === 'technitium_exporter_zone_list_truncated' && x.value === 1).length;
    const { bytesSent, apiCalls } = await up.stats();
    const f = (n: number) => Number(n.toFixed(2));
    return {
      case: c.name,
      alive,
      peakRssMB: f(hwm),
      p50ms: f(percentile(lat, 50)),
      p99ms: f(percentile(lat, 99)),
      maxms: f(lat[lat.length - 1]!),
      scrapes: lat.length,
      metricsBytes: text.length,
      series: samples.length,
      up: ups.join(','),
      pollErrors: errors,
      instancesTruncated: truncated,
      apiCalls,
      upstreamBytesSentPerCall: apiCalls ? Math.round(bytesSent / apiCalls) : 0,
      ok: alive && hwm < RSS_TARGET_MB && percentile(lat, 99) < P99_TARGET_MS,
    };
  } catch (err) {
    return { case: c.name, alive: false, ok: false, error: (err as Error).message, stderr: stderr.slice(-2000) };
  } finally {
    child.kill('SIGTERM');
    await Promise.race([exited(child), new Promise((r) => setTimeout(r, 5000))]);
    if (child.exitCode === null) child.kill('SIGKILL');
    up.proc.removeAllListeners('exit');
    up.proc.send('stop');
    await Promise.race([exited(up.proc), new Promise((r) => setTimeout(r, 5000))]);
    if (up.proc.exitCode === null) up.proc.kill('SIGKILL');
  }
}

async function main(): Promise<void> {
  let out: string | undefined;
  let exporterFile = process.env.BENCH_EXPORTER;
  if (!exporterFile) {
    out = mkdtempSync(join(tmpdir(), 'exporter-hostile-bench-'));
    const build = spawnSync('sh', [join(repoRoot, 'exporters/build.sh'), out], { encoding: 'utf8' });
    if (build.status !== 0) throw new Error(`build failed: ${build.stderr}`);
    exporterFile = join(out, 'technitium-exporter.mjs');
  }
  const only = process.env.BENCH_CASES?.split(';').map((x) => x.trim());
  const results: Record<string, unknown>[] = [];
  try {
    for (const c of cases.filter((x) => !only || only.includes(x.name))) {
      const r = await runCase(exporterFile, c);
      results.push(r);
      console.log(JSON.stringify(r));
    }
  } finally {
    if (out) rmSync(out, { recursive: true, force: true });
  }
  console.log(`\n| case | peak RSS MB | p50 ms | p99 ms | max ms | alive | poll errors | series | upstream bytes sent per call |`);
  console.log(`|---|---|---|---|---|---|---|---|---|`);
  for (const r of results) {
    console.log(`| ${r.case} | ${r.peakRssMB} | ${r.p50ms} | ${r.p99ms} | ${r.maxms} | ${r.alive} | ${JSON.stringify(r.pollErrors ?? r.error)} | ${r.series} | ${r.upstreamBytesSentPerCall} |`);
  }
  const ok = results.every((r) => r.ok);
  console.log(ok ? `\ntargets met in every case: peak RSS < ${RSS_TARGET_MB} MB, p99 < ${P99_TARGET_MS} ms, alive` : `\nTARGETS MISSED (peak RSS < ${RSS_TARGET_MB} MB, p99 < ${P99_TARGET_MS} ms, alive)`);
  process.exitCode = ok ? 0 : 1;
}

if (process.argv[2] === '--upstream') await upstream(process.argv[3]!);
else await main();
