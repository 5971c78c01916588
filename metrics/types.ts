// Types of the metric catalogue: what a metric is, which labels it carries and who produces it.
// Alerts, dashboards, exporters, keep-lists and docs all read the same entries (DESIGN.md, "One model").

export type MetricType = 'counter' | 'gauge' | 'histogram' | 'summary';

/** A label a metric carries. `values` lists the allowed values where they are bounded. */
export interface LabelSpec {
  readonly name: string;
  readonly values?: readonly string[];
  readonly help?: string;
}

/** How Prometheus gets a producer's series; decides which target labels are added. */
export type ScrapeJob =
  | 'kubernetes-service-endpoints'
  | 'kubernetes-nodes-cadvisor'
  | 'prometheus-pushgateway'
  | 'uptime-kuma';

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
