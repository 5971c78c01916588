// The package's typed rule groups as the checks' neutral model (core/checks/model.ts).
import type { RuleFileModel } from './checks/model.ts';
import type { RuleGroup } from './rules.ts';

export function toRuleFileModel(file: string, groups: readonly RuleGroup[]): RuleFileModel {
  return {
    file,
    groups: groups.map((g) => ({
      name: g.name,
      ...(g.interval !== undefined ? { interval: g.interval } : {}),
      at: g.origin,
      rules: g.rules.map((r) =>
        r.kind === 'alert'
          ? { kind: 'alert' as const, name: r.alert, expr: r.expr, ...(r.for !== undefined ? { for: r.for } : {}), labels: r.labels, annotations: r.annotations, at: r.origin }
          : { kind: 'record' as const, name: r.record, expr: r.expr, labels: r.labels ?? {}, annotations: {}, at: r.origin },
      ),
    })),
  };
}
