// alerts/template-labels: a template that reads a label the expression's result cannot carry renders as an
// empty string (e.g. `sum(x)` keeps no labels). Both spellings are read: `$labels.x` and `.Labels.x`.
import { resultLabels } from '../../promql.ts';
import { readTemplate } from '../../template.ts';
import type { Check } from '../model.ts';

export const check: Check = {
  id: 'alerts/template-labels',
  summary: 'templates may only read labels the expression keeps',
  rule: ({ rule, tree }, ctx) => {
    if (rule.kind !== 'alert' || !tree) return [];
    const result = resultLabels(rule.expr, (sel) => {
      if (!sel.metric || ctx.recorded?.has(sel.metric)) return undefined;
      const def = ctx.catalogue.lookup(sel.metric);
      return def ? ctx.catalogue.labels(def) : undefined;
    }, tree);
    if (result.kind !== 'known') return [];
    const carried = new Set([...result.labels, ...Object.keys(rule.labels)]);
    const have = [...result.labels].sort().join(', ') || 'none';
    return Object.entries(rule.annotations).flatMap(([key, text]) =>
      readTemplate(text).labels.filter((l) => !carried.has(l)).map((l) => ({
        field: `annotations.${key}`,
        message: `reads label "${l}", but the expression's result cannot carry "${l}" (it carries: ${have})`,
        fix: `keep "${l}" through the aggregation (e.g. sum by (${l}) (...)) or drop it from the template`,
      })),
    );
  },
};
