// What the dashboard checks run on and say. A dashboard check reads the built dashboards (their JSON and the
// panel declarations beside it) and names the dashboard, the panel, the field and the fix. Panel queries go
// through the rule checks of core/checks (the same registry the alerts pass): see dashboard/queries.
import type * as sdk from '@grafana/grafana-foundation-sdk/dashboard';
import type { DashboardDef, PanelInfo } from '../../grafana/dashboard.ts';
import type { CheckContext } from '../model.ts';

export interface DashboardCheckContext {
  /** What the rule checks need for the panel queries (catalogue, scrape interval, …). */
  readonly rules: CheckContext;
  /** Every alert of the package: a panel may only show one of these. */
  readonly alerts: ReadonlySet<string>;
  /** Bytes of each dashboard's ConfigMap as `kubectl apply` stores it (its JSON), when the build has rendered them. */
  readonly configMapBytes?: (d: DashboardDef) => number;
}

/** What a check says about one dashboard (and one of its panels, when it is about a panel). */
export interface DashboardProblem {
  readonly dashboard: DashboardDef;
  readonly panelId?: number;
  readonly field: string;
  readonly message: string;
  readonly fix: string;
  /** The rule check that found it, for the panel queries (reported under its own id). */
  readonly check?: string;
}

export interface DashboardCheck {
  /** Stable ID, `dashboard/name`, also the path of its file under core/checks/. */
  readonly id: string;
  readonly summary: string;
  readonly run: (dashboards: readonly DashboardDef[], ctx: DashboardCheckContext) => DashboardProblem[];
}

export interface DashboardFinding {
  readonly check: string;
  readonly file: string;
  readonly line?: number;
  readonly dashboard: string;
  readonly panel?: { readonly id: number; readonly title: string; readonly kind: 'row' | 'panel' };
  readonly field: string;
  readonly message: string;
  readonly fix: string;
}

export type Panel = sdk.Panel | sdk.RowPanel;

/** Every panel of a dashboard, rows included, and the panels inside collapsed rows, with where they sit in the JSON. */
export function allPanels(json: sdk.Dashboard): { readonly panel: Panel; readonly path: string }[] {
  return (json.panels ?? []).flatMap((p, i) => {
    const top = { panel: p as Panel, path: `panels[${i}]` };
    const nested = p.type === 'row' ? ((p as sdk.RowPanel).panels ?? []).map((q, j) => ({ panel: q as Panel, path: `panels[${i}].panels[${j}]` })) : [];
    return [top, ...nested];
  });
}

export function panelInfo(d: DashboardDef, id: number | undefined): PanelInfo | undefined {
  return id === undefined ? undefined : d.panels.find((p) => p.id === id);
}
