// dashboard/unit: every panel says what its numbers are: a Grafana unit id (the SDK's units module lists them)
// or one of Grafana's custom unit forms (`suffix:`, `prefix:`, `si:`, `count:`, `currency:`, `time:`, …). An
// unknown id renders the raw number, as if no unit were set.
import { units } from '../../grafana/sdk.ts';
import type { DashboardCheck, DashboardProblem } from './model.ts';
import { allPanels } from './model.ts';

const known: ReadonlySet<string> = new Set<string>(Object.values(units).filter((v) => typeof v === 'string'));
const customForms = ['suffix:', 'prefix:', 'si:', 'count:', 'currency:', 'time:', 'bool', 'locale'];

export const check: DashboardCheck = {
  id: 'dashboard/unit',
  summary: 'every panel has a known unit',
  run: (dashboards) =>
    dashboards.flatMap((d) =>
      allPanels(d.json).flatMap(({ panel, path }): DashboardProblem[] => {
        if (panel.type === 'row') return [];
        const id = typeof panel.id === 'number' ? { panelId: panel.id } : {};
        const unit = (panel as { fieldConfig?: { defaults?: { unit?: string } } }).fieldConfig?.defaults?.unit;
        if (!unit?.trim()) return [{ dashboard: d, ...id, field: `${path}.fieldConfig.defaults.unit`, message: 'the panel has no unit', fix: 'give it one (short, reqps, percentunit, s, bytes, …: the SDK\'s units module lists them)' }];
        if (known.has(unit) || customForms.some((f) => unit.startsWith(f))) return [];
        return [{ dashboard: d, ...id, field: `${path}.fieldConfig.defaults.unit`, message: `"${unit}" is not a Grafana unit`, fix: 'use a unit id from @grafana/grafana-foundation-sdk/units (e.g. percentunit for 0-1 ratios, reqps, s) or a custom form such as "suffix: zones"' }];
      }),
    ),
};
