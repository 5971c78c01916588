import type { RelabelConfig } from '../../relabel.ts';
import type { ScrapeJobModel } from '../model.ts';
import { tableTest } from '../testing.ts';
import { check } from './dropped.ts';

const job = (name: string, rules: RelabelConfig[], honorLabels = false): ScrapeJobModel => ({
  name, honorLabels, metricRelabelConfigs: rules, ruleAt: rules.map((_, i) => ({ file: 'prometheus.yml', line: 20 + i * 3 })), at: { file: 'prometheus.yml', line: 10 },
});
const keep = (regex: string): RelabelConfig => ({ source_labels: ['__name__'], regex, action: 'keep' });
const drop = (regex: string, sources = ['__name__']): RelabelConfig => ({ source_labels: sources, regex, action: 'drop' });
const scraped = (...jobs: ScrapeJobModel[]) => ({ scrapeJobs: new Map([['technitium-exporter', jobs]]), allScrapeJobs: jobs });
const withOthers = (own: ScrapeJobModel[], others: ScrapeJobModel[]) => ({ scrapeJobs: new Map([['technitium-exporter', own]]), allScrapeJobs: [...own, ...others] });

tableTest(check, [
  { name: 'refuses a metric the keep-list of its job leaves out', rule: { expr: 'technitium_up == 0' }, ctx: scraped(job('endpoints', [keep('technitium_zones|up')])), findings: 1 },
  { name: 'accepts a metric the keep-list names', rule: { expr: 'technitium_up == 0' }, ctx: scraped(job('endpoints', [keep('technitium_up|up')])), findings: 0 },
  { name: 'anchors the regex: a keep of a prefix keeps only that name', rule: { expr: 'technitium_up == 0' }, ctx: scraped(job('endpoints', [keep('technitium_u')])), findings: 1 },
  { name: 'refuses a metric a drop rule matches', rule: { expr: 'technitium_zones > 0' }, ctx: scraped(job('endpoints', [drop('technitium_zone.*')])), findings: 1 },
  { name: 'applies the rules in order: kept, then dropped', rule: { expr: 'technitium_zones > 0' }, ctx: scraped(job('endpoints', [keep('technitium_.*'), drop('technitium_zones')])), findings: 1 },
  { name: 'notes a metric one job removes and another delivers, naming both', rule: { expr: 'technitium_up == 0' }, ctx: scraped(job('a', [keep('up')]), job('b', [])), findings: 1 },
  { name: 'reads from another job of the config that the job matcher names', rule: { expr: 'technitium_up{job="static"} == 0' }, ctx: withOthers([job('endpoints', [keep('up')], true)], [job('static', [])]), findings: 0 },
  { name: 'applies the relabelling of that other job too', rule: { expr: 'technitium_up{job="static"} == 0' }, ctx: withOthers([job('endpoints', [keep('up')], true)], [job('static', [drop('technitium_.*')])]), findings: 1 },
  { name: 'narrows to the jobs a job matcher selects', rule: { expr: 'technitium_up{job="a"} == 0' }, ctx: scraped(job('a', [keep('up')]), job('b', [])), findings: 1 },
  { name: 'reads the job a job matcher names, not an honor_labels job beside it', rule: { expr: 'technitium_up{job="b"} == 0' }, ctx: scraped(job('a', [], true), job('b', [keep('up')])), findings: 1 },
  { name: 'reads an honor_labels job when the job matcher names no job (a job label the series bring)', rule: { expr: 'technitium_up{job="pushed-by-a-cronjob"} == 0' }, ctx: scraped(job('a', [keep('up')], true), job('b', [])), findings: 1 },
  { name: '... and accepts the metric when that job keeps it', rule: { expr: 'technitium_up{job="pushed-by-a-cronjob"} == 0' }, ctx: scraped(job('a', [], true), job('b', [keep('up')])), findings: 0 },
  { name: 'refuses a metric its job renames', rule: { expr: 'technitium_up == 0' }, ctx: scraped(job('endpoints', [{ source_labels: ['__name__'], regex: '(.*)', target_label: '__name__', replacement: 'dns_${1}' }])), findings: 1 },
  { name: 'decides a rule on other labels when the selector fixes them', rule: { expr: 'technitium_up{server="primary"} == 0' }, ctx: scraped(job('endpoints', [drop('technitium_up;primary', ['__name__', 'server'])])), findings: 1 },
  { name: 'does not guess a label value the selector leaves open', rule: { expr: 'technitium_up == 0' }, ctx: scraped(job('endpoints', [drop('technitium_up;primary', ['__name__', 'server'])])), findings: 0 },
  { name: 'says nothing without a scrape config', rule: { expr: 'technitium_up == 0' }, findings: 0 },
  { name: 'says nothing of series no relabelling sees (a producer without jobs in the context), whatever the job matcher', rule: { expr: 'up{job="a"} == 0' }, ctx: scraped(job('a', [keep('nothing')])), findings: 0 },
]);
