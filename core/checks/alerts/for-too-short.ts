// alerts/for-too-short: `for` must be a duration, and a non-zero `for` shorter than one scrape interval filters
// nothing (the value cannot change between two evaluations of the same sample).
import { parseDuration } from '../../duration.ts';
import type { Check } from '../model.ts';

export const check: Check = {
  id: 'alerts/for-too-short',
  summary: '`for` must be a Prometheus duration of at least one scrape interval (or zero)',
  rule: ({ rule }, ctx) => {
    if (rule.kind !== 'alert' || rule.for === undefined) return [];
    const s = parseDuration(rule.for);
    if (s === undefined) return [{ field: 'for', message: `"${rule.for}" is not a Prometheus duration`, fix: 'write whole numbers of units, largest first: 5m, 1h30m' }];
    if (s > 0 && s < ctx.scrapeIntervalSeconds) {
      return [{ field: 'for', message: `"${rule.for}" is shorter than one scrape interval (${ctx.scrapeIntervalSeconds}s), so it filters nothing`, fix: 'use at least the scrape interval, or leave `for` out' }];
    }
    return [];
  },
};
