// selector/unknown-label: a matcher on a label the metric never carries matches nothing (pint: "label name
// missing"). Matching the label's absence (`x=""`, `x!="…"`) is legitimate and passes.
import { RE2JS } from 're2js';
import type { Check } from '../model.ts';
import { knownSelectors, where } from './known.ts';

export function regexMatches(pattern: string, values: readonly string[]): boolean {
  try {
    const re = RE2JS.compile(`^(?:${pattern})$`);
    return values.some((v) => re.matches(v));
  } catch {
    return true; // promql/regex reports a bad pattern
  }
}

export const check: Check = {
  id: 'selector/unknown-label',
  summary: 'a selector must not require a label its metric never carries',
  rule: (s, ctx) =>
    knownSelectors(s, ctx).flatMap(({ sel, def }) => {
      const carried = ctx.catalogue.labels(def);
      return sel.matchers.flatMap((m) => {
        if (carried.has(m.name)) return [];
        const emptyOk = m.op === '!=' || m.op === '!~' || (m.op === '=' && m.value === '') || (m.op === '=~' && regexMatches(m.value, ['']));
        if (emptyOk) return [];
        return [{
          field: 'expr',
          message: `${where(sel)}: label "${m.name}" is never set on ${def.name} (producer ${def.producer.id} gives: ${[...carried].sort().join(', ')})`,
          fix: `drop the "${m.name}" matcher or use one of those labels`,
        }];
      });
    }),
};
