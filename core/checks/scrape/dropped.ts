// scrape/dropped: a rule reads a series that the scrape job collecting it removes with its metric_relabel_configs
// (a keep-list that does not name it, a drop rule that matches it, a rename), so the series never reaches the
// rules. Keep- and drop-lists are written apart from the rules and drift from them (docs/design/legacy-findings.md,
// item 7). Known only when the linter is given the scrape config: which jobs collect each producer is in the context.
// When every job the selector can read from removes the series, the rule can never see it (an error); when only
// some do, it sees the series of the others alone (a note, naming both).
import { relabelMetric, type RelabelConfig, type RelabelOutcome } from '../../relabel.ts';
import type { Check, Position, ScrapeJobModel } from '../model.ts';
import { regexMatches } from '../selector/unknown-label.ts';
import { knownSelectors, where } from '../selector/known.ts';
import type { Matcher } from '../../promql.ts';

function jobMatches(job: ScrapeJobModel, matchers: readonly Matcher[]): boolean {
  // with honor_labels the series keep the job label they were exposed with, which need not be the job's name
  if (job.honorLabels) return true;
  return nameMatches(job, matchers);
}

function nameMatches(job: ScrapeJobModel, matchers: readonly Matcher[]): boolean {
  return matchers.every((m) => {
    switch (m.op) {
      case '=': return job.name === m.value;
      case '!=': return job.name !== m.value;
      case '=~': return regexMatches(m.value, [job.name]);
      case '!~': return !regexMatches(m.value, [job.name]);
    }
  });
}

function describeRule(rule: RelabelConfig): string {
  const regex = rule.regex ?? '(.*)';
  const shown = regex.length > 60 ? `${regex.slice(0, 57)}...` : regex;
  return `action ${rule.action ?? 'replace'}${rule.source_labels ? ` on [${rule.source_labels.join(', ')}]` : ''}, regex "${shown}"`;
}

// Rules read the same metrics over and over: what a job does to one is worked out once.
const outcomes = new WeakMap<ScrapeJobModel, Map<string, RelabelOutcome>>();
function relabelled(job: ScrapeJobModel, metric: string, labels: Record<string, string>): RelabelOutcome {
  let seen = outcomes.get(job);
  if (!seen) outcomes.set(job, (seen = new Map()));
  const key = `${metric}\0${JSON.stringify(labels)}`;
  let out = seen.get(key);
  if (!out) seen.set(key, (out = relabelMetric(job.metricRelabelConfigs, metric, labels)));
  return out;
}

const at = (p: Position | undefined) => (p ? ` (${p.file}${p.line !== undefined ? `:${p.line}` : ''})` : '');

export const check: Check = {
  id: 'scrape/dropped',
  summary: "a rule must not read a series its scrape job's metric_relabel_configs remove",
  rule: (s, ctx) => {
    if (!ctx.scrapeJobs) return [];
    return knownSelectors(s, ctx).flatMap(({ sel, def }) => {
      // no entry: series Prometheus makes itself (up, ALERTS), which no metric_relabel_configs sees
      const own = ctx.scrapeJobs!.get(def.producer.id);
      if (!own) return [];
      const jobMatchers = sel.matchers.filter((m) => m.name === 'job');
      // The jobs the selector reads from: a job matcher that names jobs of the config reads those (one the
      // inventory did not recognise as the producer's may still collect it); one that names none may mean a job
      // label the series bring themselves (honor_labels: a Pushgateway's pushed job); without one, every job of
      // the producer.
      const named = jobMatchers.length ? (ctx.allScrapeJobs ?? own).filter((j) => nameMatches(j, jobMatchers)) : [];
      const jobs = named.length ? named : own.filter((j) => jobMatches(j, jobMatchers));
      if (jobs.length === 0) return [];
      // label values the selector fixes are what the series carry (a drop rule may read them)
      const known = Object.fromEntries(sel.matchers.filter((m) => m.op === '=').map((m) => [m.name, m.value]));
      const results = jobs.map((job) => ({ job, out: relabelled(job, sel.metric!, job.honorLabels ? known : { ...known, job: job.name }) }));
      const renames = (out: RelabelOutcome) => out.survives !== false && out.name !== undefined && out.name !== sel.metric;
      const removed = results.filter(({ out }) => out.survives === false || renames(out));
      const how = (rs: typeof results) => rs.map(({ job, out }) => {
        const index = out.removedBy?.index;
        const rule = out.removedBy?.rule;
        if (renames(out)) return `job "${job.name}"${at(job.at)} renames it to ${out.name}`;
        return `job "${job.name}"${at(job.at)} removes it: metric_relabel_configs rule ${index! + 1} (${describeRule(rule!)})${at(job.ruleAt?.[index!])}`;
      }).join('; ');
      if (removed.length < results.length) {
        // a job that renames every metric it scrapes (a prefix for another site's exporter) is not dropping this one
        const dropping = results.filter(({ out }) => out.survives === false);
        if (dropping.length === 0) return [];
        const through = results.filter((r) => !removed.includes(r)).map(({ job }) => `"${job.name}"`);
        return [{
          field: 'expr',
          message: `${where(sel)}: ${sel.metric} reaches the rules only through job${through.length > 1 ? 's' : ''} ${through.join(', ')}: ${how(dropping)}`,
          fix: `if the rule is meant for what ${dropping.map(({ job }) => `"${job.name}"`).join(', ')} scrape${dropping.length > 1 ? '' : 's'}, let ${sel.metric} through there; else select the job it reads (job="...")`,
          severity: 'info',
        }];
      }
      return [{
        field: 'expr',
        message: `${where(sel)}: ${sel.metric} never reaches the rules: ${how(removed)}`,
        fix: `let ${sel.metric} through that rule (add it to the keep regex, or narrow the drop regex), or read another metric`,
      }];
    });
  },
};
