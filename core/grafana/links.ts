// From an alert to the panel that draws its condition: every alert a panel `shows` gets a `dashboard_url`
// annotation, `<grafanaBaseUrl>/d/<uid>?viewPanel=<id>` (Grafana's panel view; scenes-based dashboards in
// Grafana 11+ still accept the numeric panel id, grafana/grafana#74005). Written by the build from the panels'
// declarations, so no alert definition names a dashboard.
import type { GlobalConfig } from '../config.ts';
import type { AlertRule, RuleGroup } from '../rules.ts';
import type { DashboardDef } from './dashboard.ts';

export const dashboardUrlAnnotation = 'dashboard_url';

export function panelUrl(global: GlobalConfig, uid: string, panelId: number): string {
  return `${global.grafanaBaseUrl.replace(/\/+$/, '')}/d/${encodeURIComponent(uid)}?viewPanel=${panelId}`;
}

/** Alert name -> the URL of the first panel that shows it (dashboard/alert-link refuses a second one). */
export function alertPanelUrls(dashboards: readonly DashboardDef[], global: GlobalConfig): Map<string, string> {
  const out = new Map<string, string>();
  for (const d of dashboards) {
    for (const p of d.panels) {
      for (const a of p.shows) if (!out.has(a)) out.set(a, panelUrl(global, d.uid, p.id));
    }
  }
  return out;
}

/** The groups with a dashboard_url annotation on every alert a panel shows. */
export function linkAlerts(groups: readonly RuleGroup[], dashboards: readonly DashboardDef[], global: GlobalConfig): RuleGroup[] {
  const urls = alertPanelUrls(dashboards, global);
  return groups.map((g) => ({
    ...g,
    rules: g.rules.map((r) => {
      const url = r.kind === 'alert' ? urls.get(r.alert) : undefined;
      return r.kind !== 'alert' || url === undefined ? r : ({ ...r, annotations: { ...r.annotations, [dashboardUrlAnnotation]: url } } satisfies AlertRule);
    }),
  }));
}
