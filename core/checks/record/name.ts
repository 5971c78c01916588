// record/name: a recording rule records a valid metric name; this package names them level:metric:operations.
import type { Check } from '../model.ts';

export const check: Check = {
  id: 'record/name',
  summary: 'recording rules record valid metric names (level:metric:operations in this package)',
  rule: ({ rule }, ctx) => {
    if (rule.kind !== 'record') return [];
    if (!/^[a-zA-Z_:][a-zA-Z0-9_:]*$/.test(rule.name)) return [{ field: 'record', message: `"${rule.name}" is not a valid metric name`, fix: 'use letters, digits, underscores and colons' }];
    if (ctx.mode === 'package' && !/^[a-zA-Z_][a-zA-Z0-9_]*:[a-zA-Z0-9_:]*[a-zA-Z0-9_]$/.test(rule.name)) {
      return [{ field: 'record', message: `"${rule.name}" is not a level:metric:operations name`, fix: 'name recording rules like job:technitium_dns_queries:rate5m' }];
    }
    return [];
  },
};
