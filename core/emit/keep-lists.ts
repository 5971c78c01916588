// The metrics each scrape job must let through its metric_relabel_configs keep-list for the rules to
// see them (docs/design/legacy-findings.md item 7: keep-lists written apart from the rules dropped what rules read).
// Derived from the rules' selectors, so a new alert brings its metrics with it.
import type { RuleGroup } from '../rules.ts';
import { selectors } from '../promql.ts';
import type { Catalogue, ScrapeJob } from '../../metrics/types.ts';
import { generatedHeader, toYaml } from './yaml.ts';

// Series Prometheus makes itself: no keep-list can drop them.
const synthetic = new Set(['up', 'scrape_duration_seconds', 'scrape_samples_scraped', 'scrape_series_added']);

export function requiredMetrics(groups: readonly RuleGroup[], catalogue: Catalogue): Map<ScrapeJob, string[]> {
  const byJob = new Map<ScrapeJob, Set<string>>();
  for (const g of groups) {
    for (const r of g.rules) {
      for (const sel of selectors(r.expr)) {
        if (!sel.metric || synthetic.has(sel.metric)) continue;
        const def = catalogue.lookup(sel.metric);
        if (!def) continue; // validation has already refused it
        const job = def.producer.scrapeJob;
        if (!byJob.has(job)) byJob.set(job, new Set());
        byJob.get(job)!.add(sel.metric);
      }
    }
  }
  return new Map([...byJob].sort(([a], [b]) => a.localeCompare(b)).map(([job, names]) => [job, [...names].sort()]));
}

export function keepListsFile(groups: readonly RuleGroup[], catalogue: Catalogue): string {
  const jobs = Object.fromEntries(
    [...requiredMetrics(groups, catalogue)].map(([job, names]) => [
      job,
      {
        metrics: names,
        // Merge this regex into the job's existing `action: keep` rule (alternatives joined with |).
        keep_regex: names.map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'),
      },
    ]),
  );
  return (
    generatedHeader +
    '# Metrics the rules read, per scrape job. Each job that filters with metric_relabel_configs\n' +
    '# (source_labels: [__name__], action: keep) must let every name below through, or those alerts are blind.\n' +
    toYaml(jobs)
  );
}
