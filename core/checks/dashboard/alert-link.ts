// dashboard/alert-link: a panel may only show alerts that exist, and each alert is shown by one panel: the
// build gives that alert a dashboard_url annotation to it, and an alert can link to one place.
import type { DashboardCheck, DashboardProblem } from './model.ts';

export const check: DashboardCheck = {
  id: 'dashboard/alert-link',
  summary: 'a panel shows only alerts that exist, and each alert is shown by one panel',
  run: (dashboards, ctx) => {
    const out: DashboardProblem[] = [];
    const shownAt = new Map<string, string>();
    for (const d of dashboards) {
      for (const p of d.panels) {
        for (const alert of p.shows) {
          if (!ctx.alerts.has(alert)) {
            out.push({ dashboard: d, panelId: p.id, field: 'shows', message: `shows alert "${alert}", which no domain defines`, fix: 'name an alert of alerts/<domain>/alerts.ts (docs/alerts.md lists them), or drop it from shows' });
            continue;
          }
          const other = shownAt.get(alert);
          if (other !== undefined) out.push({ dashboard: d, panelId: p.id, field: 'shows', message: `shows alert "${alert}", which ${other} already shows; its dashboard_url can link to one panel`, fix: 'keep the alert in the shows of one panel' });
          else shownAt.set(alert, `panel ${p.id} "${p.title}" of dashboard "${d.uid}"`);
        }
      }
    }
    return out;
  },
};
