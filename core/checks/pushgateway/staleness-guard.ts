// pushgateway/staleness-guard: the Pushgateway holds a pushed value forever, so an alert on one must also
// read when it was pushed (push_time_seconds or a *_timestamp metric). Read inside absent() it needs none.
import { selectors } from '../../promql.ts';
import type { Check } from '../model.ts';

const isGuard = (metric: string | undefined) => metric === 'push_time_seconds' || /_timestamp(_seconds)?$/.test(metric ?? '');

export const check: Check = {
  id: 'pushgateway/staleness-guard',
  summary: 'an alert on a pushed metric must also check how old the push is',
  rule: ({ rule, tree }, ctx) => {
    if (rule.kind !== 'alert' || !tree) return [];
    const sels = selectors(rule.expr, tree);
    const pushed = sels.filter((s) => !s.inAbsent && !isGuard(s.metric) && s.metric && ctx.pushedJobs.has(ctx.catalogue.lookup(s.metric)?.producer.scrapeJob ?? ''));
    if (pushed.length === 0 || sels.some((s) => !s.inAbsent && isGuard(s.metric))) return [];
    return [{
      field: 'expr',
      message: `reads pushed metric ${pushed[0]!.metric} without a staleness guard; a pushed value is held forever`,
      fix: 'combine it with time() - push_time_seconds{job="…"} < <max age> (or a *_timestamp_seconds metric)',
    }];
  },
};
