// Types of the metric catalogue: what a metric is, which labels it carries and who produces it.
// Alerts, dashboards, exporters, the generated relabel configs and the docs all read the same entries.

/** `untyped`: the producer does not say (e.g. node_exporter's netstat fields); checks on the type leave it alone. */
export type MetricType = 'counter' | 'gauge' | 'histogram' | 'summary' | 'untyped';

/** A label a metric carries. `values` lists the allowed values where they are bounded. */
export interface LabelSpec {
  readonly name: string;
  readonly values?: readonly string[];
  readonly help?: string;
}

/**
 * How Prometheus gets a producer's series; decides which target labels are added. This package's own producers
 * name one of its jobs; producers the linter reads from inventories (lint/) may be scraped under any job name.
 * `rule-evaluation`: series Prometheus writes itself while evaluating alerting rules (ALERTS), never scraped.
 */
export type ScrapeJob =
  | 'kubernetes-service-endpoints'
  | 'kubernetes-nodes-cadvisor'
  | 'prometheus-pushgateway'
  | 'uptime-kuma'
  | 'traefik'
  | 'blackbox-authentik-walloff'
  | 'rule-evaluation'
  | (string & {});

/**
 * The series that exists whenever a producer is alive. While it is missing, every alert that reads the
 * producer is blind; the build generates an alert for it (core/heartbeats.ts). Equality matchers only, so
 * the generated rule and its tests know the exact series.
 *   series: one of the producer's own metrics, `metric{matchers}`, present: it is scraped AND what it sends
 *           survives the scrape's relabelling (a keep-list that drops it is caught too);
 *   scrape: `up{matchers} == 1`, the producer's scrape target answering (for a job that filters nothing);
 *   push:   `push_time_seconds{matchers}` younger than `maxAge`, the pusher having pushed lately.
 */
export type Heartbeat =
  | { readonly kind: 'series'; readonly alert: string; readonly metric: string; readonly matchers: Readonly<Record<string, string>> }
  | { readonly kind: 'scrape'; readonly alert: string; readonly matchers: Readonly<Record<string, string>> }
  | { readonly kind: 'push'; readonly alert: string; readonly matchers: Readonly<Record<string, string>>; readonly maxAge: string };

export interface Producer {
  readonly id: string;
  readonly description: string;
  /**
   * Its heartbeat, or 'self' for Prometheus itself (it cannot alert on its own absence). Our own programs'
   * heartbeats depend on the names they are deployed under, so the domain that deploys them declares them
   * (Domain.heartbeats); undefined here means "declared by a domain".
   */
  readonly heartbeat?: Heartbeat | 'self';
  /**
   * The producer whose scrape brings this one's series (e.g. a batch job's pushes come with the Pushgateway's
   * scrape): while that one is silent, this one's alerts and heartbeat are blind too.
   */
  readonly via?: string;
  readonly scrapeJob: ScrapeJob;
  /** Further jobs that scrape some of its instances (the tmpfs-exporter's sidecars: `kubernetes-pods`). */
  readonly alsoScrapedBy?: readonly ScrapeJob[];
  /** Labels added by the scrape (service discovery, relabelling, or the pushed grouping key). */
  readonly targetLabels: readonly string[];
  /** True for our own exporters: they register their metrics from this catalogue. */
  readonly ours: boolean;
  /** The version the metric list describes (producer inventories say; our catalogue does not need to). */
  readonly version?: string;
  /**
   * Metric name prefixes this producer owns (e.g. `kube_`): a name with one of them that the producer does not
   * list is a metric it never emits, not a metric of some unknown producer.
   */
  readonly namespaces?: readonly string[];
  /** The scrape may add any label (a relabel `labelmap`, a Pushgateway grouping key): target labels are open. */
  readonly anyTargetLabel?: boolean;
}

/** A metric upstream removed or renamed: what replaces it, and from which version of its producer. */
export interface Retirement {
  /** The first version of the producer without the metric. */
  readonly version: string;
  /** What to read instead (a metric, or a selector), when there is a replacement. */
  readonly replacement?: string;
  readonly note?: string;
  /** Where this is recorded upstream (changelog, migration guide). */
  readonly source?: string;
  /** True when the producer version in use no longer emits it; false when only a later version drops it. */
  readonly gone: boolean;
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
  /**
   * For a family whose names the producer builds at run time (node_exporter's `node_vmstat_<field>`): a JavaScript
   * regular expression, matched against the whole series name; `name` is then how the family is shown.
   */
  readonly pattern?: string;
  /** Label name prefixes filled at run time (kube-state-metrics' `label_<k8s label>`); `''` admits any label. */
  readonly labelPrefixes?: readonly string[];
  /** Set when upstream removed or renamed the metric. */
  readonly retired?: Retirement;
  /** What the producer's source says about when it is emitted (an opt-in flag, a feature gate). */
  readonly note?: string;
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
 * Label names a metric can carry: the listed ones, plus any name with one of `prefixes` (`''`: any name at all).
 * A Set, so the checks that ask `has()` see run-time labels as carried; iterating gives the listed names.
 */
export class LabelNames extends Set<string> {
  constructor(
    names: Iterable<string>,
    readonly prefixes: readonly string[] = [],
  ) {
    super(names);
  }

  override has(name: string): boolean {
    return super.has(name) || this.prefixes.some((p) => name.startsWith(p));
  }
}

/**
 * What is known to exist: metrics by series name, with the labels each carries in Prometheus. The checks
 * receive one as an argument, so the build (our catalogue) and the linter (producer inventories) share them.
 */
export class Catalogue {
  private readonly byName = new Map<string, MetricDef>();
  private readonly patterns: { readonly re: RegExp; readonly def: MetricDef }[] = [];
  private namespaces: { readonly prefix: string; readonly producer: Producer }[] | undefined;
  private known: string[] | undefined;

  constructor(readonly metrics: readonly MetricDef[]) {
    for (const m of metrics) {
      if (m.pattern !== undefined) {
        this.patterns.push({ re: new RegExp(`^(?:${m.pattern})$`), def: m });
        continue;
      }
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
    return this.patterns.find((p) => p.re.test(seriesName))?.def;
  }

  /** The producer whose namespace (name prefix) the name is in, longest prefix first, or undefined. */
  claimant(seriesName: string): Producer | undefined {
    this.namespaces ??= [...new Set(this.metrics.map((m) => m.producer))].flatMap((producer) => (producer.namespaces ?? []).map((prefix) => ({ prefix, producer })));
    let best: { prefix: string; producer: Producer } | undefined;
    for (const n of this.namespaces) if (seriesName.startsWith(n.prefix) && n.prefix.length > (best?.prefix.length ?? 0)) best = n;
    return best?.producer;
  }

  get(name: string): MetricDef {
    const m = this.byName.get(name);
    if (!m) throw new Error(`metric ${name} is not in the catalogue`);
    return m;
  }

  /** All labels a series of this metric can carry in Prometheus: its own plus its producer's target labels. */
  labels(m: MetricDef): Set<string> {
    const names = [...m.labels.map((l) => l.name), ...m.producer.targetLabels];
    const prefixes = [...(m.labelPrefixes ?? []), ...(m.producer.anyTargetLabel ? [''] : [])];
    return prefixes.length ? new LabelNames(names, prefixes) : new Set(names);
  }

  /** Every metric name this catalogue knows (series names of histograms included), for "did you mean". */
  names(): string[] {
    this.known ??= this.metrics.filter((m) => m.pattern === undefined && !m.retired?.gone).flatMap((m) => seriesNames(m));
    return [...this.known];
  }
}
