// The plain rule file: `groups:` as promtool, the Helm chart's serverFiles."alerting_rules.yml" and
// Thanos/Mimir rulers read it.
import type { Rule, RuleGroup } from '../rules.ts';
import { generatedHeader, toYaml } from './yaml.ts';

/** A rule as Prometheus writes it, keys in Prometheus's own order. */
export function ruleToPlain(r: Rule): Record<string, unknown> {
  if (r.kind === 'record') {
    return { record: r.record, expr: r.expr, ...(r.labels ? { labels: { ...r.labels } } : {}) };
  }
  return {
    alert: r.alert,
    expr: r.expr,
    ...(r.for ? { for: r.for } : {}),
    labels: sortedRecord(r.labels),
    annotations: annotationsInOrder(r.annotations),
  };
}

export function groupToPlain(g: RuleGroup): Record<string, unknown> {
  return { name: g.name, ...(g.interval ? { interval: g.interval } : {}), rules: g.rules.map(ruleToPlain) };
}

export function prometheusRuleFile(groups: readonly RuleGroup[]): string {
  return generatedHeader + toYaml({ groups: groups.map(groupToPlain) });
}

/** summary, description and runbook_url first (what on-call reads), then any others (dashboard_url) by name. */
function annotationsInOrder(a: Readonly<Record<string, string>>): Record<string, string> {
  const first = ['summary', 'description', 'runbook_url'];
  return {
    ...Object.fromEntries(first.filter((k) => a[k] !== undefined).map((k) => [k, a[k]!])),
    ...sortedRecord(Object.fromEntries(Object.entries(a).filter(([k]) => !first.includes(k)))),
  };
}

function sortedRecord(r: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(Object.entries(r).sort(([a], [b]) => a.localeCompare(b)));
}
