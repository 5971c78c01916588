// Dashboards as code: a thin layer over @grafana/grafana-foundation-sdk's classic dashboard builders that a
// domain's dashboards/<domain>.ts calls. It gives every dashboard what the build checks for (a stable uid,
// the datasource as a template variable, ids on every row and panel, legends, units), remembers which alerts
// each panel shows (the build links those alerts to the panel), and where each panel was declared (so a build
// error points at its line). The JSON it returns is what generated/grafana/dashboards/<uid>.json holds.
import type * as sdk from '@grafana/grafana-foundation-sdk/dashboard';
import type * as cog from '@grafana/grafana-foundation-sdk/cog';
import type * as prom from '@grafana/grafana-foundation-sdk/prometheus';
import type { GlobalConfig } from '../config.ts';
import { callSite, runbookUrl, type Origin } from '../rules.ts';
import { common, dashboard, prometheus, stat, table, timeseries } from './sdk.ts';

/** The template variable every query's datasource points at. */
export const datasourceVariable = 'datasource';
export const datasourceRef = { type: 'prometheus', uid: `\${${datasourceVariable}}` } as const;

/** A built dashboard, as the checks and the emitters read it. */
export interface DashboardDef {
  readonly uid: string;
  readonly title: string;
  /** The Grafana folder (the sidecar's grafana_folder annotation). */
  readonly folder: string;
  /** Where the dashboard was declared. */
  readonly origin: Origin;
  /** The classic dashboard JSON, as written to generated/grafana/dashboards/<uid>.json. */
  readonly json: sdk.Dashboard;
  /** Every row and panel, in the order declared. */
  readonly panels: readonly PanelInfo[];
}

export interface PanelInfo {
  readonly id: number;
  readonly kind: 'row' | 'panel';
  readonly title: string;
  /** Alerts whose condition this panel draws: each gets a dashboard_url annotation to it. */
  readonly shows: readonly string[];
  readonly origin: Origin;
}

/** Threshold steps as Grafana draws them: base first (value null is Grafana's -Infinity). */
export interface Threshold {
  readonly steps: readonly sdk.Threshold[];
}

/** Red from `value` up: the threshold of an alert that fires above it. */
export const above = (value: number): Threshold => ({ steps: [{ value: null, color: 'green' }, { value, color: 'red' }] });
/** Red below `value`: the threshold of an alert that fires below it. */
export const below = (value: number): Threshold => ({ steps: [{ value: null, color: 'red' }, { value, color: 'green' }] });

export interface QuerySpec {
  readonly expr: string;
  /** Grafana legend format, e.g. `{{server}}`; every label it names must survive the query (checked). */
  readonly legend: string;
  /** Evaluate at the end of the range only (tables, current state). */
  readonly instant?: boolean;
  /** Draw this series as a threshold (a dashed red line): for thresholds that are themselves a query, such as a baseline times a factor. */
  readonly threshold?: boolean;
}

export const query = (expr: string, legend: string, options: Omit<QuerySpec, 'expr' | 'legend'> = {}): QuerySpec => ({ expr, legend, ...options });

export interface PanelSpec {
  readonly title: string;
  /** What the panel shows and how to read it (shown on hover). */
  readonly description: string;
  /** A Grafana unit id (`short`, `reqps`, `percentunit`, `s`, `bytes`, …: the SDK's `units` module lists them). */
  readonly unit: string;
  readonly queries: readonly QuerySpec[];
  /** Grid columns of 24 (default 12). */
  readonly width?: number;
  /** Grid rows (default 8). */
  readonly height?: number;
  readonly min?: number;
  readonly max?: number;
  readonly decimals?: number;
  /** The threshold of the alerts in `shows`, from the same config value the alert reads. */
  readonly threshold?: Threshold;
  /** Alerts whose condition this panel draws. */
  readonly shows?: readonly string[];
}

export interface TimeseriesSpec extends PanelSpec {
  readonly stacked?: boolean;
  /** More of the SDK's timeseries options. */
  readonly customize?: (p: InstanceType<typeof timeseries.PanelBuilder>) => void;
}

export interface StatSpec extends PanelSpec {
  /** Value -> text (e.g. 1 -> "up"). */
  readonly mappings?: Readonly<Record<number, string>>;
  readonly customize?: (p: InstanceType<typeof stat.PanelBuilder>) => void;
}

export interface TableSpec extends PanelSpec {
  readonly customize?: (p: InstanceType<typeof table.PanelBuilder>) => void;
}

export interface DashboardOptions {
  /** Stable: links and bookmarks use it. At most 40 characters of [A-Za-z0-9_-] (checked). */
  readonly uid: string;
  readonly title: string;
  readonly description: string;
  readonly tags?: readonly string[];
  /** Default: the package's folder (GlobalConfig.grafanaFolder). */
  readonly folder?: string;
  readonly refresh?: string;
  /** Start of the default time range, e.g. `now-6h`. */
  readonly from?: string;
}

type PanelBuilder = cog.Builder<sdk.Panel> & { id(id: number): unknown };

/** One dashboard under construction: rows and panels in reading order, ids assigned as they come. */
export class DashboardDraft {
  private readonly builder: InstanceType<typeof dashboard.DashboardBuilder>;
  private readonly infos: PanelInfo[] = [];
  private nextId = 1;
  private readonly origin: Origin = callSite();
  private readonly folder: string;

  constructor(
    private readonly global: GlobalConfig,
    private readonly options: DashboardOptions,
  ) {
    this.folder = options.folder ?? global.grafanaFolder;
    this.builder = new dashboard.DashboardBuilder(options.title)
      .uid(options.uid)
      .description(options.description)
      .tags([global.grafanaTag, ...(options.tags ?? [])])
      .refresh(options.refresh ?? '1m')
      .time({ from: options.from ?? 'now-6h', to: 'now' })
      .timezone('browser')
      .tooltip(dashboard.DashboardCursorSync.Crosshair)
      .withVariable(new dashboard.DatasourceVariableBuilder(datasourceVariable).label('Data source').type('prometheus'))
      .link(
        new dashboard.DashboardLinkBuilder('Homelab dashboards')
          .type(dashboard.DashboardLinkType.Dashboards)
          .tags([global.grafanaTag])
          .asDropdown(true)
          .keepTime(true)
          .includeVars(false)
          .targetBlank(false),
      );
  }

  /** Starts a row (open: its panels follow it on the grid). */
  row(title: string): this {
    const id = this.nextId++;
    this.builder.withRow(new dashboard.RowBuilder(title).id(id));
    this.infos.push({ id, kind: 'row', title, shows: [], origin: callSite() });
    return this;
  }

  /** Any SDK panel builder; it gets the next id. Prefer timeseries/stat/table, which bring the conventions. */
  panel(p: PanelBuilder, options: { readonly shows?: readonly string[] } = {}): this {
    const id = this.nextId++;
    p.id(id);
    const built = p.build();
    this.builder.withPanel({ build: () => built });
    this.infos.push({ id, kind: 'panel', title: built.title ?? '', shows: [...(options.shows ?? [])], origin: callSite() });
    return this;
  }

  timeseries(spec: TimeseriesSpec): this {
    const p = new timeseries.PanelBuilder()
      .legend(new common.VizLegendOptionsBuilder().showLegend(true).displayMode(common.LegendDisplayMode.Table).placement(common.LegendPlacement.Bottom).calcs(['lastNotNull', 'max']))
      .tooltip(new common.VizTooltipOptionsBuilder().mode(common.TooltipDisplayMode.Multi).sort(common.SortOrder.Descending))
      .lineWidth(1)
      .fillOpacity(spec.stacked ? 60 : 10)
      // Points clutter six hours of two-minute samples.
      .showPoints(common.VisibilityMode.Never);
    this.common(p, spec);
    if (spec.stacked) p.stacking(new common.StackingConfigBuilder().mode(common.StackingMode.Normal));
    if (spec.threshold) p.thresholdsStyle(new common.GraphThresholdsStyleConfigBuilder().mode(common.GraphThresholdsStyleMode.DashedAndArea));
    for (const [i, q] of spec.queries.entries()) {
      if (q.threshold) {
        p.overrideByQuery(refId(i), [
          { id: 'color', value: { mode: 'fixed', fixedColor: 'red' } },
          { id: 'custom.lineStyle', value: { fill: 'dash', dash: [10, 10] } },
          { id: 'custom.fillOpacity', value: 0 },
        ]);
      }
    }
    spec.customize?.(p);
    return this.panel(p, spec);
  }

  stat(spec: StatSpec): this {
    const p = new stat.PanelBuilder()
      .reduceOptions(new common.ReduceDataOptionsBuilder().calcs(['lastNotNull']).values(false))
      .colorMode(spec.threshold ? common.BigValueColorMode.Background : common.BigValueColorMode.Value)
      .graphMode(common.BigValueGraphMode.None)
      .textMode(common.BigValueTextMode.ValueAndName);
    this.common(p, spec);
    if (spec.mappings) {
      p.mappings([{ type: dashboard.MappingType.ValueToText, options: Object.fromEntries(Object.entries(spec.mappings).map(([v, text], index) => [v, { text, index }])) }]);
    }
    spec.customize?.(p);
    return this.panel(p, spec);
  }

  /** A table of the queries' current values (instant queries, one row per series). */
  table(spec: TableSpec): this {
    const p = new table.PanelBuilder().withTransformation({ id: 'merge', options: {} }).withTransformation({ id: 'organize', options: { excludeByName: { Time: true } } });
    this.common(p, { ...spec, queries: spec.queries.map((q) => ({ ...q, instant: true })) }, 'table');
    if (spec.threshold) p.cellOptions({ type: common.TableCellDisplayMode.ColorBackground });
    spec.customize?.(p);
    return this.panel(p, spec);
  }

  build(): DashboardDef {
    // As written to the file: JSON drops what the SDK keeps beside the data (a query's variant marker is a function).
    const json = JSON.parse(JSON.stringify(this.builder.build())) as sdk.Dashboard;
    // SDK 0.0.21 puts `placement: "inControlsMenu"` on every link, which Grafana 12.4+ hides in a menu.
    for (const link of json.links ?? []) delete (link as { placement?: unknown }).placement;
    return { uid: this.options.uid, title: this.options.title, folder: this.folder, origin: this.origin, json, panels: [...this.infos] };
  }

  /** What every panel type shares: title, description, unit, size, min/max, thresholds, queries. */
  private common(
    p: InstanceType<typeof timeseries.PanelBuilder> | InstanceType<typeof stat.PanelBuilder> | InstanceType<typeof table.PanelBuilder>,
    spec: PanelSpec,
    format?: 'table',
  ): void {
    p.title(spec.title).description(this.describe(spec)).unit(spec.unit).span(spec.width ?? 12).height(spec.height ?? 8).datasource(datasourceRef);
    if (spec.min !== undefined) p.min(spec.min);
    if (spec.max !== undefined) p.max(spec.max);
    if (spec.decimals !== undefined) p.decimals(spec.decimals);
    // Without thresholds of its own a panel gets Grafana's default (red from 80), which colours a count of 81
    // zones as if something were wrong: one neutral step instead.
    const steps = spec.threshold?.steps ?? [{ value: null, color: 'text' }];
    p.thresholds(new dashboard.ThresholdsConfigBuilder().mode(dashboard.ThresholdsMode.Absolute).steps(steps.map((s) => ({ ...s }))));
    for (const [i, q] of spec.queries.entries()) p.withTarget(promQuery(q, refId(i), format));
  }

  /** The panel's description, with a line naming each alert it shows and its runbook. */
  private describe(spec: PanelSpec): string {
    if (!spec.shows?.length) return spec.description;
    const alerts = spec.shows.map((a) => `[${a}](${runbookUrl(this.global, a)})`).join(', ');
    return `${spec.description}\n\nThreshold of ${alerts}.`;
  }
}

const refId = (i: number) => String.fromCharCode(65 + i);

function promQuery(q: QuerySpec, ref: string, format?: 'table'): prom.DataqueryBuilder {
  const b = new prometheus.DataqueryBuilder().datasource(datasourceRef).expr(q.expr).legendFormat(q.legend).refId(ref);
  if (q.instant) b.instant();
  else b.range();
  if (format === 'table') b.format(prometheus.PromQueryFormat.Table);
  return b;
}
