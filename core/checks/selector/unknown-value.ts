// selector/unknown-value: an equality or regex matcher that no value of a bounded label can satisfy (pint:
// "label value missing"), e.g. rcode="SERVERFAIL" where the producer emits SERVFAIL.
import type { Check } from '../model.ts';
import { knownSelectors, where } from './known.ts';
import { regexMatches } from './unknown-label.ts';

export const check: Check = {
  id: 'selector/unknown-value',
  summary: 'a matcher on a bounded label must match a value the producer emits',
  rule: (s, ctx) =>
    knownSelectors(s, ctx).flatMap(({ sel, def }) =>
      sel.matchers.flatMap((m) => {
        const values = def.labels.find((l) => l.name === m.name)?.values;
        if (!values) return [];
        const ok = m.op === '=' ? values.includes(m.value) : m.op === '=~' ? regexMatches(m.value, values) : true;
        if (ok) return [];
        return [{
          field: 'expr',
          message: `${where(sel)}: ${m.name}${m.op}"${m.value}" matches no value ${def.name} carries (${values.join(', ')})`,
          fix: `use one of: ${values.join(', ')}`,
        }];
      }),
    ),
};
