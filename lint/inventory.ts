// Producer inventories: what one program emits at one version (metric names, types, labels), how Prometheus
// usually scrapes it, and what upstream removed or renamed. The files of metrics/inventories/ are taken from
// each producer's source (their headers say from which repository, tag and files); a user adds their own with
// --inventory in the same format. The producers of this package's own catalogue that no file describes (our
// exporters, the cluster's pushed jobs) become inventories here, so no fact is written twice.
import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { LineCounter, parseDocument, type Node } from 'yaml';
import type { Catalogue, MetricType } from '../metrics/types.ts';
import { pushedScrapeJobs } from '../metrics/catalogue.ts';

export const inventoryDir = resolve(import.meta.dirname, '../metrics/inventories');

export interface InventoryLabel {
  readonly name: string;
  readonly values?: readonly string[];
}

export interface InventoryMetric {
  /** The metric name (a histogram's base name), or how a `pattern` family is shown. */
  readonly name: string;
  /** A family whose names are built at run time: a regular expression over the whole series name. */
  readonly pattern?: string;
  readonly type: MetricType;
  readonly labels: readonly InventoryLabel[];
  readonly labelPrefixes?: readonly string[];
  readonly note?: string;
}

export interface InventoryChange {
  /** The metric upstream removed or renamed. */
  readonly name: string;
  /** The first version without it. */
  readonly removed: string;
  readonly replacement?: string;
  readonly type?: MetricType;
  /** Its labels in the versions that had it; without them any label is taken as carried. */
  readonly labels?: readonly InventoryLabel[];
  readonly note?: string;
  readonly source?: string;
}

/** How a scrape config's job is recognised as the one that collects this producer. */
export interface JobMatch {
  /** A Service annotation the job keeps on, `name` or `name=value` (value "true" when not given). */
  readonly serviceAnnotation?: string;
  readonly podAnnotation?: string;
  /** The job's metrics path (metrics_path, or the __metrics_path__ its relabelling sets) ends with this. */
  readonly metricsPath?: string;
  /** A static target the job scrapes, or with a leading ":" the port all its static targets use. */
  readonly staticTarget?: string;
}

export interface InventoryScrape {
  /** Job names this producer is usually scraped under; a job with one of these names is its job. */
  readonly jobs: readonly string[];
  /** When no job has one of those names: what identifies its job. */
  readonly match: readonly JobMatch[];
  /** Labels the scrape adds when no scrape config says (job, instance, and what service discovery adds). */
  readonly targetLabels: readonly string[];
  /** The scrape may add any label (a Pushgateway grouping key, a relabel labelmap). */
  readonly anyTargetLabel: boolean;
  /** Its series are pushed to the Pushgateway: held until the next push, so alerts need a staleness guard. */
  readonly pushed: boolean;
  /** False for series Prometheus makes itself (up, scrape_*, ALERTS): no metric_relabel_configs sees them. */
  readonly relabelled: boolean;
}

export interface Inventory {
  readonly producer: string;
  readonly description: string;
  readonly version?: string;
  readonly source?: { readonly repository: string; readonly ref?: string; readonly commit?: string; readonly files?: readonly string[] };
  /** Other inventories (fragments) whose metrics this producer also emits, e.g. the Go runtime's. */
  readonly includes: readonly string[];
  /** Only included by other inventories; not a producer of its own. */
  readonly fragment: boolean;
  readonly scrape: InventoryScrape;
  /** Name prefixes only this producer uses: an unlisted name with one of them is a metric it never emits. */
  readonly namespaces: readonly string[];
  readonly metrics: readonly InventoryMetric[];
  readonly changes: readonly InventoryChange[];
  /** The file it was read from (or where it was derived from). */
  readonly file: string;
}

/** A file that is not a valid inventory: says which file, where and what. */
export class InventoryError extends Error {
  constructor(
    readonly file: string,
    readonly line: number | undefined,
    readonly reason: string,
  ) {
    super(`${file}${line !== undefined ? `:${line}` : ''}: ${reason}`);
    this.name = 'InventoryError';
  }
}

const metricTypes: readonly MetricType[] = ['counter', 'gauge', 'histogram', 'summary', 'untyped'];
const metricNameRe = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const labelNameRe = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

/**
 * Reads one inventory file (JSON or YAML); throws InventoryError naming the file, line and field at fault. JSON is
 * read with JSON.parse (the shipped inventories: YAML parsing would cost most of the linter's start-up); the
 * line of a fault is looked up with the YAML parser only when there is one.
 */
export function readInventory(file: string, text = readFileSync(file, 'utf8')): Inventory {
  if (/\.json$/i.test(file)) {
    let root: unknown;
    try {
      root = JSON.parse(text);
    } catch {
      return readYamlInventory(file, text); // says where the JSON breaks
    }
    try {
      return validate(file, root, () => undefined);
    } catch (e) {
      if (e instanceof InventoryError) return readYamlInventory(file, text);
      throw e;
    }
  }
  return readYamlInventory(file, text);
}

function readYamlInventory(file: string, text: string): Inventory {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false });
  if (doc.errors.length) {
    const e = doc.errors[0]!;
    throw new InventoryError(file, lines.linePos(e.pos[0]).line, `not valid YAML: ${e.message.split('\n')[0]}`);
  }
  const lineOf = (path: readonly (string | number)[]): number | undefined => {
    const node = doc.getIn(path, true) as Node | undefined;
    return node?.range ? lines.linePos(node.range[0]).line : undefined;
  };
  return validate(file, doc.toJS() as unknown, lineOf);
}

function validate(file: string, root: unknown, lineOf: (path: readonly (string | number)[]) => number | undefined): Inventory {
  const fail = (path: readonly (string | number)[], reason: string): never => {
    throw new InventoryError(file, lineOf(path), `${path.length ? `${path.join('.')}: ` : ''}${reason}`);
  };
  if (typeof root !== 'object' || root === null || Array.isArray(root)) fail([], 'an inventory is a map with producer, description and metrics');
  const r = root as Record<string, unknown>;
  const str = (path: (string | number)[], v: unknown, required = false): string | undefined => {
    if (v === undefined || v === null) return required ? fail(path, 'is required') : undefined;
    if (typeof v !== 'string' && typeof v !== 'number') return fail(path, 'must be a string');
    return String(v);
  };
  const strList = (path: (string | number)[], v: unknown): string[] => {
    if (v === undefined || v === null) return [];
    if (!Array.isArray(v)) return fail(path, 'must be a list of strings');
    return v.map((x, i) => str([...path, i], x, true)!);
  };
  const typeOf = (path: (string | number)[], v: unknown, fallback?: MetricType): MetricType => {
    if ((v === undefined || v === null) && fallback) return fallback;
    if (!metricTypes.includes(v as MetricType)) return fail(path, `must be one of ${metricTypes.join(', ')}`);
    return v as MetricType;
  };
  const labels = (path: (string | number)[], v: unknown): InventoryLabel[] => {
    if (v === undefined || v === null) return [];
    if (!Array.isArray(v)) return fail(path, 'must be a list of label names (or {name, values})');
    return v.map((l, i): InventoryLabel => {
      const p = [...path, i];
      if (typeof l === 'string') {
        if (!labelNameRe.test(l)) fail(p, `"${l}" is not a label name`);
        return { name: l };
      }
      if (typeof l !== 'object' || l === null) return fail(p, 'must be a label name or {name, values}');
      const o = l as Record<string, unknown>;
      const name = str([...p, 'name'], o.name, true)!;
      if (!labelNameRe.test(name)) fail([...p, 'name'], `"${name}" is not a label name`);
      const values = o.values === undefined ? undefined : strList([...p, 'values'], o.values);
      return values ? { name, values } : { name };
    });
  };

  const producer = str(['producer'], r.producer, true)!;
  const fragment = r.fragment === true;
  const s = (r.scrape ?? {}) as Record<string, unknown>;
  if (typeof s !== 'object' || Array.isArray(s)) fail(['scrape'], 'must be a map');
  const match = (s.match ?? []) as unknown;
  if (!Array.isArray(match)) fail(['scrape', 'match'], 'must be a list of {serviceAnnotation|podAnnotation|metricsPath|staticTarget: ...}');
  const scrape: InventoryScrape = {
    jobs: strList(['scrape', 'jobs'], s.jobs),
    match: (match as unknown[]).map((m, i) => {
      const o = m as Record<string, unknown>;
      const keys = typeof o === 'object' && o !== null ? Object.keys(o) : [];
      if (keys.length !== 1 || !['serviceAnnotation', 'podAnnotation', 'metricsPath', 'staticTarget'].includes(keys[0]!)) {
        fail(['scrape', 'match', i], 'must be one of {serviceAnnotation: ...}, {podAnnotation: ...}, {metricsPath: ...}, {staticTarget: ...}');
      }
      return { [keys[0]!]: str(['scrape', 'match', i, keys[0]!], o[keys[0]!], true) } as JobMatch;
    }),
    targetLabels: strList(['scrape', 'targetLabels'], s.targetLabels ?? ['job', 'instance']),
    anyTargetLabel: s.anyTargetLabel === true,
    pushed: s.pushed === true,
    relabelled: s.relabelled !== false,
  };
  if (!Array.isArray(r.metrics)) fail(['metrics'], 'is required: a list of {name, type, labels}');
  const metrics = (r.metrics as unknown[]).map((m, i): InventoryMetric => {
    const p = ['metrics', i];
    if (typeof m !== 'object' || m === null) return fail(p, 'must be a map {name, type, labels}');
    const o = m as Record<string, unknown>;
    const name = str([...p, 'name'], o.name, true)!;
    const pattern = str([...p, 'pattern'], o.pattern);
    if (pattern === undefined && !metricNameRe.test(name)) fail([...p, 'name'], `"${name}" is not a metric name`);
    if (pattern !== undefined) {
      try {
        new RegExp(`^(?:${pattern})$`);
      } catch (e) {
        fail([...p, 'pattern'], `is not a regular expression: ${(e as Error).message}`);
      }
    }
    const note = str([...p, 'note'], o.note);
    const prefixes = o.labelPrefixes === undefined ? undefined : strList([...p, 'labelPrefixes'], o.labelPrefixes);
    return {
      name,
      ...(pattern !== undefined ? { pattern } : {}),
      type: typeOf([...p, 'type'], o.type),
      labels: labels([...p, 'labels'], o.labels),
      ...(prefixes ? { labelPrefixes: prefixes } : {}),
      ...(note !== undefined ? { note } : {}),
    };
  });
  const changes = ((r.changes ?? []) as unknown[]).map((c, i): InventoryChange => {
    const p = ['changes', i];
    if (typeof c !== 'object' || c === null) return fail(p, 'must be a map {name, removed, replacement}');
    const o = c as Record<string, unknown>;
    const name = str([...p, 'name'], o.name, true)!;
    if (!metricNameRe.test(name)) fail([...p, 'name'], `"${name}" is not a metric name`);
    const optional = (k: 'replacement' | 'note' | 'source') => {
      const v = str([...p, k], o[k]);
      return v !== undefined ? { [k]: v } : {};
    };
    return {
      name,
      removed: str([...p, 'removed'], o.removed, true)!,
      ...(o.type !== undefined ? { type: typeOf([...p, 'type'], o.type) } : {}),
      ...(o.labels !== undefined ? { labels: labels([...p, 'labels'], o.labels) } : {}),
      ...optional('replacement'),
      ...optional('note'),
      ...optional('source'),
    };
  });
  const source = r.source as Record<string, unknown> | undefined;
  const version = str(['version'], r.version);
  return {
    producer,
    description: str(['description'], r.description, true)!,
    ...(version !== undefined ? { version } : {}),
    ...(source
      ? {
          source: {
            repository: str(['source', 'repository'], source.repository, true)!,
            ...(source.ref !== undefined ? { ref: str(['source', 'ref'], source.ref)! } : {}),
            ...(source.commit !== undefined ? { commit: str(['source', 'commit'], source.commit)! } : {}),
            ...(source.files !== undefined ? { files: strList(['source', 'files'], source.files) } : {}),
          },
        }
      : {}),
    includes: strList(['includes'], r.includes),
    fragment,
    scrape,
    namespaces: strList(['namespaces'], r.namespaces),
    metrics,
    changes,
    file,
  };
}

/** The inventories shipped in metrics/inventories/ (every *.json there). */
export function builtinInventories(dir = inventoryDir): Inventory[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => readInventory(join(dir, f)));
}

/**
 * The producers of this package's catalogue (metrics/catalogue.ts) that no inventory file describes: our own
 * exporters and the cluster's jobs that push to the Pushgateway. Their scrape job is the one the catalogue names.
 */
export function catalogueInventories(catalogue: Catalogue, described: ReadonlySet<string>): Inventory[] {
  const byProducer = new Map<string, Catalogue['metrics'][number][]>();
  for (const m of catalogue.metrics) {
    if (described.has(m.producer.id)) continue;
    byProducer.set(m.producer.id, [...(byProducer.get(m.producer.id) ?? []), m]);
  }
  return [...byProducer.values()].map((ms): Inventory => {
    const p = ms[0]!.producer;
    const pushed = pushedScrapeJobs.has(p.scrapeJob);
    return {
      producer: p.id,
      description: p.description,
      includes: [],
      fragment: false,
      scrape: {
        jobs: [p.scrapeJob, ...(p.alsoScrapedBy ?? [])],
        match: pushed ? [{ serviceAnnotation: 'prometheus.io/probe=pushgateway' }] : [],
        targetLabels: p.targetLabels,
        // a pushed group carries the labels of its grouping key
        anyTargetLabel: pushed,
        pushed,
        relabelled: true,
      },
      namespaces: [],
      metrics: ms.map((m) => ({ name: m.name, type: m.type, labels: m.labels.map((l) => (l.values ? { name: l.name, values: l.values } : { name: l.name })) })),
      changes: [],
      file: 'metrics/catalogue.ts',
    };
  });
}
