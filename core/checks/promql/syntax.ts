// promql/syntax: the expression parses (lezer-promql), with the place the parser stopped.
import { parse, PromqlSyntaxError } from '../../promql.ts';
import type { Check } from '../model.ts';

export const check: Check = {
  id: 'promql/syntax',
  summary: 'the expression must parse as PromQL',
  rule: ({ rule }) => {
    try {
      parse(rule.expr);
      return [];
    } catch (e) {
      if (!(e instanceof PromqlSyntaxError)) throw e;
      return [{ field: 'expr', message: `PromQL ${e.message}`, fix: 'correct the expression (promtool check rules reports the same place)' }];
    }
  },
};
