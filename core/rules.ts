// Typed builders for alerting rules, recording rules and groups. A domain's alerts file calls these; the
// checks (core/checks/) and the emitters (core/emit/) read what they return. Each rule remembers the file and
// line that built it, so a build error points at the definition.
import { relative } from 'node:path';
import type { Duration } from './duration.ts';
import { repoRoot } from './paths.ts';

export type { Duration } from './duration.ts';

export type Severity = 'critical' | 'warning' | 'info';

/** Where a definition came from, so a build error can point at it. */
export interface Origin {
  readonly file: string;
  readonly line?: number;
}

export interface AlertRule {
  readonly kind: 'alert';
  readonly alert: string;
  readonly expr: string;
  readonly for?: Duration;
  readonly labels: Readonly<{ severity: Severity } & Record<string, string>>;
  readonly annotations: Readonly<{ summary: string; description: string; runbook_url: string } & Record<string, string>>;
  readonly origin: Origin;
}

export interface RecordingRule {
  readonly kind: 'record';
  readonly record: string;
  readonly expr: string;
  readonly labels?: Readonly<Record<string, string>>;
  readonly origin: Origin;
}

export type Rule = AlertRule | RecordingRule;

export interface RuleGroup {
  readonly name: string;
  readonly interval?: Duration;
  readonly rules: readonly Rule[];
  readonly origin: Origin;
}

export interface AlertSpec {
  name: string;
  expr: string;
  for?: Duration;
  severity: Severity;
  /** One line: what is wrong. */
  summary: string;
  /** Templated: what is wrong, on what, and what it breaks. */
  description: string;
  labels?: Record<string, string>;
}

export interface RuleContext {
  readonly runbookBaseUrl: string;
}

/**
 * Trims the indentation a template literal brings, so PromQL reads well in source and output.
 * Only the literal text is dedented; interpolated values are inserted as they are.
 */
export function promql(strings: TemplateStringsArray, ...values: unknown[]): string {
  const lineStarts = strings.flatMap((s) => s.split('\n').slice(1));
  const indents = lineStarts.filter((l) => l.trim()).map((l) => l.length - l.trimStart().length);
  const indent = indents.length ? Math.min(...indents) : 0;
  const dedented = strings.map((s) => s.split('\n').map((l, j) => (j === 0 ? l : l.slice(Math.min(indent, l.length - l.trimStart().length)))).join('\n'));
  const joined = dedented.reduce((acc, s, i) => acc + s + (i < values.length ? String(values[i]) : ''), '');
  return joined.replace(/^\n/, '').replace(/\s+$/, '');
}

export function runbookUrl(ctx: RuleContext, alertName: string): string {
  return `${ctx.runbookBaseUrl.replace(/\/+$/, '')}/${alertName}.md`;
}

/**
 * The file and line of the first caller outside core/ (the definition), from the stack trace. tsx and
 * vitest map it back to the .ts source.
 */
export function callSite(): Origin {
  const frames = (new Error().stack ?? '').split('\n').slice(1);
  for (const f of frames) {
    const m = /\(?((?:file:\/\/)?\/[^():]+\.ts):(\d+):\d+\)?\s*$/.exec(f);
    if (!m) continue;
    const file = relative(repoRoot, m[1]!.replace(/^file:\/\//, ''));
    if (file.startsWith('core/') || file.startsWith('..')) continue;
    return { file, line: Number(m[2]) };
  }
  return { file: 'unknown' };
}

export function alert(ctx: RuleContext, spec: AlertSpec): AlertRule {
  return {
    kind: 'alert',
    alert: spec.name,
    expr: spec.expr,
    ...(spec.for ? { for: spec.for } : {}),
    labels: { ...(spec.labels ?? {}), severity: spec.severity },
    annotations: { summary: spec.summary, description: spec.description, runbook_url: runbookUrl(ctx, spec.name) },
    origin: callSite(),
  };
}

export function record(name: string, expr: string, labels?: Record<string, string>): RecordingRule {
  return { kind: 'record', record: name, expr, ...(labels ? { labels } : {}), origin: callSite() };
}

export function group(name: string, rules: readonly Rule[], interval?: Duration): RuleGroup {
  return { name, rules, origin: callSite(), ...(interval ? { interval } : {}) };
}

export function ruleName(rule: Rule): string {
  return rule.kind === 'alert' ? rule.alert : rule.record;
}
