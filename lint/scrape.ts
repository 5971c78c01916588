// Scrape configs for the linter: the jobs of a Prometheus config, of chart values (serverFiles."prometheus.yml"
// and extraScrapeConfigs, also when that is a YAML string), or a plain list of jobs; which job collects each
// producer; which labels the job adds; and its metric_relabel_configs, with where each rule is written.
import type { Node } from 'yaml';
import { parseDuration } from '../core/duration.ts';
import { relabelActions, relabelRegex, type RelabelAction, type RelabelConfig } from '../core/relabel.ts';
import type { Position, ScrapeJobModel } from '../core/checks/model.ts';
import type { Inventory, JobMatch } from './inventory.ts';
import { embedded, entries, get, InputError, isStringScalar, items, keyNode, parseYaml, readText, scalar, type Located } from './yaml.ts';

export interface ScrapeJob extends ScrapeJobModel {
  readonly metricsPath: string | undefined;
  readonly staticTargets: readonly string[];
  /** Service / pod annotations the job keeps on, as `name=regex` (prometheus.io/scrape=true). */
  readonly keeps: readonly { readonly source: string; readonly regex: string }[];
  readonly kubernetesRoles: readonly string[];
  readonly targetLabels: readonly string[];
  /** A labelmap can add labels of any name. */
  readonly anyTargetLabel: boolean;
  readonly scrapeIntervalSeconds?: number;
}

export interface ScrapeConfig {
  readonly jobs: readonly ScrapeJob[];
  /** global.scrape_interval (or the chart's server.global.scrape_interval), seconds. */
  readonly scrapeIntervalSeconds?: number;
}

const pos = (at: Located, node: Node | null | undefined): Position => {
  const line = at.lineOf(node);
  return line !== undefined ? { file: at.file, line } : { file: at.file };
};

/** A job's relabel rules; `validate`: compile each regex now (metric_relabel_configs, which the checks apply). */
function relabelConfigs(at: Located, node: Node | undefined, where: string, validate: boolean): { rules: RelabelConfig[]; ruleAt: Position[] } {
  const rules: RelabelConfig[] = [];
  const ruleAt: Position[] = [];
  for (const item of items(node)) {
    const fail = (reason: string): never => {
      throw new InputError(at.file, at.lineOf(item), `${where}: ${reason}`);
    };
    const action = (scalar(get(item, 'action')) ?? 'replace').toLowerCase() as RelabelAction;
    if (!relabelActions.includes(action)) fail(`unknown relabel action "${action}"`);
    const regex = scalar(get(item, 'regex'));
    if (validate) {
      try {
        relabelRegex(regex);
      } catch (e) {
        fail(`regex "${regex}" is not RE2: ${(e as Error).message}`);
      }
    }
    const sources = items(get(item, 'source_labels')).map((n) => scalar(n) ?? '');
    const separator = get(item, 'separator');
    const target = scalar(get(item, 'target_label'));
    const replacement = get(item, 'replacement');
    const modulus = scalar(get(item, 'modulus'));
    rules.push({
      action,
      ...(sources.length ? { source_labels: sources } : {}),
      ...(separator ? { separator: scalar(separator) ?? '' } : {}),
      ...(regex !== undefined ? { regex } : {}),
      ...(target !== undefined ? { target_label: target } : {}),
      ...(replacement ? { replacement: scalar(replacement) ?? '' } : {}),
      ...(modulus !== undefined ? { modulus: Number(modulus) } : {}),
    });
    ruleAt.push(pos(at, item));
  }
  return { rules, ruleAt };
}

function readJob(at: Located, node: Node): ScrapeJob {
  const name = scalar(get(node, 'job_name'));
  if (!name) throw new InputError(at.file, at.lineOf(node), 'a scrape config without job_name');
  // target relabelling only tells which labels the job adds and what it keeps on: its regexes are compiled when read
  const relabel = relabelConfigs(at, get(node, 'relabel_configs'), `job "${name}" relabel_configs`, false);
  const metric = relabelConfigs(at, get(node, 'metric_relabel_configs'), `job "${name}" metric_relabel_configs`, true);
  const targetLabels = new Set(['job', 'instance']);
  const staticTargets: string[] = [];
  for (const sc of items(get(node, 'static_configs'))) {
    for (const t of items(get(sc, 'targets'))) staticTargets.push(scalar(t) ?? '');
    for (const [k] of entries(get(sc, 'labels'))) targetLabels.add(k);
  }
  let metricsPath = scalar(get(node, 'metrics_path'));
  let anyTargetLabel = false;
  const keeps: { source: string; regex: string }[] = [];
  for (const r of relabel.rules) {
    const action = r.action ?? 'replace';
    if (action === 'labelmap') {
      // labelmap copies matching labels to new names: target labels unless it maps into the internal __ names
      if (!(r.replacement ?? '$1').startsWith('__')) anyTargetLabel = true;
      continue;
    }
    if (action === 'keep' && r.source_labels?.length === 1) keeps.push({ source: r.source_labels[0]!, regex: r.regex ?? '(.*)' });
    if ((action === 'replace' || action === 'lowercase' || action === 'uppercase' || action === 'hashmod') && r.target_label) {
      if (r.target_label === '__metrics_path__') metricsPath = r.replacement ?? metricsPath;
      else if (!r.target_label.startsWith('__')) targetLabels.add(r.target_label);
    }
  }
  const interval = scalar(get(node, 'scrape_interval'));
  const seconds = interval !== undefined ? parseDuration(interval) : undefined;
  const honor = scalar(get(node, 'honor_labels')) === 'true';
  return {
    name,
    at: pos(at, keyNode(node, 'job_name') ?? node),
    honorLabels: honor,
    metricRelabelConfigs: metric.rules,
    ruleAt: metric.ruleAt,
    metricsPath,
    staticTargets,
    keeps,
    kubernetesRoles: items(get(node, 'kubernetes_sd_configs')).map((sd) => scalar(get(sd, 'role')) ?? ''),
    targetLabels: [...targetLabels],
    anyTargetLabel,
    ...(seconds !== undefined ? { scrapeIntervalSeconds: seconds } : {}),
  };
}

function jobsOf(at: Located, list: Node | undefined): ScrapeJob[] {
  if (list === undefined) return [];
  if (isStringScalar(list)) return embedded(at, list).flatMap((inner) => jobsOf(inner, inner.node));
  return items(list).map((j) => readJob(at, j));
}

/** Reads the jobs of one scrape-config file (any of the shapes above). */
export function readScrapeConfig(file: string): ScrapeConfig {
  const jobs: ScrapeJob[] = [];
  let interval: string | undefined;
  for (const doc of parseYaml(file, readText(file))) {
    if (items(doc.node).length) {
      jobs.push(...jobsOf(doc, doc.node));
      continue;
    }
    const serverFiles = get(doc.node, 'serverFiles');
    const promYml = get(serverFiles, 'prometheus.yml');
    const configs = [doc.node, ...(promYml ? (isStringScalar(promYml) ? embedded(doc, promYml).map((d) => d.node) : [promYml]) : [])];
    for (const c of configs) {
      jobs.push(...jobsOf(doc, get(c, 'scrape_configs')));
      interval ??= scalar(get(get(c, 'global'), 'scrape_interval'));
    }
    jobs.push(...jobsOf(doc, get(doc.node, 'extraScrapeConfigs')));
    interval ??= scalar(get(get(get(doc.node, 'server'), 'global'), 'scrape_interval'));
  }
  if (jobs.length === 0) {
    throw new InputError(file, undefined, 'finds no scrape jobs: expected scrape_configs:, a list of jobs, or chart values with serverFiles."prometheus.yml" / extraScrapeConfigs');
  }
  const seconds = interval !== undefined ? parseDuration(interval) : undefined;
  return { jobs, ...(seconds !== undefined ? { scrapeIntervalSeconds: seconds } : {}) };
}

export function mergeScrapeConfigs(configs: readonly ScrapeConfig[]): ScrapeConfig {
  const interval = configs.find((c) => c.scrapeIntervalSeconds !== undefined)?.scrapeIntervalSeconds;
  return { jobs: configs.flatMap((c) => c.jobs), ...(interval !== undefined ? { scrapeIntervalSeconds: interval } : {}) };
}

const annotationLabel = (kind: 'service' | 'pod', annotation: string) =>
  `__meta_kubernetes_${kind}_annotation_${annotation.replace(/[^a-zA-Z0-9_]/g, '_')}`;

function matches(job: ScrapeJob, m: JobMatch): boolean {
  for (const [kind, spec] of [['service', m.serviceAnnotation], ['pod', m.podAnnotation]] as const) {
    if (spec === undefined) continue;
    const [name, value = 'true'] = spec.split('=');
    const label = annotationLabel(kind, name!);
    return job.keeps.some((k) => {
      if (k.source !== label) return false;
      try {
        return relabelRegex(k.regex).matches(value);
      } catch {
        return false; // a regex Prometheus would refuse keeps nothing
      }
    });
  }
  if (m.metricsPath !== undefined) return (job.metricsPath ?? '/metrics').endsWith(m.metricsPath);
  // a target, or with a leading ":" a port every target of the job uses (":9100", the node exporter's)
  if (m.staticTarget !== undefined) {
    const t = m.staticTarget;
    return t.startsWith(':') ? job.staticTargets.length > 0 && job.staticTargets.every((x) => x.endsWith(t)) : job.staticTargets.includes(t);
  }
  return false;
}

/**
 * The jobs that collect a producer: those with one of its usual job names, or else those its match rules
 * recognise (a job keeping on the prometheus.io/scrape annotation for a producer discovered that way).
 */
export function jobsFor(inv: Inventory, config: ScrapeConfig): ScrapeJob[] {
  const byName = config.jobs.filter((j) => inv.scrape.jobs.includes(j.name));
  if (byName.length) return byName;
  return config.jobs.filter((j) => inv.scrape.match.some((m) => matches(j, m)));
}
