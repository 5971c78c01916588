// Time-to-detect for the incident replays, measured by promtool itself (two runs side by side for all scenarios).
//
// Method: each scenario is one promtool test file per rule set (ours, legacy), holding the scenario's series.
// promtool evaluates the rules every evaluation interval (1m, as the cluster) from 0 to the end of the
// replay and writes ALERTS series as Prometheus does; after the last evaluation its promql_expr_tests run
// over that history. For each watched alert we ask
//   min(min_over_time(timestamp(ALERTS{alertname="X", alertstate="firing"})[<all>:1m])) or vector(-1)
// (the first evaluation at which X was firing, -1 when never) and
//   count(ALERTS{alertname="X", alertstate="firing"}) or vector(0)     (still firing at the end?)
// and expect the impossible value -2: promtool then prints what it actually got ("got: {} 7.2E+03"),
// which is read back here. The value is promtool's evaluation, not ours; resolution is one evaluation (1m).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { legacyRules, ourRules, RuleTestSuite, seconds, type RuleSet } from '../builder.ts';
import { globalDefaults } from '../../core/config.ts';
import { runPromtoolTests, type PromtoolRun } from '../../testing/promtool.ts';
import { scenarios as allScenarios, type Scenario } from './scenarios.ts';

export interface AlertOutcome {
  readonly alert: string;
  /** Seconds from the incident's start to the first firing evaluation; undefined = never fired. */
  readonly detectedAfter: number | undefined;
  readonly firingAtEnd: boolean;
  /** Seconds from the incident's start to the last firing evaluation; undefined = never fired. */
  readonly lastFiringAfter: number | undefined;
  /** Evaluations at which it was firing before the incident began (false alarms). */
  readonly firingBefore: number;
}

export interface ReplayResult {
  readonly scenario: Scenario;
  readonly ours: readonly AlertOutcome[];
  readonly legacy: readonly AlertOutcome[];
}

const sentinel = -2;
/** First firing evaluation in [start, end] (the window reaches 30s before the start: no edge on an evaluation). */
const firstFiringExpr = (alert: string, s: Scenario) =>
  `min(min_over_time(timestamp(ALERTS{alertname="${alert}", alertstate="firing"})[${seconds(s.end) - seconds(s.start) + 30}s:${s.evaluationInterval ?? '1m'}])) or vector(-1)`;
/** Last firing evaluation in [start, end], -1 when never. */
const lastFiringExpr = (alert: string, s: Scenario) =>
  `max(max_over_time(timestamp(ALERTS{alertname="${alert}", alertstate="firing"})[${seconds(s.end) - seconds(s.start) + 30}s:${s.evaluationInterval ?? '1m'}])) or vector(-1)`;
/** Firing evaluations before the incident (a false alarm during the replay's warm-up). */
const firingBeforeExpr = (alert: string, s: Scenario) =>
  `sum(count_over_time(ALERTS{alertname="${alert}", alertstate="firing"}[${seconds(s.start)}s])) or vector(0)`;
const beforeStart = (s: Scenario) => `${seconds(s.start) - 60}s` as Duration;
const firingNowExpr = (alert: string) => `count(ALERTS{alertname="${alert}", alertstate="firing"}) or vector(0)`;
type Duration = Scenario['end'];

export async function replay(scenarios: readonly Scenario[] = allScenarios): Promise<{ results: ReplayResult[]; run: PromtoolRun }> {
  // One suite per evaluation interval (promtool takes it per test file); every file runs in the same promtool call.
  const suites = new Map<string, RuleTestSuite>();
  const suiteFor = (s: Scenario) => {
    const every = s.evaluationInterval ?? globalDefaults.evaluationInterval;
    if (!suites.has(every)) suites.set(every, new RuleTestSuite(every === globalDefaults.evaluationInterval ? 'scenarios' : `scenarios-every-${every}`, { ...globalDefaults, evaluationInterval: every }));
    return suites.get(every)!;
  };
  const ours = ourRules();
  // Each scenario loads only the legacy rules it watches (promtool evaluates every loaded rule at every step: a
  // week-long replay with all of them is slow), one rule set per distinct list.
  const legacySets = new Map<string, RuleSet>();
  const legacyFor = (s: Scenario) => {
    const names = [...new Set(s.legacy.watch)].sort();
    const key = names.join(' ');
    if (!legacySets.has(key)) legacySets.set(key, legacyRules(names));
    return legacySets.get(key)!;
  };
  const cases = scenarios.map((s) => ({
    s,
    ours: measure(suiteFor(s), s, 'ours', ours, s.ours.input, s.ours.watch),
    legacy: measure(suiteFor(s), s, 'legacy', legacyFor(s), s.legacy.input, s.legacy.watch),
  }));

  const dir = mkdtempSync(join(tmpdir(), 'rules-test-scenarios-'));
  try {
    // Two promtool runs side by side (the replays are CPU-bound, the machines have two cores or more): the suites
    // alternate between them, so the two long Authentik replays (2m and 10m suites) land in different runs.
    const batches: string[][] = [[], []];
    [...suites.values()].forEach((suite, i) => batches[i % 2]!.push(...suite.write(dir)));
    const runs = await Promise.all(batches.filter((b) => b.length).map((b) => runPromtoolTests(dir, b)));
    const files = new Map(runs.flatMap((r) => [...r.files]));
    const run: PromtoolRun = { ...runs[0]!.run, exitCode: Math.max(...runs.map((r) => r.run.exitCode)), stdout: runs.map((r) => r.run.stdout).join(''), stderr: runs.map((r) => r.run.stderr).join(''), wallMs: Math.max(...runs.map((r) => r.run.wallMs)) };
    const read = (file: string, s: Scenario, watch: readonly string[]): AlertOutcome[] => {
      const got = gotValues(files.get(file)?.message ?? '');
      const value = (expr: string) => {
        const v = got.get(expr);
        if (v === undefined) throw new Error(`scenario ${s.id}: promtool printed no value for ${expr}\n${files.get(file)?.message}`);
        return v;
      };
      return watch.map((alert) => {
        const first = value(firstFiringExpr(alert, s));
        return {
          alert,
          detectedAfter: first < 0 ? undefined : first - seconds(s.start),
          firingAtEnd: value(firingNowExpr(alert)) > 0,
          lastFiringAfter: first < 0 ? undefined : value(lastFiringExpr(alert, s)) - seconds(s.start),
          firingBefore: seconds(s.start) > 0 ? value(firingBeforeExpr(alert, s)) : 0,
        };
      });
    };
    const results = cases.map((c) => ({ scenario: c.s, ours: read(c.ours, c.s, c.s.ours.watch), legacy: read(c.legacy, c.s, c.s.legacy.watch) }));
    return { results, run };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function measure(suite: RuleTestSuite, s: Scenario, which: string, rules: RuleSet, input: Scenario['ours']['input'], watch: readonly string[]): string {
  const c = suite.case(`${s.id} (${which} rules)`, rules, { input });
  for (const alert of watch) {
    c.uses(alert);
    c.expectPromql(firstFiringExpr(alert, s), s.end, [{ value: sentinel }]);
    c.expectPromql(firingNowExpr(alert), s.end, [{ value: sentinel }]);
    c.expectPromql(lastFiringExpr(alert, s), s.end, [{ value: sentinel }]);
    // A scenario that begins with its incident (start 0) has no "before".
    if (seconds(s.start) > 0) c.expectPromql(firingBeforeExpr(alert, s), beforeStart(s), [{ value: sentinel }]);
  }
  return c.file;
}

/** expr -> the single value promtool got for it, from its `expr: "…", time: …\n exp: …\n got: {} <v>` blocks. */
export function gotValues(message: string): Map<string, number> {
  const out = new Map<string, number>();
  const re = /expr: ("(?:[^"\\]|\\.)*"), time: [^\n]*\n\s*exp: [^\n]*\n\s*got: \{\} (\S+)\s*$/gm;
  for (const m of message.matchAll(re)) {
    const v = Number(m[2]);
    if (Number.isFinite(v)) out.set(JSON.parse(m[1]!) as string, v);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------
// Presentation

export function formatAfter(o: AlertOutcome | undefined): string {
  return o?.detectedAfter === undefined ? 'never' : minutes(o.detectedAfter);
}

function minutes(sec: number): string {
  const m = Math.round(sec / 60);
  return m >= 60 ? `${Math.floor(m / 60)}h${String(m % 60).padStart(2, '0')}m` : `${m}m`;
}

/** The earliest detection among a rule set's watched alerts. */
export function firstDetection(outcomes: readonly AlertOutcome[]): AlertOutcome | undefined {
  return outcomes
    .filter((o) => o.detectedAfter !== undefined)
    .sort((a, b) => a.detectedAfter! - b.detectedAfter!)[0];
}

const describeOutcome = (s: Scenario) => (o: AlertOutcome) =>
  `${o.alert}: ${formatAfter(o)}` +
  (leadBeforeDamage(s, o) !== undefined ? ` (${relative(leadBeforeDamage(s, o)!)} the damage)` : '') +
  (o.detectedAfter !== undefined ? (o.firingAtEnd ? ' (still firing at the end)' : ` (last firing at +${minutes(o.lastFiringAfter ?? 0)})`) : '') +
  (o.firingBefore > 0 ? `; also fired for ${o.firingBefore} evaluation(s) before the incident (false alarm)` : '');

/** `2h05m before` / `12m after`. */
const relative = (leadSeconds: number) => (leadSeconds >= 0 ? `${minutes(leadSeconds)} before` : `${minutes(-leadSeconds)} after`);

/** Seconds before the scenario's damage (e.g. the volume full) at which an outcome first fired; undefined: never, or no damage. */
export function leadBeforeDamage(s: Scenario, o: AlertOutcome | undefined): number | undefined {
  if (!s.damage || o?.detectedAfter === undefined) return undefined;
  return seconds(s.damage.at) - seconds(s.start) - o.detectedAfter;
}

export function table(results: readonly ReplayResult[]): string {
  const cell = (r: ReplayResult, o: AlertOutcome | undefined) => {
    if (r.scenario.kind === 'healthy') return o ? `fired: ${formatAfter(o)} (${o.alert})` : 'nothing fired (as it should)';
    const lead = leadBeforeDamage(r.scenario, o);
    return o ? `${formatAfter(o)} (${o.alert})${lead !== undefined ? `, ${relative(lead)} ${r.scenario.damage!.what.split(' (')[0]}` : ''}` : 'never';
  };
  const rows = results.map((r) => `| ${r.scenario.title} | ${cell(r, firstDetection(r.ours))} | ${cell(r, firstDetection(r.legacy))} |`);
  return ['| incident | ours: time to detect | legacy: time to detect |', '|---|---|---|', ...rows].join('\n');
}

export function markdown(results: readonly ReplayResult[]): string {
  const sections = results.map((r) =>
    [
      `### ${r.scenario.title} (\`${r.scenario.id}\`)`,
      '',
      r.scenario.story,
      r.scenario.kind === 'healthy'
        ? `A healthy stretch of ${r.scenario.end}: no alert may fire.${r.scenario.evaluationInterval ? ` Rules evaluated every ${r.scenario.evaluationInterval}.` : ''}`
        : `Incident starts at ${r.scenario.start} into the replay; the replay runs ${r.scenario.end}.` +
          (r.scenario.damage ? ` Damage at ${minutes(seconds(r.scenario.damage.at))}: ${r.scenario.damage.what}.` : '') +
          (r.scenario.evaluationInterval ? ` Rules evaluated every ${r.scenario.evaluationInterval}.` : ''),
      '',
      `- ours: ${r.ours.map(describeOutcome(r.scenario)).join('; ')}`,
      `- legacy: ${r.legacy.map(describeOutcome(r.scenario)).join('; ')}`,
      `- the legacy rules see ${r.scenario.legacy.sees}`,
      '',
    ].join('\n'),
  );
  return [
    '<!-- Generated by `npm run scenarios` (rules-test/scenarios/run.ts). Do not edit. -->',
    '# Incident replays',
    '',
    'Each incident is replayed as Prometheus series through `promtool test rules`, once against this package\'s',
    'rules and once against the legacy rules (read from `rules-test/legacy/alerting-rules.yaml`), each fed',
    'what its own producers would have exported in that incident (rules-test/scenarios/scenarios.ts).',
    'Time to detect is from the start of the incident to the first evaluation (every 1m unless a replay says otherwise) at which an alert is',
    'firing, `for` included; promtool computes it from the ALERTS series it writes (rules-test/scenarios/replay.ts).',
    'Where an incident has a moment of damage (a volume full), the time from each first alert to it is given too.',
    'A healthy replay is normal behaviour that must fire nothing, in either rule set.',
    '',
    table(results),
    '',
    '## Per alert',
    '',
    ...sections,
  ].join('\n');
}
