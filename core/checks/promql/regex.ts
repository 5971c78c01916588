// promql/regex: a regex matcher must be RE2, the engine Prometheus uses. A pattern JavaScript accepts can be
// one Prometheus refuses (look-arounds, backreferences), and the rule file then fails to load.
import { RE2JS } from 're2js';
import { regexMatchers } from '../../promql.ts';
import type { Check } from '../model.ts';

export const check: Check = {
  id: 'promql/regex',
  summary: 'regex matchers must be valid RE2 (Go regexp) syntax',
  rule: ({ rule, tree }) => {
    if (!tree) return [];
    return regexMatchers(rule.expr, tree).flatMap(({ selector, matcher }) => {
      try {
        RE2JS.compile(`^(?:${matcher.value})$`);
        return [];
      } catch (e) {
        return [{
          field: 'expr',
          message: `selector ${selector.text} (line ${selector.position.line}, column ${selector.position.column}): ${matcher.name}${matcher.op}"${matcher.value}" is not RE2 syntax (${(e as Error).message})`,
          fix: 'rewrite it without look-arounds or backreferences (RE2 has neither); a negative match is `!~`',
        }];
      }
    });
  },
};
