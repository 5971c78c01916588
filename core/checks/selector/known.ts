// Shared by the selector/* checks: which selectors name a metric the checks can judge.
import { selectors, type Selector } from '../../promql.ts';
import type { MetricDef } from '../../../metrics/types.ts';
import type { CheckContext, RuleSubject } from '../model.ts';

export interface KnownSelector {
  readonly sel: Selector;
  readonly def: MetricDef;
}

/** Selectors of catalogued metrics (recorded metrics and unknown ones are left to selector/unknown-metric). */
export function knownSelectors({ rule, tree }: RuleSubject, ctx: CheckContext): KnownSelector[] {
  if (!tree) return [];
  return selectors(rule.expr, tree).flatMap((sel) => {
    if (!sel.metric || ctx.recorded?.has(sel.metric)) return [];
    const def = ctx.catalogue.lookup(sel.metric);
    return def ? [{ sel, def }] : [];
  });
}

export const where = (sel: Selector) => `selector ${sel.text} (line ${sel.position.line}, column ${sel.position.column})`;
