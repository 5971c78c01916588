// selector/unknown-metric: every selector names a metric some known producer emits (or a rule records).
// A metric nobody emits is the first way an alert goes silent (a typo, a rename upstream). In any other rule
// file (external mode) the catalogue is a set of producer inventories: a name in a producer's namespace that
// it does not list is an error; a name no inventory claims belongs to a producer nobody described, which is a
// note ("unknown producer") unless the linter runs with --strict.
import { selectors, type Matcher } from '../../promql.ts';
import type { Catalogue, Producer } from '../../../metrics/types.ts';
import type { Check, CheckContext, Problem } from '../model.ts';
import { regexMatches } from './unknown-label.ts';
import { where } from './known.ts';

/** Edit distance, for "did you mean"; gives up (returns `limit`) once it cannot be below `limit`. */
let prev = new Int32Array(64);
function distance(a: string, b: string, limit: number): number {
  if (prev.length <= b.length) prev = new Int32Array(b.length * 2);
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0]!;
    prev[0] = i;
    let rowMin = i;
    const ai = a.charCodeAt(i - 1);
    for (let j = 1; j <= b.length; j++) {
      const tmp = prev[j]!;
      const v = Math.min(tmp + 1, prev[j - 1]! + 1, diag + (ai === b.charCodeAt(j - 1) ? 0 : 1));
      prev[j] = v;
      diag = tmp;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin >= limit) return limit;
  }
  return prev[b.length]!;
}

export function nearest(name: string, known: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestD = Math.max(3, Math.floor(name.length / 4)) + 1;
  for (const k of known) {
    // the distance is at least the difference in length: skip what cannot be nearer
    if (Math.abs(k.length - name.length) >= bestD) continue;
    const d = distance(name, k, bestD);
    if (d < bestD) [best, bestD] = [k, d];
  }
  return best;
}

// The same unknown name is usually read by several rules: look its neighbour up once per catalogue.
const nearestCache = new WeakMap<Catalogue, Map<string, string | undefined>>();
function nearestIn(catalogue: Catalogue, name: string): string | undefined {
  let cache = nearestCache.get(catalogue);
  if (!cache) nearestCache.set(catalogue, (cache = new Map()));
  if (!cache.has(name)) cache.set(name, nearest(name, catalogue.names()));
  return cache.get(name);
}

/**
 * Whether a selector can read the owner's series: a `job` matcher that names none of the jobs that scrape the
 * owner reads some other program's metrics (a backup job pushing prometheus_backup_*), not the owner's.
 */
function readsJobOf(owner: Producer, matchers: readonly Matcher[], ctx: CheckContext): boolean {
  const jobs = ctx.scrapeJobs?.get(owner.id)?.map((j) => j.name) ?? [owner.scrapeJob];
  return matchers.filter((m) => m.name === 'job').every((m) => jobs.some((job) => {
    switch (m.op) {
      case '=': return job === m.value;
      case '!=': return job !== m.value;
      case '=~': return regexMatches(m.value, [job]);
      case '!~': return !regexMatches(m.value, [job]);
    }
  }));
}

export const check: Check = {
  id: 'selector/unknown-metric',
  summary: 'every selector must name a metric that a known producer emits',
  rule: ({ rule, tree }, ctx) => {
    if (!tree) return [];
    return selectors(rule.expr, tree).flatMap((sel): Problem[] => {
      const external = ctx.mode === 'external';
      if (!sel.metric) {
        return [{ field: 'expr', message: `${where(sel)} selects no metric by name`, fix: 'name the metric so it can be checked against the catalogue', ...(external ? { severity: 'info' as const } : {}) }];
      }
      if (ctx.recorded?.has(sel.metric) || ctx.catalogue.lookup(sel.metric)) return [];
      const near = nearestIn(ctx.catalogue, sel.metric);
      if (external) {
        const owner = ctx.catalogue.claimant(sel.metric);
        const nearText = near ? ` (nearest known: ${near})` : '';
        if (owner && readsJobOf(owner, sel.matchers, ctx)) {
          return [{
            field: 'expr',
            message: `${where(sel)}: metric "${sel.metric}" is in the namespace of ${owner.id}, but ${owner.id}${owner.version ? ` ${owner.version}` : ''} never emits it${nearText}`,
            fix: `use a metric ${owner.id} emits; if you run another version of it, describe that version in an inventory (--inventory)`,
          }];
        }
        return [{
          field: 'expr',
          message: `${where(sel)}: metric "${sel.metric}" has an unknown producer: no inventory lists it${nearText}`,
          fix: 'describe the program that emits it in an inventory file and pass it with --inventory',
          ...(ctx.strict ? {} : { severity: 'info' as const }),
        }];
      }
      return [{
        field: 'expr',
        message: `${where(sel)}: metric "${sel.metric}" is not in the catalogue, so no known producer emits it${near ? ` (nearest known: ${near})` : ''}`,
        fix: 'use a metric a producer emits (metrics/catalogue.ts lists them), or add the producer and its metric there',
      }];
    });
  },
};
