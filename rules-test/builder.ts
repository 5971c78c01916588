// Typed builder for promtool rule unit tests. A suite holds cases; each case is ONE promtool test file
// with ONE named test group, so a failure maps to exactly one vitest test (runner.ts pairs promtool's
// output with files). The builder records which alert each check covers and whether it is a "fires" or a
// "quiet" check: the coverage gate (rules.test.ts) reads that record, for the cases that ran and passed.
//
// Conventions (README.md): input series arrive every scrape interval (2m), rules are evaluated every
// evaluation interval (1m), and at an asserted eval_time no range window starts exactly on an input
// sample (Prometheus 3.0 made ranges left-open); checkTime() enforces it.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { parse as parseYaml, stringify } from 'yaml';
import { globalDefaults, type GlobalConfig } from '../core/config.ts';
import { seconds, type Duration } from '../core/duration.ts';
import { prometheusRuleFile } from '../core/emit/prometheus.ts';
import { repoRoot } from '../core/paths.ts';
import { rangeWindows } from '../core/promql.ts';
import { runbookUrl, type AlertRule, type RuleGroup, type Severity } from '../core/rules.ts';
import { alertPanelUrls } from '../core/grafana/links.ts';
import { assemble } from '../core/pipeline.ts';
import { packageInput, packageRuleGroups } from '../domains.ts';

export { repoRoot } from '../core/paths.ts';
export { seconds } from '../core/duration.ts';

// ---------------------------------------------------------------------------------------------------------
// Rule sets: what a case is tested against

export interface RuleSet {
  /** Short id, also the folder of its rule files in the suite directory. */
  readonly id: string;
  /** 'ours' counts towards the coverage gate; 'legacy' rules are run only for comparison. */
  readonly origin: 'ours' | 'legacy';
  /** Plain `groups:` rule files, one per rule group: file name -> contents. */
  readonly files: ReadonlyMap<string, string>;
  readonly alerts: ReadonlyMap<string, AlertRuleLike>;
  /** The file holding each alert's group. */
  readonly fileOf: ReadonlyMap<string, string>;
  /** Files every case loads: groups with recording rules, which other groups may read. */
  readonly always: readonly string[];
}

/** What the builder needs of an alert: its name, labels and (static) annotations. */
export interface AlertRuleLike {
  readonly alert: string;
  readonly expr: string;
  readonly for?: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly annotations: Readonly<Record<string, string>>;
}

/**
 * Our rules, rendered by the same emitter `npm run build` uses for generated/prometheus/alerting_rules.yml:
 * the recording rules of a group in one file, and each alert in a file of its own (in a group of its group's
 * name). A case loads only the alerts it checks (plus every recording rule), because promtool evaluates
 * every loaded rule at every step and that is most of a run's time.
 */
export function ourRules(groups: readonly RuleGroup[] = packageRuleGroups(packageInput())): RuleSet {
  const alerts = new Map<string, AlertRule>();
  const files = new Map<string, string>();
  const fileOf = new Map<string, string>();
  const always: string[] = [];
  for (const g of groups) {
    const records = g.rules.filter((r) => r.kind === 'record');
    if (records.length) {
      const file = `${g.name}.records.yml`;
      files.set(file, prometheusRuleFile([{ ...g, rules: records }]));
      always.push(file);
    }
    for (const r of g.rules) {
      if (r.kind !== 'alert') continue;
      const file = `${g.name}.${r.alert}.yml`;
      files.set(file, prometheusRuleFile([{ ...g, rules: [r] }]));
      alerts.set(r.alert, r);
      fileOf.set(r.alert, file);
    }
  }
  return { id: 'ours', origin: 'ours', files, alerts, fileOf, always };
}

const panelUrls = new WeakMap<GlobalConfig, ReadonlyMap<string, string>>();

/** The dashboard_url the build gives an alert a panel shows (core/grafana/links.ts), from the package's dashboards. */
function dashboardUrlOf(cfg: GlobalConfig, alert: string): { dashboard_url?: string } {
  let urls = panelUrls.get(cfg);
  if (!urls) panelUrls.set(cfg, (urls = alertPanelUrls(assemble(packageInput({ global: cfg })).dashboards, cfg)));
  const url = urls.get(alert);
  return url === undefined ? {} : { dashboard_url: url };
}

export const legacyRulesPath =
  process.env.LEGACY_RULES_FILE ?? join(repoRoot, 'rules-test', 'legacy', 'alerting-rules.yaml');

/** The named rules of the cluster's current (legacy) rule file, read from it at test time, verbatim. */
export function legacyRules(names: readonly string[]): RuleSet {
  const doc = parseYaml(readFileSync(legacyRulesPath, 'utf8')) as { groups: { rules: Record<string, unknown>[] }[] };
  const all = doc.groups.flatMap((g) => g.rules);
  const picked = names.map((n) => {
    const r = all.find((x) => x.alert === n);
    if (!r) throw new Error(`${legacyRulesPath}: no legacy alert named ${n}`);
    return r;
  });
  const alerts = new Map(picked.map((r) => [r.alert as string, r as unknown as AlertRuleLike]));
  const file = 'legacy.yml';
  const content = stringify({ groups: [{ name: 'legacy', rules: picked }] }, { lineWidth: 0 });
  return { id: `legacy-${names.join('-')}`, origin: 'legacy', files: new Map([[file, content]]), alerts, fileOf: new Map(names.map((n) => [n, file])), always: [] };
}

// ---------------------------------------------------------------------------------------------------------
// Input series

export interface InputSeries {
  readonly series: string;
  readonly values: string;
}

/** One input series, e.g. `series('technitium_up', { server: 'primary' }, '1x60')`. */
export function series(metric: string, labels: Readonly<Record<string, string>>, values: string): InputSeries {
  const body = Object.entries(labels)
    .map(([k, v]) => `${k}=${JSON.stringify(v)}`)
    .join(', ');
  return { series: `${metric}{${body}}`, values };
}

function samplesIn(d: Duration, interval: Duration): number {
  const n = seconds(d) / seconds(interval);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`${d} is not a whole number of ${interval} samples`);
  return n;
}

/**
 * A gauge in promtool's expanding notation from (value, how long) steps: `gauge('2m', [1, '1h'], [0, '30m'])`
 * is 1 for 30 samples, then 0 for 15. A value of `'_'` is a gap (no sample), `'stale'` one stale marker.
 */
export function gauge(interval: Duration, ...steps: readonly [number | '_', Duration][]): string {
  return steps
    .map(([v, d]) => {
      const n = samplesIn(d, interval);
      return n === 1 ? `${v}` : `${v}x${n - 1}`;
    })
    .join(' ');
}

/**
 * A counter from (per-second rate, how long) segments, starting at `start`: `counter('2m', 0, [1, '1d'], [4, '1h'])`
 * rises 1/s for a day, then 4/s for an hour. Values are exact multiples, so rate() over any window inside a
 * segment is the segment's rate on every Prometheus version.
 */
export function counter(interval: Duration, start: number, ...segments: readonly [number, Duration][]): string {
  const step = seconds(interval);
  const parts: string[] = [`${start}`];
  let value = start;
  for (const [perSecond, d] of segments) {
    const n = samplesIn(d, interval);
    const inc = perSecond * step;
    parts.push(`${value + inc}+${inc}x${n - 1}`);
    value += inc * n;
  }
  return parts.join(' ');
}

// ---------------------------------------------------------------------------------------------------------
// Cases

export type CheckKind = 'fires' | 'quiet';

export interface CoverageEntry {
  readonly alert: string;
  /** The case's promtool file (its result decides whether the entry counts). */
  readonly file: string;
  readonly kind: CheckKind;
  readonly rules: RuleSet['origin'];
  readonly caseName: string;
  readonly at: Duration;
  /** For quiet checks: why it must stay quiet (below threshold, shorter than `for`, …). */
  readonly because?: string;
}

/** One alert instance expected to be firing. Labels beyond alertname and the rule's own labels are given here. */
export interface Firing {
  /** Labels the expression's result carries (the rule's static labels such as severity are added). */
  readonly labels?: Readonly<Record<string, string>>;
  /**
   * The rendered description, written out as on-call will read it (promtool checks it against the real
   * rendering). Required when the rule's description is a template; a static one is taken from the rule.
   */
  readonly description?: string;
  /** The rendered summary when the template is not static (default: the rule's summary as written). */
  readonly summary?: string;
}

export interface Sample {
  readonly labels?: Readonly<Record<string, string>>;
  readonly value: number;
}

export interface CaseOptions {
  /** Interval between input samples; default: the cluster's scrape interval. */
  readonly interval?: Duration;
  readonly input: readonly InputSeries[];
}

/**
 * What on-call must receive for an alert, written in the case file and never read from the rule: a changed
 * severity or summary in the rule then fails its cases.
 */
export interface AlertExpectation {
  readonly severity: Severity;
  /** The summary when it is static; a templated one is written out, rendered, in each fires(). */
  readonly summary?: string;
}

export class RuleTestCase {
  readonly alertTests: Record<string, unknown>[] = [];
  readonly promqlTests: Record<string, unknown>[] = [];
  readonly coverage: CoverageEntry[] = [];
  readonly interval: Duration;
  private readonly used = new Set<string>();

  constructor(
    readonly suite: RuleTestSuite,
    readonly name: string,
    readonly file: string,
    readonly rules: RuleSet,
    readonly options: CaseOptions,
  ) {
    this.interval = options.interval ?? suite.cfg.scrapeInterval;
    if (options.input.length === 0) throw new Error(`case "${name}": no input series`);
  }

  /** Expects exactly these instances of `alert` to be firing at `at`, labels and annotations included. */
  fires(alert: string, at: Duration, ...firing: readonly Firing[]): this {
    if (firing.length === 0) throw new Error(`case "${this.name}": fires(${alert}) needs at least one instance`);
    const rule = this.rule(alert);
    this.checkTime(at, rule.expr);
    this.alertTests.push({
      eval_time: at,
      alertname: alert,
      exp_alerts: firing.map((f) => {
        const templated = Object.entries(rule.annotations).filter(([, v]) => v.includes('{{')).map(([k]) => k);
        const given: Record<string, string | undefined> = { summary: f.summary, description: f.description };
        const missing = templated.filter((k) => given[k] === undefined);
        if (missing.length) {
          throw new Error(`case "${this.name}": ${alert}'s ${missing.join(' and ')} is a template: write the rendered text in fires()`);
        }
        if (this.rules.origin === 'legacy') {
          return { exp_labels: { ...f.labels, ...rule.labels }, exp_annotations: { ...rule.annotations, ...defined({ summary: f.summary, description: f.description }) } };
        }
        // Ours: severity and summary from the suite's expectations, the runbook link from the package config,
        // the description as written in the case (a static one is compared with the rule's text).
        const want = this.suite.expectation(alert);
        const summary = f.summary ?? want.summary;
        if (summary === undefined) throw new Error(`case "${this.name}": ${alert}'s summary is a template: write the rendered text in fires()`);
        return {
          exp_labels: { ...f.labels, severity: want.severity },
          exp_annotations: {
            summary,
            description: f.description ?? rule.annotations.description!,
            runbook_url: runbookUrl(this.suite.cfg, alert),
            ...dashboardUrlOf(this.suite.cfg, alert),
          },
        };
      }),
    });
    this.coverage.push({ alert, file: this.file, kind: 'fires', rules: this.rules.origin, caseName: this.name, at });
    return this;
  }

  /** Expects `alert` not to be firing at `at` (pending is allowed: it is not sent). */
  quiet(alert: string, at: Duration, because: string): this {
    this.checkTime(at, this.rule(alert).expr);
    this.alertTests.push({ eval_time: at, alertname: alert, exp_alerts: [] });
    this.coverage.push({ alert, file: this.file, kind: 'quiet', rules: this.rules.origin, caseName: this.name, at, because });
    return this;
  }

  /**
   * Quiet because `for` has not elapsed yet: expects no firing alert AND exactly these pending instances
   * (expression labels; default one instance without labels), which proves the expression matched and
   * only the duration holds it back.
   */
  pending(alert: string, at: Duration, ...instances: readonly Readonly<Record<string, string>>[]): this {
    const rule = this.rule(alert);
    this.quiet(alert, at, `shorter than for: ${rule.for ?? '0s'}`);
    const sets = instances.length ? instances : [{}];
    return this.expectPromql(
      `ALERTS{alertname="${alert}", alertstate="pending"}`,
      at,
      sets.map((labels) => ({ labels: { __name__: 'ALERTS', alertname: alert, alertstate: 'pending', ...labels, ...this.severityLabel(alert, rule) }, value: 1 })),
    );
  }

  /** Expects `alert` never to have been pending or firing at any evaluation up to `at`. */
  neverActive(alert: string, at: Duration, because: string): this {
    this.quiet(alert, at, because);
    // The window reaches one evaluation before the start, so its edge never sits on a sample.
    return this.expectPromql(`count_over_time(ALERTS{alertname="${alert}"}[${seconds(at) + 60}s])`, at, []);
  }

  /** A PromQL expectation (promql_expr_test): the result at `at` must be exactly these samples. */
  expectPromql(expr: string, at: Duration, samples: readonly Sample[]): this {
    this.checkTime(at, expr);
    this.promqlTests.push({
      expr,
      eval_time: at,
      exp_samples: samples.map((s) => ({ labels: labelsText(s.labels ?? {}), value: s.value })),
    });
    return this;
  }

  /** Declares that the case reads `alert` (e.g. through ALERTS in a PromQL expectation), so its group is loaded. */
  uses(alert: string): this {
    this.rule(alert);
    return this;
  }

  /** The rule files (names in the rule set) this case loads: its alerts' groups, or all when it names none. */
  ruleFiles(): string[] {
    if (this.used.size === 0) return [...this.rules.files.keys()];
    return [...new Set([...this.rules.always, ...[...this.used].map((a) => this.rules.fileOf.get(a)!)])].sort();
  }

  /** The promtool test file of this case; `ruleFiles` are paths relative to it. */
  toYaml(ruleFiles: readonly string[]): string {
    const test: Record<string, unknown> = {
      name: this.name,
      interval: this.interval,
      input_series: this.options.input.map((s) => ({ series: s.series, values: s.values })),
    };
    if (this.alertTests.length) test.alert_rule_test = this.alertTests;
    if (this.promqlTests.length) test.promql_expr_test = this.promqlTests;
    return stringify(
      { rule_files: ruleFiles, evaluation_interval: this.suite.cfg.evaluationInterval, tests: [test] },
      { lineWidth: 0 },
    );
  }

  private severityLabel(alert: string, rule: AlertRuleLike): Record<string, string> {
    return this.rules.origin === 'legacy' ? { ...rule.labels } : { severity: this.suite.expectation(alert).severity };
  }

  private rule(alert: string): AlertRuleLike {
    const r = this.rules.alerts.get(alert);
    if (!r) throw new Error(`case "${this.name}": rule set ${this.rules.id} has no alert ${alert}`);
    this.used.add(alert);
    return r;
  }

  /**
   * The window-edge rule: at an asserted evaluation, no range window of `expr` (nor of the rule) may start
   * exactly on an input sample. Prometheus 3.0 made ranges left-open ((t-r, t]), 2.x includes t-r; the
   * right edge is closed in both, so only the left edge matters.
   */
  private checkTime(at: Duration, expr?: string): void {
    const t = seconds(at);
    const step = seconds(this.interval);
    const evalStep = seconds(this.suite.cfg.evaluationInterval);
    if (t % evalStep !== 0) throw new Error(`case "${this.name}": eval time ${at} is not on an evaluation (every ${this.suite.cfg.evaluationInterval})`);
    for (const { range, offset } of windows(expr ?? '')) {
      const edge = t - offset - range;
      if (edge >= 0 && edge % step === 0) {
        throw new Error(
          `case "${this.name}": at ${at} a window of ${range}s${offset ? ` offset ${offset}s` : ''} starts exactly on an input ` +
            `sample (every ${this.interval}); move the eval time by one evaluation so Prometheus 2.x and 3.x see the same samples`,
        );
      }
    }
  }
}

/** The range windows (and their offsets) in a PromQL expression, in seconds; subquery ranges included (lezer tree). */
export function windows(expr: string): { range: number; offset: number }[] {
  if (!expr.trim()) return [];
  return rangeWindows(expr).map((w) => ({ range: seconds(w.range), offset: w.offset ? seconds(w.offset) : 0 }));
}

export class RuleTestSuite {
  readonly cases: RuleTestCase[] = [];
  private readonly names = new Set<string>();
  private readonly expectations = new Map<string, AlertExpectation>();

  constructor(
    readonly id: string,
    readonly cfg: GlobalConfig = globalDefaults,
  ) {
    if (!/^[a-z0-9-]+$/.test(id)) throw new Error(`suite id "${id}" must be lower-case kebab-case`);
  }

  /** Declares what on-call receives for each of our alerts this suite checks (severity, summary). */
  expect(table: Readonly<Record<string, AlertExpectation>>): this {
    for (const [alert, e] of Object.entries(table)) this.expectations.set(alert, e);
    return this;
  }

  expectation(alert: string): AlertExpectation {
    const e = this.expectations.get(alert);
    if (!e) throw new Error(`suite ${this.id}: no expectation for ${alert}: declare its severity and summary with suite.expect({...})`);
    return e;
  }

  /** A new case against `rules`. Its name must be unique in the suite (it names the vitest test too). */
  case(name: string, rules: RuleSet, options: CaseOptions): RuleTestCase {
    if (this.names.has(name)) throw new Error(`suite ${this.id}: two cases named "${name}"`);
    this.names.add(name);
    const file = `${this.id}/${String(this.cases.length + 1).padStart(3, '0')}.yml`;
    const c = new RuleTestCase(this, name, file, rules, options);
    this.cases.push(c);
    return c;
  }

  coverage(): CoverageEntry[] {
    return this.cases.flatMap((c) => c.coverage);
  }

  /** Writes every case (and the rule files they use) under `dir`; returns the test files, relative to `dir`. */
  write(dir: string): string[] {
    const ruleSets = new Map<string, RuleSet>();
    for (const c of this.cases) {
      if (c.alertTests.length + c.promqlTests.length === 0) throw new Error(`case "${c.name}" checks nothing`);
      const known = ruleSets.get(c.rules.id);
      if (known !== undefined && known !== c.rules) throw new Error(`two different rule sets share the id ${c.rules.id}`);
      ruleSets.set(c.rules.id, c.rules);
    }
    for (const rs of ruleSets.values()) for (const [f, content] of rs.files) writeFileIn(dir, `rules/${rs.id}/${f}`, content);
    return this.cases.map((c) => {
      const from = dirname(join(dir, c.file));
      writeFileIn(dir, c.file, c.toYaml(c.ruleFiles().map((f) => relative(from, join(dir, 'rules', c.rules.id, f)))));
      return c.file;
    });
  }
}

function writeFileIn(dir: string, rel: string, content: string): void {
  const path = join(dir, rel);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, content);
}

/** `{a="1", b="2"}` as promtool's exp_samples wants it. */
export function labelsText(labels: Readonly<Record<string, string>>): string {
  const { __name__: name, ...rest } = labels;
  const body = Object.entries(rest)
    .map(([k, v]) => `${k}=${JSON.stringify(v)}`)
    .join(', ');
  return `${name ?? ''}{${body}}`;
}

function defined(o: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(Object.entries(o).filter((e): e is [string, string] => e[1] !== undefined));
}
