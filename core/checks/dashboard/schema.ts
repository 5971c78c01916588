// dashboard/schema: every dashboard fits Grafana's classic dashboard JSON schema, and every panel's options,
// field config and queries fit the schema of its panel type and datasource (core/grafana/schemas, compiled
// ahead of time). Grafana itself does not refuse an unknown field or a wrong enum value: it drops or
// ignores it, and the panel silently looks different from what the code says.
import * as validators from '../../grafana/schemas/validators.gen.js';
import type { ValidationError, Validator } from '../../grafana/schemas/validators.gen.js';
import type { DashboardCheck, DashboardProblem } from './model.ts';
import { allPanels } from './model.ts';
import type { DashboardDef } from '../../grafana/dashboard.ts';

/** Panel types with vendored schemas: options and (where the type has one) fieldConfig.defaults.custom. */
const panelTypes: Readonly<Record<string, { options: Validator; custom?: Validator; file: string }>> = {
  timeseries: { options: validators.timeseriesOptions, custom: validators.timeseriesFieldConfig, file: 'timeseries.jsonschema.json' },
  stat: { options: validators.statOptions, file: 'stat.jsonschema.json' },
  table: { options: validators.tableOptions, custom: validators.tableFieldConfig, file: 'table.jsonschema.json' },
};

const dotted = (pointer: string) =>
  pointer
    .split('/')
    .slice(1)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce((acc, s) => (/^\d+$/.test(s) ? `${acc}[${s}]` : acc ? `${acc}.${s}` : s), '');

function describe(e: ValidationError, file: string): { message: string; fix: string } {
  const p = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'additionalProperties':
      return { message: `has a field "${String(p.additionalProperty)}" the schema does not know`, fix: `remove "${String(p.additionalProperty)}" (or correct its spelling); Grafana ignores fields it does not know` };
    case 'enum':
      return { message: `must be one of ${(p.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`, fix: `use one of ${(p.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}` };
    case 'const':
      return { message: `must be ${JSON.stringify(p.allowedValue)}`, fix: `set it to ${JSON.stringify(p.allowedValue)}` };
    case 'required':
      return { message: `lacks the required field "${String(p.missingProperty)}"`, fix: `set "${String(p.missingProperty)}"` };
    case 'type':
      return { message: `must be of type ${String(p.type)}`, fix: `give it a ${String(p.type)} value` };
    default:
      return { message: e.message ?? `fails ${e.keyword}`, fix: `make it match core/grafana/schemas/${file} at ${e.schemaPath}` };
  }
}

/** Errors of one validator, as problems on one field each (duplicates, e.g. from oneOf branches, once). */
function problems(d: DashboardDef, v: Validator, value: unknown, base: string, file: string, panelId?: number): DashboardProblem[] {
  if (v(value)) return [];
  const seen = new Set<string>();
  return (v.errors ?? []).flatMap((e) => {
    // An unknown field is named itself, not the object that holds it.
    const extra = e.keyword === 'additionalProperties' ? `/${String((e.params as { additionalProperty?: string }).additionalProperty)}` : '';
    const field = [base, dotted(`${e.instancePath}${extra}`)].filter(Boolean).join('.').replace(/\.\[/g, '[');
    const { message, fix } = describe(e, file);
    const key = `${field}\0${message}`;
    if (seen.has(key)) return [];
    seen.add(key);
    return [{ dashboard: d, ...(panelId !== undefined ? { panelId } : {}), field: field || '(dashboard)', message: `${message} (Grafana's schema, core/grafana/schemas/${file})`, fix }];
  });
}

export const check: DashboardCheck = {
  id: 'dashboard/schema',
  summary: "dashboards fit Grafana's dashboard JSON schema, panel options and queries their panel's and datasource's schemas",
  run: (dashboards) =>
    dashboards.flatMap((d) => {
      const out: DashboardProblem[] = [];
      const valid = validators.dashboard(d.json);
      if (!valid) {
        // Panels are validated one by one below (against Panel or RowPanel), which names the panel and avoids
        // the noise of the other oneOf branch; here only what lies outside the panels.
        const outside = (validators.dashboard.errors ?? []).filter((e) => !/^\/panels\/\d+/.test(e.instancePath));
        out.push(...problems(d, Object.assign(() => false, { errors: outside }), d.json, '', 'dashboard.jsonschema.json'));
      }
      for (const { panel, path } of allPanels(d.json)) {
        const id = typeof panel.id === 'number' ? panel.id : undefined;
        if (panel.type === 'row') {
          // Its panels are validated one by one (allPanels lists them).
          const row = Array.isArray((panel as { panels?: unknown }).panels) ? { ...panel, panels: [] } : panel;
          if (!valid) out.push(...problems(d, validators.rowPanel, row, path, 'dashboard.jsonschema.json', id));
          continue;
        }
        // A valid dashboard has valid panels and rows; only their options and queries have schemas of their own.
        if (!valid) out.push(...problems(d, validators.panel, panel, path, 'dashboard.jsonschema.json', id));
        const p = panel as { type: string; options?: unknown; fieldConfig?: { defaults?: { custom?: unknown } }; targets?: unknown[] };
        const schema = panelTypes[p.type];
        if (!schema) {
          out.push({ dashboard: d, ...(id !== undefined ? { panelId: id } : {}), field: `${path}.type`, message: `panel type "${p.type}" has no schema here, so its options cannot be checked`, fix: `use one of ${Object.keys(panelTypes).join(', ')}, or add the type's schema to core/grafana/schemas (README there)` });
          continue;
        }
        out.push(...problems(d, schema.options, p.options ?? {}, `${path}.options`, schema.file, id));
        const custom = p.fieldConfig?.defaults?.custom;
        if (schema.custom && custom !== undefined) out.push(...problems(d, schema.custom, custom, `${path}.fieldConfig.defaults.custom`, schema.file, id));
        for (const [i, t] of (p.targets ?? []).entries()) out.push(...problems(d, validators.prometheusQuery, t, `${path}.targets[${i}]`, 'prometheus.jsonschema.json', id));
      }
      return out;
    }),
};
