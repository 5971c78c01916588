// promql/range-too-short: a range over scraped samples must hold at least two scrapes, or rate() over it is
// empty most of the time and the alert cannot fire.
import { parseDuration } from '../../duration.ts';
import { rangeWindows } from '../../promql.ts';
import type { Check } from '../model.ts';

export const check: Check = {
  id: 'promql/range-too-short',
  summary: 'a range window must cover at least two scrape intervals',
  rule: ({ rule, tree }, ctx) => {
    if (!tree) return [];
    const scrape = ctx.scrapeIntervalSeconds;
    return rangeWindows(rule.expr, tree)
      .filter((w) => w.kind === 'matrix')
      .flatMap((w) => {
        const s = parseDuration(w.range);
        const at = `(line ${w.position.line}, column ${w.position.column})`;
        if (s === undefined) return [{ field: 'expr', message: `range [${w.range}] is not a plain duration ${at}`, fix: 'write ranges like [5m]' }];
        if (s >= 2 * scrape) return [];
        return [{
          field: 'expr',
          message: `range [${w.range}] holds fewer than two scrapes (scrape interval ${scrape}s) ${at}, so rate() over it is mostly empty`,
          fix: `use a range of at least ${Math.ceil((2 * scrape) / 60)}m; 5m or more is safe here`,
        }];
      });
  },
};
