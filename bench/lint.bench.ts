// `npm run bench:lint`: wall time of a cold lint process, as `npm run lint` starts it (node
// cli/homelab-observability.mjs lint: a new process each run, so module loading and reading the inventories
// count), median of 5 with min and max, for
//   (a) the package's generated rules plus the legacy rule file, with the cluster's scrape configs, and
//   (b) a synthetic rule file of 1,000 rules over the inventories' metrics (alerts and recording rules), the same scrape configs.
// Target: under 1 s each. The launcher's bundle is built once before the runs (that first start is shown apart).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { stringify } from 'yaml';
import { builtinInventories } from '../lint/inventory.ts';

const repo = resolve(import.meta.dirname, '..');
const runs = Number(process.env.BENCH_RUNS ?? 5);
const scrape = ['--scrape-config', 'cluster/scrape-configs.yml', '--scrape-config', 'cluster/extra-scrape-configs.yml'];

/** 1,000 rules: each reads one inventory metric the way rules usually do (rate of a counter, a gauge threshold, a histogram quantile), every tenth a recording rule another rule reads. */
function syntheticRules(): string {
  const metrics = builtinInventories().filter((i) => !i.fragment).flatMap((i) => i.metrics.filter((m) => m.pattern === undefined).map((m) => ({ ...m, producer: i.producer })));
  const rules: Record<string, unknown>[] = [];
  for (let i = 0; rules.length < 1000; i++) {
    const m = metrics[(i * 7919) % metrics.length]!;
    const by = m.labels.slice(0, 2).map((l) => l.name).join(', ');
    const expr =
      m.type === 'counter' ? `sum by (${by || 'job'}) (rate(${m.name}[5m])) > ${i % 10}`
      : m.type === 'histogram' ? `histogram_quantile(0.99, sum by (le${by ? `, ${by}` : ''}) (rate(${m.name}_bucket[5m]))) > 1`
      : m.type === 'summary' ? `rate(${m.name}_count[5m]) > 0`
      : `${m.name}${m.labels[0] ? `{${m.labels[0].name}!=""}` : ''} > ${i}`;
    if (i % 10 === 9) {
      rules.push({ record: `job:synthetic_${i}:sum`, expr: `sum by (job) (${m.type === 'counter' ? `rate(${m.name}[5m])` : m.name})` });
      rules.push({ alert: `SyntheticRecorded${i}`, expr: `job:synthetic_${i}:sum > 1`, for: '5m', labels: { severity: 'warning' }, annotations: { summary: `{{ $labels.job }} at {{ $value }}` } });
    } else {
      rules.push({ alert: `Synthetic${i}`, expr, for: '5m', labels: { severity: 'warning' }, annotations: { summary: `${m.producer}: ${m.name} is {{ $value }}` } });
    }
  }
  return stringify({ groups: Array.from({ length: 20 }, (_, g) => ({ name: `synthetic-${g}`, rules: rules.slice(g * 50, g * 50 + 50) })) });
}

// GNU time, when the machine has it, also gives the CPU the process used: on a shared machine wall time says as
// much about the neighbours as about the linter.
const gnuTime = existsSync('/usr/bin/time') && spawnSync('/usr/bin/time', ['-f', '%U %S', 'true']).status === 0;
function lintProcess(args: string[]): { status: number | null; stdout: string; stderr: string; cpuMs?: number } {
  const command = [process.execPath, 'cli/homelab-observability.mjs', 'lint', ...args];
  const r = gnuTime
    ? spawnSync('/usr/bin/time', ['-f', 'cpu %U %S', ...command], { cwd: repo, encoding: 'utf8' })
    : spawnSync(command[0]!, command.slice(1), { cwd: repo, encoding: 'utf8' });
  const cpu = /cpu ([\d.]+) ([\d.]+)\s*$/.exec(r.stderr);
  return { status: r.status, stdout: r.stdout, stderr: r.stderr, ...(cpu ? { cpuMs: (Number(cpu[1]) + Number(cpu[2])) * 1000 } : {}) };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

function bench(label: string, args: string[]): void {
  const times: number[] = [];
  const cpu: number[] = [];
  let out = '';
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    const r = lintProcess(args);
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
    if (r.cpuMs !== undefined) cpu.push(r.cpuMs);
    if (r.status === 2 || r.status === null) {
      console.error(r.stdout, r.stderr);
      process.exit(1);
    }
    out = r.stdout.trim().split('\n').pop()!;
  }
  const sorted = [...times].sort((a, b) => a - b);
  console.log(`bench:lint ${label}: cold process, ${runs} runs: median ${median(times).toFixed(0)} ms (min ${sorted[0]!.toFixed(0)} ms, max ${sorted[sorted.length - 1]!.toFixed(0)} ms)${cpu.length ? `, CPU (user+sys) median ${median(cpu).toFixed(0)} ms` : ''}; ${out}`);
}

const dir = mkdtempSync(join(tmpdir(), 'bench-lint-'));
try {
  // the first start after a change builds the bundle: timed once, not counted
  rmSync(resolve(repo, 'node_modules/.cache/homelab-observability'), { recursive: true, force: true });
  const first = process.hrtime.bigint();
  lintProcess(['generated/prometheus/alerting_rules.yml']);
  console.log(`bench:lint first start (builds node_modules/.cache/homelab-observability/lint.mjs): ${(Number(process.hrtime.bigint() - first) / 1e6).toFixed(0)} ms`);
  const synthetic = join(dir, 'synthetic-rules.yml');
  writeFileSync(synthetic, syntheticRules());
  bench('(a) package rules + legacy, cluster scrape config', [...scrape, 'generated/prometheus/alerting_rules.yml', 'rules-test/legacy/alerting-rules.yaml']);
  bench('(b) 1,000 synthetic rules, cluster scrape config', [...scrape, synthetic]);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
