// `npm run bench:rules-test`: wall time of the whole rule-test suite (`npx vitest run rules-test`, a new
// process each run) in container mode and in local-binary mode, median of 3 each (BENCH_RUNS to change).
// Targets: container < 10 s, local < 5 s. Exits 1 when a run fails; prints the figures either way.
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';

const repo = resolve(import.meta.dirname, '..');
const runs = Number(process.env.BENCH_RUNS ?? 3);
const modes = [
  { mode: 'container', targetMs: 10_000 },
  { mode: 'local', targetMs: 5_000 },
] as const;

let failed = false;
for (const { mode, targetMs } of modes) {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    const r = spawnSync('npx', ['vitest', 'run', 'rules-test'], {
      cwd: repo,
      encoding: 'utf8',
      env: { ...process.env, PROMTOOL_MODE: mode, NO_COLOR: '1' },
    });
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    if (r.status !== 0) {
      console.error(`bench:rules-test: ${mode} run ${i + 1} failed\n${r.stdout}\n${r.stderr}`);
      failed = true;
    }
    times.push(ms);
  }
  const sorted = [...times].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)]!;
  const verdict = median < targetMs ? 'within' : 'OVER';
  console.log(
    `bench:rules-test: ${mode.padEnd(9)} npx vitest run rules-test, ${runs} runs: median ${(median / 1000).toFixed(2)} s ` +
      `(min ${(sorted[0]! / 1000).toFixed(2)} s, max ${(sorted[sorted.length - 1]! / 1000).toFixed(2)} s) — ${verdict} the ${targetMs / 1000} s target`,
  );
}
if (failed) process.exitCode = 1;
