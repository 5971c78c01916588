// From producer inventories (and a scrape config, when given) to what the check registry reads: a Catalogue of
// every metric some producer emits or emitted, the scrape jobs that collect each producer, and which jobs push.
// A metric several producers emit (the Go runtime's go_*, process_*) belongs to all of them at once.
import { Catalogue, type MetricDef, type Producer, type Retirement } from '../metrics/types.ts';
import type { ScrapeJobModel } from '../core/checks/model.ts';
import { InventoryError, type Inventory, type InventoryMetric } from './inventory.ts';
import { jobsFor, type ScrapeConfig } from './scrape.ts';

export interface LintCatalogue {
  readonly catalogue: Catalogue;
  /**
   * Per producer id (merged producers included), the jobs that collect it; no entry for series no relabelling
   * sees (up, ALERTS); undefined without a scrape config.
   */
  readonly scrapeJobs: ReadonlyMap<string, readonly ScrapeJobModel[]> | undefined;
  /** Job names whose series are pushed (the staleness guard applies). */
  readonly pushedJobs: ReadonlySet<string>;
  readonly inventories: readonly Inventory[];
}

/** Compares two versions like v2.10.1 and 2.9.0 (numeric parts in order; a missing part counts as 0; words after the version are ignored). */
export function compareVersions(a: string, b: string): number {
  const parts = (v: string) => v.trim().split(/\s/)[0]!.replace(/^v/, '').split(/[.+-]/).map((p) => (/^\d+$/.test(p) ? Number(p) : 0));
  const pa = parts(a), pb = parts(b);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

export function buildCatalogue(inventories: readonly Inventory[], scrape?: ScrapeConfig): LintCatalogue {
  const byId = new Map<string, Inventory>();
  for (const inv of inventories) {
    // a later inventory of the same producer (a user's --inventory) replaces the shipped one
    byId.set(inv.producer, inv);
  }
  const producers = [...byId.values()].filter((inv) => !inv.fragment);

  const jobsOf = new Map<string, readonly ScrapeJobModel[]>();
  const producerOf = new Map<string, Producer>();
  for (const inv of producers) {
    const jobs = scrape && inv.scrape.relabelled ? jobsFor(inv, scrape) : [];
    if (scrape && inv.scrape.relabelled) jobsOf.set(inv.producer, jobs);
    const targetLabels = jobs.length ? [...new Set(jobs.flatMap((j) => j.targetLabels))] : inv.scrape.targetLabels;
    producerOf.set(inv.producer, {
      id: inv.producer,
      description: inv.description,
      scrapeJob: jobs[0]?.name ?? inv.scrape.jobs[0] ?? inv.producer,
      targetLabels,
      ours: false,
      ...(inv.version !== undefined ? { version: inv.version } : {}),
      ...(inv.namespaces.length ? { namespaces: inv.namespaces } : {}),
      ...(inv.scrape.anyTargetLabel || jobs.some((j) => j.anyTargetLabel) ? { anyTargetLabel: true } : {}),
    });
  }

  // every metric with the producers that emit it (a producer's own, then those of the fragments it includes)
  const emitted = new Map<string, { metric: InventoryMetric; producers: Inventory[] }>();
  const add = (metric: InventoryMetric, inv: Inventory) => {
    const key = metric.pattern !== undefined ? `pattern:${metric.pattern}` : metric.name;
    const seen = emitted.get(key);
    if (!seen) emitted.set(key, { metric, producers: [inv] });
    else if (!seen.producers.includes(inv)) {
      seen.producers.push(inv);
      // the same metric from two producers: carries the labels of both
      const labels = [...seen.metric.labels, ...metric.labels.filter((l) => !seen.metric.labels.some((s) => s.name === l.name))];
      seen.metric = { ...seen.metric, labels };
    }
  };
  for (const inv of producers) {
    for (const m of inv.metrics) add(m, inv);
    for (const name of inv.includes) {
      const frag = byId.get(name);
      if (!frag) throw new InventoryError(inv.file, undefined, `includes "${name}", which no inventory defines`);
      for (const m of frag.metrics) add(m, inv);
    }
  }

  const merged = new Map<string, Producer>();
  const producerFor = (invs: Inventory[]): Producer => {
    if (invs.length === 1) return producerOf.get(invs[0]!.producer)!;
    const id = invs.map((i) => i.producer).sort().join(', ');
    let p = merged.get(id);
    if (!p) {
      const parts = invs.map((i) => producerOf.get(i.producer)!);
      p = {
        id,
        description: `each of ${id}`,
        scrapeJob: parts[0]!.scrapeJob,
        targetLabels: [...new Set(parts.flatMap((x) => x.targetLabels))],
        ours: false,
        ...(parts.some((x) => x.anyTargetLabel) ? { anyTargetLabel: true } : {}),
      };
      merged.set(id, p);
      if (scrape && invs.some((i) => jobsOf.has(i.producer))) jobsOf.set(id, [...new Set(invs.flatMap((i) => jobsOf.get(i.producer) ?? []))]);
    }
    return p;
  };

  const metrics: MetricDef[] = [];
  for (const { metric, producers: invs } of emitted.values()) {
    metrics.push({
      name: metric.name,
      type: metric.type,
      help: '',
      labels: metric.labels,
      producer: producerFor(invs),
      ...(metric.pattern !== undefined ? { pattern: metric.pattern } : {}),
      ...(metric.labelPrefixes ? { labelPrefixes: metric.labelPrefixes } : {}),
      ...(metric.note !== undefined ? { note: metric.note } : {}),
    });
  }
  // what upstream removed: known names (so the checks can say what replaces them), unless still emitted
  for (const inv of producers) {
    for (const c of inv.changes) {
      const current = emitted.get(c.name);
      const gone = inv.version === undefined || compareVersions(inv.version, c.removed) >= 0;
      const retired: Retirement = {
        version: c.removed,
        ...(c.replacement !== undefined ? { replacement: c.replacement } : {}),
        ...(c.note !== undefined ? { note: c.note } : {}),
        ...(c.source !== undefined ? { source: c.source } : {}),
        gone,
      };
      if (current) {
        if (gone) throw new InventoryError(inv.file, undefined, `${c.name} is listed as emitted and as removed in ${c.removed}, before ${inv.version}`);
        const i = metrics.findIndex((m) => m.name === c.name && m.pattern === undefined);
        metrics[i] = { ...metrics[i]!, retired };
        continue;
      }
      if (!gone) continue;
      metrics.push({
        name: c.name,
        type: c.type ?? 'untyped',
        help: '',
        labels: c.labels ?? [],
        // labels nobody recorded: do not judge them
        ...(c.labels ? {} : { labelPrefixes: [''] }),
        producer: producerOf.get(inv.producer)!,
        retired,
      });
    }
  }

  const pushedJobs = new Set<string>();
  for (const inv of producers.filter((i) => i.scrape.pushed)) {
    const jobs = jobsOf.get(inv.producer);
    for (const name of jobs?.length ? jobs.map((j) => j.name) : inv.scrape.jobs) pushedJobs.add(name);
    pushedJobs.add(producerOf.get(inv.producer)!.scrapeJob);
  }
  return { catalogue: new Catalogue(metrics), scrapeJobs: scrape ? jobsOf : undefined, pushedJobs, inventories: producers };
}
