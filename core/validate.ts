// Build-time validation of rule groups. Every problem names the group, the rule, the field and the fix;
// the build stops on any of them before writing a byte (core/pipeline.ts).
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Tree } from '@lezer/common';
import type { Config } from './config.ts';
import { durationSeconds, ruleName, severities, type AlertRule, type Rule, type RuleGroup } from './rules.ts';
import {
  functionsCalled, hasFilteringComparison, parse, PromqlSyntaxError, resultLabels, sampleRanges, selectors, templateLabels,
} from './promql.ts';
import { lookupSeries, seriesLabels } from '../metrics/catalogue.ts';
import { checkSelector } from '../lint/selectors.ts';

export interface Problem {
  readonly file: string;
  readonly group: string;
  readonly rule?: string;
  readonly field: string;
  readonly message: string;
  readonly fix: string;
}

export function formatProblem(p: Problem): string {
  const where = p.rule ? `group "${p.group}", rule "${p.rule}"` : `group "${p.group}"`;
  return `${p.file}: ${where}, field "${p.field}": ${p.message}.\n    fix: ${p.fix}`;
}

export class ValidationError extends Error {
  constructor(readonly problems: readonly Problem[]) {
    super(`${problems.length} problem(s) in the rule definitions:\n${problems.map((p) => `  - ${formatProblem(p)}`).join('\n')}`);
  }
}

export interface ValidateOptions {
  /** Repository root: runbooks are looked up in <root>/docs/runbooks. */
  readonly root: string;
}

const alertNameRe = /^[A-Z][A-Za-z0-9]*$/;
const recordNameRe = /^[a-zA-Z_][a-zA-Z0-9_]*:[a-zA-Z0-9_:]*[a-zA-Z0-9_]$/;

export function validate(groups: readonly RuleGroup[], cfg: Config, opts: ValidateOptions): Problem[] {
  const problems: Problem[] = [];
  const groupNames = new Set<string>();
  const alertNames = new Map<string, string>();
  const scrape = durationSeconds(cfg.scrapeInterval) ?? 60;

  for (const g of groups) {
    const at = (rule: string | undefined, field: string, message: string, fix: string) =>
      problems.push({ file: g.origin.file, group: g.name, ...(rule ? { rule } : {}), field, message, fix });

    if (!/^[a-z0-9][a-z0-9-]*$/.test(g.name)) {
      at(undefined, 'name', `group name "${g.name}" is not lower-case kebab-case`, 'name the group like "technitium-zone-sync": it becomes a file and resource name');
    }
    if (groupNames.has(g.name)) at(undefined, 'name', `group "${g.name}" is defined twice`, 'give each group a unique name');
    groupNames.add(g.name);
    if (g.interval !== undefined && durationSeconds(g.interval) === undefined) {
      at(undefined, 'interval', `"${g.interval}" is not a Prometheus duration`, 'write it like 1m or 1h30m');
    }
    if (g.rules.length === 0) at(undefined, 'rules', 'the group has no rules', 'add rules or remove the group');

    for (const r of g.rules) {
      const name = ruleName(r);
      const fail = (field: string, message: string, fix: string) => at(name, field, message, fix);
      const tree = checkExpr(r, scrape, fail);
      if (r.kind === 'record') {
        if (!recordNameRe.test(r.record)) fail('record', `"${r.record}" is not a level:metric:operations name`, 'name recording rules like job:technitium_dns_queries:rate5m');
        continue;
      }
      checkAlert(r, tree, { alertNames, groupName: g.name, scrape, root: opts.root }, fail);
    }
  }
  return problems;
}

type Fail = (field: string, message: string, fix: string) => void;

function checkExpr(r: Rule, scrape: number, fail: Fail): Tree | undefined {
  try {
    const tree = parse(r.expr);
    for (const sel of selectors(r.expr, tree)) {
      for (const p of checkSelector(sel)) fail('expr', `selector ${p.selector} (line ${sel.position.line}, column ${sel.position.column}): ${p.message}`, p.fix);
    }
    checkRanges(r.expr, tree, scrape, fail);
    return tree;
  } catch (e) {
    if (!(e instanceof PromqlSyntaxError)) throw e;
    fail('expr', `PromQL ${e.message}`, 'correct the expression; `promtool check rules generated/prometheus/alerting_rules.yml` shows the same place');
    return undefined;
  }
}

// A rate() window must hold at least two scrapes, or it returns nothing most of the time.
function checkRanges(expr: string, tree: Tree, scrape: number, fail: Fail) {
  for (const { range, position } of sampleRanges(expr, tree)) {
    const s = durationSeconds(range);
    const at = `(line ${position.line}, column ${position.column})`;
    if (s === undefined) fail('expr', `range [${range}] is not a plain duration ${at}`, 'write ranges like [5m]');
    else if (s < 2 * scrape) {
      fail('expr', `range [${range}] holds fewer than two scrapes (scrape interval ${scrape}s) ${at}, so rate() over it is mostly empty`, `use a range of at least ${(2 * scrape) / 60}m; 5m or more is safe here`);
    }
  }
}

interface AlertContext {
  readonly alertNames: Map<string, string>;
  readonly groupName: string;
  readonly scrape: number;
  readonly root: string;
}

function checkAlert(r: AlertRule, tree: Tree | undefined, ctx: AlertContext, fail: Fail) {
  if (!alertNameRe.test(r.alert)) fail('alert', `"${r.alert}" is not a CamelCase alert name`, 'name alerts like TechnitiumInstanceDown');
  const previous = ctx.alertNames.get(r.alert);
  if (previous !== undefined) fail('alert', `alert name "${r.alert}" is already used in group "${previous}"`, 'give every alert a unique name: routing, silences and runbooks key on it');
  else ctx.alertNames.set(r.alert, ctx.groupName);

  if (!(severities as readonly string[]).includes(r.labels.severity)) {
    fail('labels.severity', `"${r.labels.severity}" is not a severity`, `use one of ${severities.join(', ')}`);
  }
  if (r.for !== undefined) {
    const s = durationSeconds(r.for);
    if (s === undefined) fail('for', `"${r.for}" is not a Prometheus duration`, 'write it like 5m or 1h30m');
    else if (s > 0 && s < ctx.scrape) {
      fail('for', `"${r.for}" is shorter than one scrape interval, so it filters nothing`, 'use at least the scrape interval, or leave `for` out');
    }
  }

  const { summary, description, runbook_url } = r.annotations;
  if (!summary?.trim()) fail('annotations.summary', 'the summary is missing', 'add one static line saying what is wrong');
  else if (summary.includes('\n') || summary.includes('{{')) fail('annotations.summary', 'the summary must be one static line', 'move templated details ({{ $labels… }}, {{ $value }}) into the description');
  if (!description?.trim()) fail('annotations.description', 'the description is missing', 'say what is wrong, on what (templated), and what it breaks');
  if (!runbook_url?.trim()) fail('annotations.runbook_url', 'the runbook URL is missing', 'build alerts with alert() from core/rules.ts, which sets it from config.runbookBaseUrl');
  const runbook = join(ctx.root, 'docs', 'runbooks', `${r.alert}.md`);
  if (!existsSync(runbook)) fail('annotations.runbook_url', `the runbook docs/runbooks/${r.alert}.md does not exist`, `write docs/runbooks/${r.alert}.md: what it means, what breaks, how to confirm, how to fix`);

  if (!tree) return;
  const fns = functionsCalled(r.expr, tree);
  const callsAbsent = fns.includes('absent') || fns.includes('absent_over_time');
  if (r.absentOk && !callsAbsent) {
    fail('expr', 'the alert is marked absentOk but calls no absent()', 'remove absentOk or alert on absent(...)');
  }
  if (!hasFilteringComparison(r.expr, tree) && !(r.absentOk && callsAbsent)) {
    fail('expr', 'the expression has no comparison, so it fires on every series it returns', 'compare with a threshold (e.g. `> 0.05`), or, for an intended absent(), set absentOk: true');
  }

  checkPushgatewayGuard(r, tree, fail);

  const result = resultLabels(r.expr, (sel) => {
    const def = sel.metric ? lookupSeries(sel.metric) : undefined;
    return def ? seriesLabels(def) : undefined;
  }, tree);
  if (result.kind === 'known') {
    const carried = new Set([...result.labels, ...Object.keys(r.labels)]);
    for (const [key, text] of Object.entries(r.annotations)) {
      for (const l of templateLabels(text)) {
        if (!carried.has(l)) {
          const have = [...result.labels].sort().join(', ') || 'none';
          fail(`annotations.${key}`, `uses $labels.${l}, but the expression's result cannot carry "${l}" (it carries: ${have})`, `keep "${l}" through the aggregation (e.g. sum by (${l}) (...)) or drop it from the template`);
        }
      }
    }
  }
}

// DESIGN.md: anything read from the Pushgateway is held there forever, so the alert must also read
// push_time_seconds or a *_timestamp metric, or be an absent() check.
function checkPushgatewayGuard(r: AlertRule, tree: Tree, fail: Fail) {
  const sels = selectors(r.expr, tree);
  const pushed = sels.filter((s) => s.metric && lookupSeries(s.metric)?.producer.scrapeJob === 'prometheus-pushgateway');
  if (pushed.length === 0 || r.absentOk) return;
  const guarded = sels.some((s) => s.metric === 'push_time_seconds' || /_timestamp(_seconds)?$/.test(s.metric ?? ''));
  if (!guarded) {
    fail('expr', `reads pushed metric ${pushed[0]!.metric} without a staleness guard; a pushed value is held forever`, 'combine it with time() - push_time_seconds{job="…"} < <max age> (or a *_timestamp_seconds metric)');
  }
}
