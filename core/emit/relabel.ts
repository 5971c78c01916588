// generated/prometheus/scrape-metric-relabel-configs.yml: for each scrape job whose series the package reads,
// the complete metric_relabel_configs that job should run so that every metric the package's rules, dashboards
// and runbooks read survives, whatever the cluster's own drop and keep rules say (docs/design/legacy-findings.md
// item 7: keep-lists written apart from the rules dropped what rules read; a drop rule runs BEFORE the keep
// rule, so adding names to the keep-list alone cannot save a dropped metric).
//
// How: the cluster's rules are kept, in order, and made to spare the package's metrics. A first rule marks
// them with a temporary label; every `drop` and `keep` on __name__ then also reads that label, so a marked
// series is never dropped and always kept; a last rule removes the label. Nothing else changes.
import { selectors } from '../promql.ts';
import type { RelabelConfig } from '../relabel.ts';
import type { Catalogue, ScrapeJob } from '../../metrics/types.ts';
import { generatedHeader, toYaml } from './yaml.ts';

export type { RelabelConfig } from '../relabel.ts';

/** The cluster's current metric_relabel_configs, by job name (undefined or [] when a job filters nothing). */
export type ClusterRelabelling = ReadonlyMap<string, readonly RelabelConfig[]>;

// Series Prometheus makes itself: no relabel rule sees them.
const synthetic = new Set(['up', 'scrape_duration_seconds', 'scrape_samples_scraped', 'scrape_series_added', 'scrape_samples_post_metric_relabeling', 'ALERTS', 'ALERTS_FOR_STATE']);

export const markLabel = '__tmp_homelab_observability_keep';

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

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The cluster's rules, made to spare series carrying the mark. */
export function spareMarked(rules: readonly RelabelConfig[]): RelabelConfig[] {
  return rules.map((r) => {
    const action = r.action ?? 'replace';
    if (action !== 'drop' && action !== 'keep') return r;
    const sep = r.separator ?? ';';
    const regex = r.regex ?? '(.*)';
    const sources = r.source_labels ?? [];
    // The mark is joined in front: unmarked series read "<sep><original>", marked ones "1<sep><original>".
    return {
      ...r,
      source_labels: [markLabel, ...sources],
      regex: action === 'drop' ? `${escapeRe(sep)}(?:${regex})` : `1${escapeRe(sep)}.*|${escapeRe(sep)}(?:${regex})`,
    };
  });
}

export function completeRelabelConfigs(metrics: readonly string[], current: readonly RelabelConfig[]): RelabelConfig[] {
  return [
    { source_labels: ['__name__'], regex: metrics.map(escapeRe).join('|'), target_label: markLabel, replacement: '1', action: 'replace' },
    ...spareMarked(current),
    { regex: markLabel, action: 'labeldrop' },
  ];
}

export function relabelConfigsFile(exprs: readonly string[], catalogue: Catalogue, cluster: ClusterRelabelling): string {
  const jobs = Object.fromEntries(
    [...requiredMetrics(exprs, catalogue)].map(([job, names]) => [
      job,
      { reads: names, metric_relabel_configs: completeRelabelConfigs(names, cluster.get(job) ?? []) },
    ]),
  );
  return (
    generatedHeader +
    "# Per scrape job: the metrics this package's rules, dashboards and runbooks read, and the COMPLETE\n" +
    "# metric_relabel_configs the job should run: the cluster's own rules (cluster/scrape-configs.yml) in their order,\n" +
    '# made to spare those metrics. Replace the job\'s metric_relabel_configs with it; nothing else changes.\n' +
    toYaml(jobs)
  );
}
