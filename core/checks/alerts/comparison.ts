// alerts/comparison: an alert whose expression returns series whatever their values fires whenever the metric
// exists. Every branch of an `or` must filter on its own (pint's alerts/comparison): `x == 0 or x` and
// `(x > 0) or vector(1)` always fire. A comparison between constants filters nothing.
import { unfilteredBranches } from '../../promql.ts';
import type { Check } from '../model.ts';

export const check: Check = {
  id: 'alerts/comparison',
  summary: 'every branch of an alert expression must filter with a comparison (or be an absent())',
  rule: ({ rule, tree }) => {
    if (rule.kind !== 'alert' || !tree) return [];
    return unfilteredBranches(rule.expr, tree).map((b) => ({
      field: 'expr',
      message: `${b.text === rule.expr.trim() ? 'the expression' : `the branch \`${b.text.replace(/\s+/g, ' ')}\` (line ${b.position.line}, column ${b.position.column})`} has no comparison on a series, so it fires on every series it returns`,
      fix: 'compare with a threshold (e.g. `> 0.05`), or test for absence with absent(...)',
    }));
  },
};
