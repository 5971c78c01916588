// dashboard/datasource: the Prometheus datasource is the dashboard's `datasource` template variable, and every
// panel and query uses it. A datasource uid written into a panel works on one Grafana only; elsewhere the panel
// shows "datasource not found".
import { datasourceRef, datasourceVariable } from '../../grafana/dashboard.ts';
import type { DashboardCheck, DashboardProblem } from './model.ts';
import { allPanels } from './model.ts';

interface WithDatasource {
  datasource?: { type?: string; uid?: string };
  targets?: { refId?: string; datasource?: { type?: string; uid?: string } }[];
}

const fix = `use { type: "prometheus", uid: "${datasourceRef.uid}" } (DashboardDraft sets it on every panel and query)`;

export const check: DashboardCheck = {
  id: 'dashboard/datasource',
  summary: 'the datasource is a template variable, and every panel and query uses it',
  run: (dashboards) =>
    dashboards.flatMap((d) => {
      const out: DashboardProblem[] = [];
      const variable = (d.json.templating?.list ?? []).find((v) => v.name === datasourceVariable);
      if (!variable || variable.type !== 'datasource' || variable.query !== 'prometheus') {
        out.push({ dashboard: d, field: 'templating.list', message: `there is no datasource variable "${datasourceVariable}" of type prometheus`, fix: 'declare it (DashboardDraft does)' });
      }
      for (const { panel, path } of allPanels(d.json)) {
        if (panel.type === 'row') continue;
        const p = panel as typeof panel & WithDatasource;
        const id = typeof panel.id === 'number' ? { panelId: panel.id } : {};
        const refs: [string, WithDatasource['datasource']][] = [[`${path}.datasource`, p.datasource], ...(p.targets ?? []).map((t, i): [string, WithDatasource['datasource']] => [`${path}.targets[${i}].datasource`, t.datasource])];
        for (const [field, ref] of refs) {
          if (ref?.uid === datasourceRef.uid && ref.type === datasourceRef.type) continue;
          out.push({ dashboard: d, ...id, field, message: `uses datasource ${JSON.stringify(ref ?? null)}, not the "${datasourceVariable}" variable`, fix });
        }
      }
      return out;
    }),
};
