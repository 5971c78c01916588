// The metrics each scrape job must let through its metric_relabel_configs keep-list for the rules to
// see them (docs/design/legacy-findings.md item 7: keep-lists written apart from the rules dropped what rules read).
// Derived from every expression the package reads (rules, dashboard panels), so a new alert brings its metrics.
import { selectors } from '../promql.ts';
import type { Catalogue, ScrapeJob } from '../../metrics/types.ts';
import { generatedHeader, toYaml } from './yaml.ts';

// Series Prometheus makes itself (per scrape target, or from its alerting rules): no keep-list can drop them.
const synthetic = new Set(['up', 'scrape_duration_seconds', 'scrape_samples_scraped', 'scrape_series_added', 'ALERTS', 'ALERTS_FOR_STATE']);

/** Per scrape job, the metric names `exprs` read (metrics Prometheus makes itself left out). */
export function requiredMetrics(exprs: readonly string[], catalogue: Catalogue): Map<ScrapeJob, string[]> {
  const byJob = new Map<ScrapeJob, Set<string>>();
  for (const expr of exprs) {
    for (const sel of selectors(expr)) {
      if (!sel.metric || synthetic.has(sel.metric)) continue;
      const def = catalogue.lookup(sel.metric);
      if (!def) continue; // the checks have already refused it
      const job = def.producer.scrapeJob;
      if (!byJob.has(job)) byJob.set(job, new Set());
      byJob.get(job)!.add(sel.metric);
    }
  }
  return new Map([...byJob].sort(([a], [b]) => a.localeCompare(b)).map(([job, names]) => [job, [...names].sort()]));
}

export function keepListsFile(exprs: readonly string[], catalogue: Catalogue): string {
  const jobs = Object.fromEntries(
    [...requiredMetrics(exprs, catalogue)].map(([job, names]) => [
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
    '# Metrics the rules and dashboard panels read, per scrape job. Each job that filters with metric_relabel_configs\n' +
    '# (source_labels: [__name__], action: keep) must let every name below through, or those alerts and panels are blind.\n' +
    toYaml(jobs)
  );
}
