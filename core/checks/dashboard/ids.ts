// dashboard/ids: every panel and row has an integer id of at least 1, unique within its dashboard. Without one
// Grafana answers "Panel not found" to a panel link, and two panels with one id swap or vanish in view and
// edit mode (grafana/grafana#15229, #60777); alert links (viewPanel=<id>) need it too.
import type { DashboardCheck, DashboardProblem } from './model.ts';
import { allPanels } from './model.ts';

export const check: DashboardCheck = {
  id: 'dashboard/ids',
  summary: 'panel and row ids are integers >= 1, unique within the dashboard',
  run: (dashboards) =>
    dashboards.flatMap((d) => {
      const out: DashboardProblem[] = [];
      const first = new Map<number, string>();
      for (const { panel, path } of allPanels(d.json)) {
        const id = panel.id as unknown;
        const what = `${panel.type === 'row' ? 'row' : 'panel'} "${panel.title ?? ''}"`;
        if (typeof id !== 'number' || !Number.isInteger(id) || id < 1) {
          out.push({ dashboard: d, field: `${path}.id`, message: `${what} has id ${JSON.stringify(id ?? null)}`, fix: 'give every panel and row an integer id of at least 1 (DashboardDraft assigns them; a panel built apart needs .id(n))' });
          continue;
        }
        const seen = first.get(id);
        if (seen !== undefined) {
          // No panelId: two panels answer to it, and the finding must not point at the wrong declaration.
          out.push({ dashboard: d, field: `${path}.id`, message: `${what} has id ${id}, which ${seen} already has`, fix: 'give each panel and row its own id' });
        } else first.set(id, `${what} (${path})`);
      }
      return out;
    }),
};
