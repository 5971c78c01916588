// The parts of @grafana/grafana-foundation-sdk (pinned 0.0.21) the dashboards use, loaded once, here.
//
// Each SDK package's index loads every builder of the package, and the panel and query packages' indexes also
// load their builders for the v2 dashboard schema, which pull in dashboardv2 and dashboardv2beta1: 236 files
// for these seven packages. The build needs 34 of them: each package's types (its enums and defaults) and the
// builders listed below. Loading only those takes the SDK's share of a cold build from ~125 ms to ~27 ms
// (measured under tsx on these machines; `npm run bench:build` watches the build's fixed cost).
//
// How: a package's loaded files are registered as its index in require.cache, Node's documented module cache,
// so the builders' own `require("../dashboard")` (for defaults) finds them. The types below list exactly what
// is loaded, so a builder not listed here is a type error, not a runtime surprise: add its name to the list.
// test/dashboards.test.ts checks each package against the full one.
import Module, { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

type Dashboard = typeof import('@grafana/grafana-foundation-sdk/dashboard');
type Common = typeof import('@grafana/grafana-foundation-sdk/common');
type Timeseries = typeof import('@grafana/grafana-foundation-sdk/timeseries');
type Stat = typeof import('@grafana/grafana-foundation-sdk/stat');
type Table = typeof import('@grafana/grafana-foundation-sdk/table');
type Prometheus = typeof import('@grafana/grafana-foundation-sdk/prometheus');
type Units = typeof import('@grafana/grafana-foundation-sdk/units');

/** A package with its types and the listed builders only. */
type Loaded<T, B extends keyof T> = Pick<T, Exclude<keyof T, `${string}Builder`> | B>;

/** The builders loaded of each package (each is the class in `<name, first letter lower-cased>.gen.js`). */
export const loadedBuilders = {
  dashboard: ['DashboardBuilder', 'RowBuilder', 'DatasourceVariableBuilder', 'DashboardLinkBuilder', 'ThresholdsConfigBuilder'],
  common: ['VizLegendOptionsBuilder', 'VizTooltipOptionsBuilder', 'StackingConfigBuilder', 'GraphThresholdsStyleConfigBuilder', 'ReduceDataOptionsBuilder'],
  timeseries: ['PanelBuilder'],
  stat: ['PanelBuilder'],
  table: ['PanelBuilder'],
  prometheus: ['DataqueryBuilder'],
  units: [],
} as const satisfies Record<string, readonly string[]>;

type Kind = keyof typeof loadedBuilders;

const require = createRequire(import.meta.url);
const dist = dirname(dirname(require.resolve('@grafana/grafana-foundation-sdk/dashboard')));

/** The package `kind` with its types and listed builders, registered as its index. */
function load<K extends Kind>(kind: K): object {
  const index = join(dist, kind, 'index.js');
  const cached = require.cache[index];
  if (cached) return cached.exports as object;
  const stand = new Module(index);
  stand.filename = index;
  stand.loaded = true;
  // Marked as an ES module's exports, as the real index is, so tslib's __importStar hands out this very object.
  Object.defineProperty(stand.exports, '__esModule', { value: true });
  require.cache[index] = stand;
  const files = ['types.gen.js', ...loadedBuilders[kind].map((b: string) => `${b[0]!.toLowerCase()}${b.slice(1)}.gen.js`)];
  for (const f of files) Object.assign(stand.exports as object, require(join(dist, kind, f)));
  return stand.exports as object;
}

// Order matters only for the module cache: common before the packages whose types read it.
export const common = load('common') as Loaded<Common, (typeof loadedBuilders.common)[number]>;
export const dashboard = load('dashboard') as Loaded<Dashboard, (typeof loadedBuilders.dashboard)[number]>;
export const timeseries = load('timeseries') as Loaded<Timeseries, 'PanelBuilder'>;
export const stat = load('stat') as Loaded<Stat, 'PanelBuilder'>;
export const table = load('table') as Loaded<Table, 'PanelBuilder'>;
export const prometheus = load('prometheus') as Loaded<Prometheus, 'DataqueryBuilder'>;
export const units = load('units') as Units;
