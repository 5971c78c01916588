// selector/unknown-metric: every selector names a metric some known producer emits (or a rule records).
// A metric nobody emits is the first way an alert goes silent (a typo, a rename upstream).
import { selectors } from '../../promql.ts';
import type { Check } from '../model.ts';
import { where } from './known.ts';

/** Edit distance, for "did you mean". */
function distance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0]!;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = prev[j]!;
      prev[j] = Math.min(prev[j]! + 1, prev[j - 1]! + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = tmp;
    }
  }
  return prev[b.length]!;
}

export function nearest(name: string, known: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestD = Math.max(3, Math.floor(name.length / 4)) + 1;
  for (const k of known) {
    const d = distance(name, k);
    if (d < bestD) [best, bestD] = [k, d];
  }
  return best;
}

export const check: Check = {
  id: 'selector/unknown-metric',
  summary: 'every selector must name a metric that a known producer emits',
  rule: ({ rule, tree }, ctx) => {
    if (!tree) return [];
    return selectors(rule.expr, tree).flatMap((sel) => {
      if (!sel.metric) {
        return [{ field: 'expr', message: `${where(sel)} selects no metric by name`, fix: 'name the metric so it can be checked against the catalogue' }];
      }
      if (ctx.recorded?.has(sel.metric) || ctx.catalogue.lookup(sel.metric)) return [];
      const near = nearest(sel.metric, ctx.catalogue.names());
      return [{
        field: 'expr',
        message: `${where(sel)}: metric "${sel.metric}" is not in the catalogue, so no known producer emits it${near ? ` (nearest known: ${near})` : ''}`,
        fix: 'use a metric a producer emits (metrics/catalogue.ts lists them), or add the producer and its metric there',
      }];
    });
  },
};
