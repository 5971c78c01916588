// The dashboard checks, one file per check ID under this folder with its table tests beside it (as the rule
// checks of core/checks/index.ts). The build runs them on every dashboard before anything is written.
import type { DashboardDef } from '../../grafana/dashboard.ts';
import type { DashboardCheck, DashboardCheckContext, DashboardFinding } from './model.ts';
import { panelInfo } from './model.ts';
import { check as schema } from './schema.ts';
import { check as ids } from './ids.ts';
import { check as uid } from './uid.ts';
import { check as title } from './title.ts';
import { check as grid } from './grid.ts';
import { check as unit } from './unit.ts';
import { check as legend } from './legend.ts';
import { check as datasource } from './datasource.ts';
import { check as queries } from './queries.ts';
import { check as alertLink } from './alert-link.ts';
import { check as threshold } from './threshold.ts';
import { check as configmapSize } from './configmap-size.ts';

export const dashboardChecks: readonly DashboardCheck[] = [schema, ids, uid, title, grid, unit, legend, datasource, queries, alertLink, threshold, configmapSize];

const seen = new Set<string>();
for (const c of dashboardChecks) {
  if (seen.has(c.id)) throw new Error(`core/checks/dashboard: two checks with the id ${c.id}`);
  seen.add(c.id);
}

/** Runs every dashboard check (or the given ones); findings point at the panel's declaration when there is one. */
export function runDashboardChecks(dashboards: readonly DashboardDef[], ctx: DashboardCheckContext, only: readonly DashboardCheck[] = dashboardChecks): DashboardFinding[] {
  return only.flatMap((c) =>
    c.run(dashboards, ctx).map((p): DashboardFinding => {
      const info = panelInfo(p.dashboard, p.panelId);
      const at = info?.origin ?? p.dashboard.origin;
      return {
        check: p.check ?? c.id,
        file: at.file,
        ...(at.line !== undefined ? { line: at.line } : {}),
        dashboard: p.dashboard.uid,
        ...(p.panelId !== undefined ? { panel: { id: p.panelId, title: info?.title ?? '', kind: info?.kind ?? 'panel' } } : {}),
        field: p.field,
        message: p.message,
        fix: p.fix,
      };
    }),
  );
}

/** `file:line: dashboard "uid", panel 3 "title", field "f": message [check-id]` and the fix on the next line. */
export function formatDashboardFinding(f: DashboardFinding): string {
  const panel = f.panel ? `, ${f.panel.kind} ${f.panel.id}${f.panel.title ? ` "${f.panel.title}"` : ''}` : '';
  return `${f.file}${f.line !== undefined ? `:${f.line}` : ''}: dashboard "${f.dashboard}"${panel}, field "${f.field}": ${f.message} [${f.check}].\n    fix: ${f.fix}`;
}
