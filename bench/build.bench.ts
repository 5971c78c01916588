// `npm run bench:build`: wall time of a cold `npm run build` process (a new process each run, so npm, module
// loading and the bundle's start-up count; the bundle itself is cached, as after any first build), median of
// BENCH_RUNS (5), with min and max. Output goes to a temp dir, removed after each run.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const repo = resolve(import.meta.dirname, '..');
const runs = Number(process.env.BENCH_RUNS ?? 5);
const times: number[] = [];
for (let i = 0; i < runs; i++) {
  const out = mkdtempSync(join(tmpdir(), 'bench-build-'));
  const start = process.hrtime.bigint();
  const r = spawnSync('npm', ['run', '-s', 'build', '--', '--out', out], { cwd: repo, encoding: 'utf8' });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  rmSync(out, { recursive: true, force: true });
  if (r.status !== 0) {
    console.error(r.stdout, r.stderr);
    process.exit(1);
  }
  times.push(ms);
}
const sorted = [...times].sort((a, b) => a - b);
const median = sorted[Math.floor(sorted.length / 2)]!;
console.log(`bench:build: cold npm run build, ${runs} runs: median ${median.toFixed(0)} ms (min ${sorted[0]!.toFixed(0)} ms, max ${sorted[sorted.length - 1]!.toFixed(0)} ms)`);
console.log(`runs: ${times.map((t) => t.toFixed(0)).join(', ')} ms`);
