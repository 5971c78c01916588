// dashboard/queries: every panel query goes through the same rule checks as the alerts (core/checks/index.ts),
// so a panel cannot read a metric no producer emits, a label its metric never carries, a value a bounded label
// never takes, a regex RE2 refuses or a range shorter than two scrapes. The query is modelled as a rule of the
// neutral model; its legend as a template, so alerts/template-labels refuses a legend naming a label the
// query aggregates away (that series would be labelled with an empty string). Findings carry the id of the
// rule check that made them.
import { checks, runChecks } from '../index.ts';
import type { GroupModel, RuleModel } from '../model.ts';
import type { DashboardCheck, DashboardProblem } from './model.ts';
import { allPanels } from './model.ts';

/** The rule checks that apply to any PromQL query (the others are about alerts: for, severity, runbooks, …). */
export const queryCheckIds = [
  'promql/syntax',
  'promql/types',
  'promql/regex',
  'promql/range-too-short',
  'selector/unknown-metric',
  'selector/unknown-label',
  'selector/unknown-value',
  'alerts/template-labels',
] as const;

export const queryChecks = checks.filter((c) => (queryCheckIds as readonly string[]).includes(c.id));

/** Grafana's legend `{{ server }}` as the Go template the rule checks read: `{{ $labels.server }}`. */
export const legendAsTemplate = (legend: string) => legend.replace(/\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g, '{{ $$labels.$1 }}');

interface Target {
  refId?: string;
  expr?: string;
  legendFormat?: string;
}

export const check: DashboardCheck = {
  id: 'dashboard/queries',
  summary: 'panel queries pass the rule checks: they parse and read only catalogue metrics, labels and values',
  run: (dashboards, ctx) =>
    dashboards.flatMap((d) => {
      const out: DashboardProblem[] = [];
      const where = new Map<string, { panelId?: number; path: string }>();
      const rules: RuleModel[] = [];
      const defined = new Set(((d.json.templating?.list ?? []) as { name?: string }[]).map((v) => v.name));
      for (const { panel, path } of allPanels(d.json)) {
        if (panel.type === 'row') continue;
        const panelId = typeof panel.id === 'number' ? panel.id : undefined;
        const at = d.panels.find((p) => p.id === panelId)?.origin ?? d.origin;
        for (const [i, t] of (((panel as { targets?: Target[] }).targets) ?? []).entries()) {
          const base = `${path}.targets[${i}]`;
          const id = panelId !== undefined ? { panelId } : {};
          if (typeof t.expr !== 'string') {
            out.push({ dashboard: d, ...id, field: `${base}.expr`, message: 'the query has no expression', fix: 'give it a PromQL expression' });
            continue;
          }
          // `$1` and `${1}` are label_replace's capture references, not variables: Grafana leaves a reference to a
          // variable the dashboard does not define as written (@grafana/runtime, TemplateSrv: the interpolated
          // value "will equal match when variable not found"), and ours define none named by digits.
          const variable = [...t.expr.matchAll(/\$\{?(\w+)/g)].find((m) => !/^\d+$/.test(m[1]!) || defined.has(m[1]!));
          if (variable) {
            out.push({ dashboard: d, ...id, field: `${base}.expr`, message: `reads the Grafana variable $${variable[1]}, which the checks cannot resolve`, fix: 'write the value from the config instead (e.g. the rate window the alert uses, not $__rate_interval)' });
            continue;
          }
          const name = `${rules.length}`;
          where.set(name, { ...id, path: base });
          rules.push({ kind: 'alert', name, expr: t.expr, labels: {}, annotations: t.legendFormat ? { legend: legendAsTemplate(t.legendFormat) } : {}, at });
        }
      }
      const group: GroupModel = { name: d.uid, rules, at: d.origin };
      for (const f of runChecks({ file: d.origin.file, groups: [group] }, ctx.rules, queryChecks)) {
        const w = f.rule ? where.get(f.rule.name) : undefined;
        if (!w) continue;
        const field = f.field === 'annotations.legend' ? `${w.path}.legendFormat` : f.field === 'expr' ? `${w.path}.expr` : `${w.path}.${f.field}`;
        out.push({ dashboard: d, ...(w.panelId !== undefined ? { panelId: w.panelId } : {}), field, message: f.message.replace("the expression's result", "the query's result"), fix: f.fix.replace('from the template', 'from the legend'), check: f.check });
      }
      return out;
    }),
};
