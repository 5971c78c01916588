// dashboard/legend: a time series panel shows its legend, and every query of a time series or stat panel
// names its series (legendFormat): without one Grafana labels a series with its whole label set, or with the
// bare query text when the query aggregates everything away.
import type { DashboardCheck, DashboardProblem } from './model.ts';
import { allPanels } from './model.ts';

interface Targets {
  targets?: { refId?: string; legendFormat?: string }[];
  options?: { legend?: { showLegend?: boolean; displayMode?: string } };
}

export const check: DashboardCheck = {
  id: 'dashboard/legend',
  summary: 'time series panels show a legend; time series and stat queries name their series',
  run: (dashboards) =>
    dashboards.flatMap((d) =>
      allPanels(d.json).flatMap(({ panel, path }): DashboardProblem[] => {
        if (panel.type !== 'timeseries' && panel.type !== 'stat') return [];
        const p = panel as Targets;
        const id = typeof panel.id === 'number' ? { panelId: panel.id } : {};
        const out: DashboardProblem[] = [];
        const legend = p.options?.legend;
        if (panel.type === 'timeseries' && (legend?.showLegend !== true || legend.displayMode === 'hidden')) {
          out.push({ dashboard: d, ...id, field: `${path}.options.legend`, message: 'the legend is hidden', fix: 'show it (DashboardDraft.timeseries does: a table below the graph with the last and the highest value)' });
        }
        for (const [i, t] of (p.targets ?? []).entries()) {
          if (!t.legendFormat?.trim()) out.push({ dashboard: d, ...id, field: `${path}.targets[${i}].legendFormat`, message: `query ${t.refId ?? i} does not name its series`, fix: 'give it a legend, e.g. "{{server}}" for one series per server, or a fixed text for a single series' });
        }
        return out;
      }),
    ),
};
