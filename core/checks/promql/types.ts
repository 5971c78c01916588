// promql/types: what Prometheus's parser refuses beyond syntax, checked with Prometheus's own checkAST port
// (@prometheus-io/codemirror-promql): `rate(x)` without a range, a scalar comparison without `bool`, ...
import { typeErrors } from '../../promql.ts';
import type { Check } from '../model.ts';

export const check: Check = {
  id: 'promql/types',
  summary: 'function arguments and operands must have the types Prometheus requires',
  rule: ({ rule, tree }) => {
    if (!tree) return [];
    return typeErrors(rule.expr, tree).map((e) => ({
      field: 'expr',
      message: `PromQL type error at line ${e.position.line}, column ${e.position.column}: ${e.message}`,
      fix: /BOOL/.test(e.message)
        ? 'compare a vector with a threshold (a scalar on both sides never filters), or add `bool` where a 0/1 value is meant'
        : 'give the function the argument type it takes (e.g. rate(x[5m]) takes a range vector)',
    }));
  },
};
