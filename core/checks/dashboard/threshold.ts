// dashboard/threshold: a panel that shows an alert draws where the alert fires: a threshold step with a value
// (drawn as a line or a colour), or a query drawn as a threshold series (a dashed red line, for thresholds that
// are themselves a query, such as yesterday's rate times a factor). Otherwise on-call sees a curve and has to
// look up the number elsewhere.
import type { DashboardCheck, DashboardProblem } from './model.ts';
import { allPanels } from './model.ts';

interface Drawn {
  options?: { colorMode?: string };
  fieldConfig?: {
    defaults?: { thresholds?: { steps?: { value: number | null }[] }; custom?: { thresholdsStyle?: { mode?: string }; cellOptions?: { type?: string } } };
    overrides?: { matcher?: { id?: string }; properties?: { id?: string; value?: { fill?: string } }[] }[];
  };
}

function drawsThreshold(type: string, p: Drawn): boolean {
  const fc = p.fieldConfig;
  const dashedSeries = (fc?.overrides ?? []).some((o) => o.matcher?.id === 'byFrameRefID' && (o.properties ?? []).some((pr) => pr.id === 'custom.lineStyle' && pr.value?.fill === 'dash'));
  if (dashedSeries) return true;
  const hasStep = (fc?.defaults?.thresholds?.steps ?? []).some((s) => typeof s.value === 'number');
  if (!hasStep) return false;
  switch (type) {
    case 'timeseries': {
      const mode = fc?.defaults?.custom?.thresholdsStyle?.mode;
      return mode !== undefined && mode !== 'off';
    }
    case 'stat':
      return p.options?.colorMode !== 'none';
    case 'table':
      return (fc?.defaults?.custom?.cellOptions?.type ?? '').startsWith('color-');
    default:
      return true;
  }
}

export const check: DashboardCheck = {
  id: 'dashboard/threshold',
  summary: 'a panel that shows an alert draws its threshold',
  run: (dashboards) =>
    dashboards.flatMap((d) => {
      const byId = new Map(allPanels(d.json).map(({ panel }) => [panel.id, panel]));
      return d.panels.flatMap((info): DashboardProblem[] => {
        if (!info.shows.length) return [];
        const panel = byId.get(info.id);
        if (!panel || drawsThreshold(panel.type, panel as Drawn)) return [];
        return [{
          dashboard: d,
          panelId: info.id,
          field: 'fieldConfig.defaults.thresholds',
          message: `shows ${info.shows.join(', ')} but draws no threshold`,
          fix: 'pass `threshold: above(<the config value the alert reads>)` (or below(...)), or mark the query that computes the threshold with `threshold: true`',
        }];
      });
    }),
};
