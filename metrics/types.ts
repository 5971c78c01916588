// Types of the metric catalogue: what a metric is, which labels it carries and who produces it.
// Alerts, dashboards, exporters, keep-lists and docs all read the same entries (DESIGN.md, "One model").

export type MetricType = 'counter' | 'gauge' | 'histogram' | 'summary';

/** A label a metric carries. `values` lists the allowed values where they are bounded. */
export interface LabelSpec {
  readonly name: string;
  readonly values?: readonly string[];
  readonly help?: string;
}

/**
 * How Prometheus gets a producer's series; decides which target labels are added. `rule-evaluation`: series
 * Prometheus writes itself while evaluating alerting rules (ALERTS), never scraped.
 */
export type ScrapeJob =
  | 'kubernetes-service-endpoints'
  | 'kubernetes-nodes-cadvisor'
  | 'prometheus-pushgateway'
  | 'uptime-kuma'
  | 'rule-evaluation';

export interface Producer {
  readonly id: string;
  readonly description: string;
  readonly scrapeJob: ScrapeJob;
  /** Labels added by the scrape (service discovery, relabelling, or the pushed grouping key). */
  readonly targetLabels: readonly string[];
  /** True for our own exporters: they register their metrics from this catalogue. */
  readonly ours: boolean;
}

export interface MetricDef {
  readonly name: string;
  readonly type: MetricType;
  readonly help: string;
  /** Labels the producer itself puts on the series (target labels come from the producer). */
  readonly labels: readonly LabelSpec[];
  readonly producer: Producer;
  /** Metric names a histogram or summary exposes besides its base name. */
  readonly unit?: string;
}

export function label(name: string, values?: readonly string[], help?: string): LabelSpec {
  return { name, ...(values ? { values } : {}), ...(help ? { help } : {}) };
}

/** The series names a metric exposes: a histogram `x` is read as `x_bucket`, `x_sum`, `x_count`. */
export function seriesNames(m: MetricDef): string[] {
  if (m.type === 'histogram') return [`${m.name}_bucket`, `${m.name}_sum`, `${m.name}_count`];
  if (m.type === 'summary') return [m.name, `${m.name}_sum`, `${m.name}_count`];
  return [m.name];
}

/**
 * What is known to exist: metrics by series name, with the labels each carries in Prometheus. The checks
 * receive one as an argument, so the build (our catalogue) and the linter (producer inventories) share them.
 */
export class Catalogue {
  private readonly byName = new Map<string, MetricDef>();

  constructor(readonly metrics: readonly MetricDef[]) {
    for (const m of metrics) {
      const seen = this.byName.get(m.name);
      if (seen) throw new Error(`metric ${m.name} is listed twice (producers ${seen.producer.id} and ${m.producer.id})`);
      this.byName.set(m.name, m);
    }
  }

  /** The entry of a series name (`x_count` resolves to histogram or summary `x`), or undefined. */
  lookup(seriesName: string): MetricDef | undefined {
    const direct = this.byName.get(seriesName);
    if (direct) return direct;
    for (const suffix of ['_bucket', '_sum', '_count']) {
      if (!seriesName.endsWith(suffix)) continue;
      const base = this.byName.get(seriesName.slice(0, -suffix.length));
      if (base && (base.type === 'histogram' || (base.type === 'summary' && suffix !== '_bucket'))) return base;
    }
    return undefined;
  }

  get(name: string): MetricDef {
    const m = this.byName.get(name);
    if (!m) throw new Error(`metric ${name} is not in the catalogue`);
    return m;
  }

  /** All labels a series of this metric can carry in Prometheus: its own plus its producer's target labels. */
  labels(m: MetricDef): Set<string> {
    return new Set([...m.labels.map((l) => l.name), ...m.producer.targetLabels]);
  }

  /** Every metric name this catalogue knows (series names of histograms included), for "did you mean". */
  names(): string[] {
    return this.metrics.flatMap((m) => seriesNames(m));
  }
}
