// The parts of @grafana/grafana-foundation-sdk (pinned 0.0.21) the dashboards use, loaded once, here.
//
// Only the classic-dashboard modules are loaded. Each panel and query package's index (timeseries, stat, table,
// prometheus) also loads its builders for the v2 dashboard schema, which pull in dashboardv2 and
// dashboardv2beta1: 131 of the 229 files the six entry points load. Loading a package's types and classic
// builder files instead, under a stand-in for its index, takes a cold build's SDK load from ~125 ms to ~65 ms
// (measured under tsx on these machines); `npm run bench:build` watches the build's fixed cost.
// test/dashboards.test.ts checks that every export this leaves out is a v2 or visualization builder.
//
// The stand-in is an entry in require.cache, Node's documented module cache: the classic builders require
// their own package ("../timeseries") for its defaults and get the stand-in, whose exports are these files'.
// The SDK is CommonJS, so require() is also cheaper than an ESM import of it under tsx.
import Module, { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
const dist = dirname(dirname(require.resolve('@grafana/grafana-foundation-sdk/dashboard')));

/** The package `kind` with only `files` loaded, registered as its index so the files' own `require("../kind")` finds it. */
function classicOnly<T>(kind: string, files: readonly string[]): T {
  const index = join(dist, kind, 'index.js');
  const cached = require.cache[index];
  if (cached) return cached.exports as T;
  const stand = new Module(index);
  stand.filename = index;
  stand.loaded = true;
  // Marked as an ES module's exports, as the real index is, so tslib's __importStar hands out this very object.
  Object.defineProperty(stand.exports, '__esModule', { value: true });
  require.cache[index] = stand;
  for (const f of files) Object.assign(stand.exports as object, require(join(dist, kind, f)));
  return stand.exports as T;
}

export const dashboard = require('@grafana/grafana-foundation-sdk/dashboard') as typeof import('@grafana/grafana-foundation-sdk/dashboard');
export const common = require('@grafana/grafana-foundation-sdk/common') as typeof import('@grafana/grafana-foundation-sdk/common');
export const units = require('@grafana/grafana-foundation-sdk/units') as typeof import('@grafana/grafana-foundation-sdk/units');

/** The files loaded of each partly loaded package; everything else of it is left out. */
export const classicFiles = {
  timeseries: ['types.gen.js', 'panelBuilder.gen.js'],
  stat: ['types.gen.js', 'panelBuilder.gen.js'],
  table: ['types.gen.js', 'panelBuilder.gen.js'],
  prometheus: ['types.gen.js', 'dataqueryBuilder.gen.js'],
} as const;

type Panel = 'VisualizationBuilder' | 'VisualizationV2Builder';
type PrometheusLeftOut = 'AdhocFiltersBuilder' | 'QueryBuilder' | 'QueryV2Builder' | 'ResultAssertionsBuilder' | 'ScopesBuilder' | 'ScopesFiltersBuilder' | 'TimeRangeBuilder';

export const timeseries = classicOnly<Omit<typeof import('@grafana/grafana-foundation-sdk/timeseries'), Panel>>('timeseries', classicFiles.timeseries);
export const stat = classicOnly<Omit<typeof import('@grafana/grafana-foundation-sdk/stat'), Panel>>('stat', classicFiles.stat);
export const table = classicOnly<Omit<typeof import('@grafana/grafana-foundation-sdk/table'), Panel>>('table', classicFiles.table);
export const prometheus = classicOnly<Omit<typeof import('@grafana/grafana-foundation-sdk/prometheus'), PrometheusLeftOut>>('prometheus', classicFiles.prometheus);
