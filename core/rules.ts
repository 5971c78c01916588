// Typed builders for alerting rules, recording rules and groups. A definition file in alerts/ calls
// these; validation (core/validate.ts) and the emitters (core/emit/) read what they return.

type Unit = 'ms' | 's' | 'm' | 'h' | 'd' | 'w' | 'y';
/** A Prometheus duration such as `5m` or `1h30m` (checked fully at build time). */
export type Duration = `${number}${Unit}` | `${number}${Unit}${number}${Unit}`;

export const severities = ['critical', 'warning', 'info'] as const;
export type Severity = (typeof severities)[number];

/** Where a definition came from, so a build error can point at it. */
export interface Origin {
  readonly file: string;
}

export interface AlertRule {
  readonly kind: 'alert';
  readonly alert: string;
  readonly expr: string;
  readonly for?: Duration;
  readonly labels: Readonly<{ severity: Severity } & Record<string, string>>;
  readonly annotations: Readonly<{ summary: string; description: string; runbook_url: string }>;
  /** Set when the expression is an intended absent(): it has no comparison on purpose. */
  readonly absentOk?: boolean;
}

export interface RecordingRule {
  readonly kind: 'record';
  readonly record: string;
  readonly expr: string;
  readonly labels?: Readonly<Record<string, string>>;
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
  /** One static line: what is wrong. */
  summary: string;
  /** Templated: what is wrong, on what, and what it breaks. */
  description: string;
  labels?: Record<string, string>;
  /** The expression is an `absent()` on purpose and needs no comparison. */
  absentOk?: boolean;
}

export interface RuleContext {
  readonly runbookBaseUrl: string;
}

/**
 * Trims the indentation a template literal brings, so PromQL reads well in source and output.
 * Only the literal text is dedented; interpolated values are inserted as they are.
 */
export function promql(strings: TemplateStringsArray, ...values: unknown[]): string {
  const lineStarts = strings.flatMap((s, i) => s.split('\n').slice(i === 0 ? 1 : 1));
  const indents = lineStarts.filter((l) => l.trim()).map((l) => l.length - l.trimStart().length);
  const indent = indents.length ? Math.min(...indents) : 0;
  const dedented = strings.map((s) => s.split('\n').map((l, j) => (j === 0 ? l : l.slice(Math.min(indent, l.length - l.trimStart().length)))).join('\n'));
  const joined = dedented.reduce((acc, s, i) => acc + s + (i < values.length ? String(values[i]) : ''), '');
  return joined.replace(/^\n/, '').replace(/\s+$/, '');
}

export function runbookUrl(ctx: RuleContext, alertName: string): string {
  return `${ctx.runbookBaseUrl.replace(/\/+$/, '')}/${alertName}.md`;
}

export function alert(ctx: RuleContext, spec: AlertSpec): AlertRule {
  return {
    kind: 'alert',
    alert: spec.name,
    expr: spec.expr,
    ...(spec.for ? { for: spec.for } : {}),
    labels: { ...(spec.labels ?? {}), severity: spec.severity },
    annotations: { summary: spec.summary, description: spec.description, runbook_url: runbookUrl(ctx, spec.name) },
    ...(spec.absentOk ? { absentOk: true } : {}),
  };
}

export function record(name: string, expr: string, labels?: Record<string, string>): RecordingRule {
  return { kind: 'record', record: name, expr, ...(labels ? { labels } : {}) };
}

export function group(origin: string, name: string, rules: readonly Rule[], interval?: Duration): RuleGroup {
  return { name, rules, origin: { file: origin }, ...(interval ? { interval } : {}) };
}

export function ruleName(rule: Rule): string {
  return rule.kind === 'alert' ? rule.alert : rule.record;
}

const durationRe = /^(?:(\d+)y)?(?:(\d+)w)?(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?(?:(\d+)ms)?$/;
const unitSeconds = [365 * 86400, 7 * 86400, 86400, 3600, 60, 1, 0.001];

/** Seconds in a Prometheus duration, or undefined when it is not one. */
export function durationSeconds(d: string): number | undefined {
  const m = durationRe.exec(d);
  if (!m || d === '') return undefined;
  return m.slice(1).reduce((acc, v, i) => acc + (v ? Number(v) * unitSeconds[i]! : 0), 0);
}

/** A number of seconds as a Prometheus duration, e.g. 90000 -> "1d1h". */
export function formatDuration(totalSeconds: number): Duration {
  let rest = Math.round(totalSeconds);
  let out = '';
  for (const [unit, size] of [['d', 86400], ['h', 3600], ['m', 60], ['s', 1]] as const) {
    const n = Math.floor(rest / size);
    if (n > 0) out += `${n}${unit}`;
    rest -= n * size;
  }
  return (out || '0s') as Duration;
}
