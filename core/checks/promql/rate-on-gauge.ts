// promql/rate-on-gauge: rate(), irate() and increase() read a counter. On a gauge every fall counts as a counter
// reset and adds the whole new value, so the result tracks nothing the gauge measures. A summary's quantile
// series are gauges too (its _sum and _count are counters); `untyped` metrics are left alone.
import { children, isExpr, selectors } from '../../promql.ts';
import type { Check, Problem } from '../model.ts';
import { where } from '../selector/known.ts';

const counterFunctions = new Set(['rate', 'irate', 'increase']);

export const check: Check = {
  id: 'promql/rate-on-gauge',
  summary: 'rate(), irate() and increase() must read counters, not gauges',
  rule: ({ rule, tree }, ctx) => {
    if (!tree) return [];
    const out: Problem[] = [];
    const sels = selectors(rule.expr, tree);
    tree.iterate({
      enter(ref) {
        if (ref.name !== 'FunctionCall') return undefined;
        const id = ref.node.getChild('FunctionIdentifier');
        const fn = id ? rule.expr.slice(id.from, id.to) : '';
        if (!counterFunctions.has(fn)) return undefined;
        const body = ref.node.getChild('FunctionCallBody');
        const arg = body ? children(body).find(isExpr) : undefined;
        if (arg?.name !== 'MatrixSelector') return undefined;
        const vs = arg.getChild('VectorSelector');
        if (!vs) return undefined;
        const sel = sels.find((x) => x.position.offset === vs.from);
        if (!sel?.metric || ctx.recorded?.has(sel.metric)) return undefined;
        const def = ctx.catalogue.lookup(sel.metric);
        if (!def) return undefined;
        const gauge = def.type === 'gauge' || (def.type === 'summary' && sel.metric === def.name);
        if (!gauge) return undefined;
        out.push({
          field: 'expr',
          message: `${fn}() over ${where(sel)}: ${sel.metric} is a ${def.type === 'gauge' ? 'gauge' : 'summary quantile (a gauge)'} (${def.producer.id}), and ${fn}() treats every fall as a counter reset`,
          fix: `compare the gauge itself, or use delta()/deriv() (or max_over_time/min_over_time) over it`,
        });
        return false;
      },
    });
    return out;
  },
};
