// `npm run test:mutation`: the mutation gate. Every alert of the package is mutated (mutants.ts); each mutant
// runs against the rule-test cases that check that alert, and at least one of them must fail. A mutant no
// case kills is reported with its alert and change, unless it is listed, with its reason, in equivalent.ts.
// All mutants run in a few promtool invocations (one per batch, batches concurrently).
//
// Each (mutant, case) pair is one promtool test file holding only that case's checks of the mutated alert,
// loading a rule file with only the mutated alert. The same is done once with the alert unchanged (the
// control): it must pass, or the stripping itself broke the case and the run stops.
import { availableParallelism } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { stringify } from 'yaml';
import { prometheusRuleFile } from '../../core/emit/prometheus.ts';
import type { AlertRule } from '../../core/rules.ts';
import { packageInput, packageRuleGroups } from '../../domains.ts';
import { runPromtoolTests } from '../../testing/promtool.ts';
import { removeTempDirs, tempDir } from '../../testing/tmp.ts';
import { mkdirSync, writeFileSync } from 'node:fs';
import type { RuleTestCase } from '../builder.ts';
import { discoverSuites } from '../harness.ts';
import { equivalents } from './equivalent.ts';
import { mutantsOf, type Mutant } from './mutants.ts';

interface Job {
  readonly mutant: Mutant | undefined; // undefined: the control run of the unchanged alert
  readonly alert: string;
  readonly caseName: string;
  readonly file: string;
}

const started = Date.now();
const input = packageInput();
const alerts = packageRuleGroups(input).flatMap((g) => g.rules.filter((r): r is AlertRule => r.kind === 'alert'));
const suites = await discoverSuites();
const cases = suites.flatMap((s) => s.cases).filter((c) => c.rules.origin === 'ours');

/** The case's checks that concern `alert`, or undefined when it has none. */
function checksOf(c: RuleTestCase, alert: string) {
  const alertTests = c.alertTests.filter((t) => t.alertname === alert);
  const promqlTests = c.promqlTests.filter((t) => String(t.expr).includes(`alertname="${alert}"`));
  return alertTests.length + promqlTests.length ? { alertTests, promqlTests } : undefined;
}

const dir = tempDir('mutation-');
const jobs: Job[] = [];
const write = (rel: string, content: string) => {
  mkdirSync(dirname(join(dir, rel)), { recursive: true });
  writeFileSync(join(dir, rel), content);
};

for (const rule of alerts) {
  const relevant = cases.map((c) => ({ c, checks: checksOf(c, rule.alert) })).filter((x) => x.checks);
  if (relevant.length === 0) continue; // the coverage gate reports an alert without cases
  const variants: (Mutant | undefined)[] = [undefined, ...mutantsOf(rule)];
  variants.forEach((m, vi) => {
    const mutated = {
      ...rule,
      expr: m?.expr ?? rule.expr,
      ...(m?.for !== undefined ? { for: m.for } : {}),
      ...(m?.labels ? { labels: m.labels } : {}),
      ...(m?.annotations ? { annotations: m.annotations } : {}),
    } as AlertRule;
    const ruleFile = `rules/${rule.alert}/${vi}.yml`;
    write(ruleFile, prometheusRuleFile([{ name: 'mutant', rules: [mutated], origin: rule.origin }]));
    relevant.forEach(({ c, checks }, ci) => {
      const file = `tests/${rule.alert}/${vi}-${ci}.yml`;
      const test: Record<string, unknown> = { name: `${rule.alert} ${m ? m.change : 'control'}: ${c.name}`, interval: c.interval, input_series: c.options.input };
      if (checks!.alertTests.length) test.alert_rule_test = checks!.alertTests;
      if (checks!.promqlTests.length) test.promql_expr_test = checks!.promqlTests;
      write(file, stringify({ rule_files: [relative(dirname(join(dir, file)), join(dir, ruleFile))], evaluation_interval: input.global.evaluationInterval, tests: [test] }, { lineWidth: 0 }));
      jobs.push({ mutant: m, alert: rule.alert, caseName: c.name, file });
    });
  });
}

// Batches run concurrently, one promtool process (container) each.
const batches = Math.max(1, Math.min(availableParallelism(), 4));
const results = new Map<string, boolean>();
await Promise.all(
  Array.from({ length: batches }, async (_, b) => {
    const mine = jobs.filter((_, i) => i % batches === b).map((j) => j.file);
    if (mine.length === 0) return;
    const r = await runPromtoolTests(dir, mine);
    for (const [f, res] of r.files) results.set(f, res.ok);
  }),
);

const failedControls = jobs.filter((j) => !j.mutant && results.get(j.file) !== true);
if (failedControls.length) {
  console.error(`mutation: the unchanged alert fails its own stripped cases (a harness error):\n${failedControls.map((j) => `  ${j.alert}: ${j.caseName}`).join('\n')}`);
  removeTempDirs();
  process.exit(2);
}

const mutants = [...new Set(jobs.filter((j) => j.mutant).map((j) => j.mutant!))];
const killed = new Set(jobs.filter((j) => j.mutant && results.get(j.file) === false).map((j) => j.mutant!));
const key = (m: { alert: string; change: string }) => `${m.alert}: ${m.change}`;
const listed = new Map(equivalents.map((e) => [key(e), e]));
const survivors = mutants.filter((m) => !killed.has(m));
const unexplained = survivors.filter((m) => !listed.has(key(m)));
const stale = equivalents.filter((e) => !survivors.some((m) => key(m) === key(e)));
removeTempDirs();

const wall = ((Date.now() - started) / 1000).toFixed(1);
console.log(`mutation: ${mutants.length} mutants of ${alerts.length} alerts, ${killed.size} killed, ${survivors.length - unexplained.length} listed as equivalent, ${unexplained.length} survived; ${jobs.length} promtool test files in ${batches} runs; ${wall} s`);
for (const m of unexplained) console.log(`  SURVIVED ${key(m)}  (no case fails: add one that does, or list it in rules-test/mutation/equivalent.ts with the reason)`);
for (const e of stale) console.log(`  STALE ${key(e)}  (listed as equivalent, but it is now killed or no longer made: remove it from equivalent.ts)`);
process.exit(unexplained.length || stale.length ? 1 : 0);
