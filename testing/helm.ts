// Helm's side of a deploy, for tests: the cluster's Terraform-templated values rendered to YAML, and values
// files merged the way Helm merges them (maps deep-merged, later files win; lists and scalars replaced).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { repoRoot } from '../core/paths.ts';

export type Values = Record<string, unknown>;

const isMap = (v: unknown): v is Values => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Helm's coalescing of values files: maps merge key by key, anything else is replaced by the later file. */
export function helmMerge(...files: readonly Values[]): Values {
  const merge = (a: unknown, b: unknown): unknown => {
    if (!isMap(a) || !isMap(b)) return b === undefined ? a : b;
    const out: Values = { ...a };
    for (const [k, v] of Object.entries(b)) out[k] = merge(a[k], v);
    return out;
  };
  return files.reduce<Values>((acc, f) => merge(acc, f) as Values, {});
}

/**
 * A Terraform template rendered for a test: `${var}` becomes `TPL_var`, the escaped `$${x}` becomes `${x}`, and
 * `%{ for … } … %{ endfor }` loops render for an empty collection (their bodies vanish).
 */
export function renderTerraformTemplate(text: string): string {
  return text
    .replace(/^%\{ for [^}]*\}[^\n]*\n[\s\S]*?^%\{ endfor[^}]*\}[^\n]*\n/gm, '')
    .replace(/\$\$\{/g, '\u0000')
    .replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g, 'TPL_$1')
    .replace(/\u0000/g, '${');
}

/** The cluster's current chart values (cluster/prometheus-chart-values.tpl), rendered and parsed. */
export function clusterChartValues(): Values {
  return parse(renderTerraformTemplate(readFileSync(join(repoRoot, 'cluster', 'prometheus-chart-values.tpl'), 'utf8')), { maxAliasCount: -1 }) as Values;
}

/** The chart's own defaults for the version the cluster runs. */
export function chartDefaults(): Values {
  return parse(readFileSync(join(repoRoot, 'cluster', 'prometheus-chart-25.8.2-values.yaml'), 'utf8')) as Values;
}

/** Alert names of a `{groups: [...]}` rule file value. */
export function alertNames(ruleFile: unknown): string[] {
  const groups = isMap(ruleFile) && Array.isArray(ruleFile.groups) ? ruleFile.groups : [];
  return groups.flatMap((g) => (isMap(g) && Array.isArray(g.rules) ? g.rules : [])).flatMap((r) => (isMap(r) && typeof r.alert === 'string' ? [r.alert] : []));
}
