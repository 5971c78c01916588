// Table tests of the dashboard checks: dashboards in, the formatted findings of ONE check out, recorded beside
// each check's test (vitest snapshots), as the rule checks' tests do (core/checks/testing.ts). The example
// dashboard is built with DashboardDraft, so the SDK's real output is what each case changes.
import { describe, expect, it } from 'vitest';
import type * as sdk from '@grafana/grafana-foundation-sdk/dashboard';
import { globalDefaults } from '../../config.ts';
import { configMapBytes } from '../../emit/grafana.ts';
import { above, DashboardDraft, query, type DashboardDef } from '../../grafana/dashboard.ts';
import { context } from '../testing.ts';
import { dashboardChecks, formatDashboardFinding, runDashboardChecks } from './index.ts';
import type { DashboardCheck, DashboardCheckContext } from './model.ts';

/** Declarations point at example.ts: line 1 for the dashboard, 10 + id for each row and panel. */
function atExample(d: DashboardDef): DashboardDef {
  return { ...d, origin: { file: 'example.ts', line: 1 }, panels: d.panels.map((p) => ({ ...p, origin: { file: 'example.ts', line: 10 + p.id } })) };
}

/**
 * A sound dashboard: a row, a time series of the query rate per server with a legend, and a SERVFAIL-share
 * panel that shows ExampleServfail and draws its threshold. `change` adds to it before it is built.
 */
export function exampleDashboard(options: { uid?: string; title?: string; folder?: string } = {}, change?: (d: DashboardDraft) => void): DashboardDef {
  const d = new DashboardDraft(globalDefaults, {
    uid: options.uid ?? 'example',
    title: options.title ?? 'Example',
    description: 'An example.',
    ...(options.folder !== undefined ? { folder: options.folder } : {}),
  });
  d.row('Queries');
  d.timeseries({
    title: 'Query rate',
    description: 'Queries per second.',
    unit: 'reqps',
    queries: [query('sum by (server) (rate(technitium_dns_queries_total[10m]))', '{{server}}')],
  });
  d.timeseries({
    title: 'SERVFAIL share',
    description: 'SERVFAIL share.',
    unit: 'percentunit',
    queries: [query('sum by (server) (rate(technitium_dns_responses_total{rcode="SERVFAIL"}[10m])) / sum by (server) (rate(technitium_dns_queries_total[10m]))', '{{server}}')],
    threshold: above(0.05),
    shows: ['ExampleServfail'],
  });
  change?.(d);
  return atExample(d.build());
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Loose = Record<string, any>;

/** The dashboard with its JSON changed (a deep copy; the original is untouched). */
export function withJson(d: DashboardDef, change: (json: Loose & { panels: Loose[] }) => void): DashboardDef {
  const json = structuredClone(d.json) as unknown as Loose & { panels: Loose[] };
  change(json);
  return { ...d, json: json as sdk.Dashboard };
}

export const dashboardContext = (over: Partial<DashboardCheckContext> = {}): DashboardCheckContext => ({
  rules: context({ mode: 'package' }),
  alerts: new Set(['ExampleServfail', 'ExampleDown']),
  configMapBytes: (d) => configMapBytes(d, globalDefaults),
  ...over,
});

export interface DashboardCase {
  readonly name: string;
  readonly dashboards: () => readonly DashboardDef[];
  readonly ctx?: Partial<DashboardCheckContext>;
  /** How many findings the case must produce (0: accepted). */
  readonly findings: number;
}

/** The table test of one dashboard check: each case's finding count asserted, and its messages recorded. */
export function dashboardTableTest(check: DashboardCheck, cases: readonly DashboardCase[]): void {
  describe(check.id, () => {
    it('is registered', () => {
      expect(dashboardChecks).toContain(check);
    });
    it.each(cases.map((c) => [c.name, c] as const))('%s', (_, c) => {
      const out = runDashboardChecks(c.dashboards(), dashboardContext(c.ctx), [check]).map(formatDashboardFinding);
      expect(out, out.join('\n')).toHaveLength(c.findings);
      expect(out).toMatchSnapshot();
    });
  });
}
