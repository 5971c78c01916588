// The inhibit relations the domains declare name alerts that exist, and only labels both alerts carry.
// (The build refuses unknown names itself: core/pipeline.ts inhibitProblems; this adds the labels.)
import { describe, expect, it } from 'vitest';
import { context } from '../core/domain.ts';
import { catalogue } from '../metrics/catalogue.ts';
import { resultLabels } from '../core/promql.ts';
import { packageInput, packageRuleGroups } from '../domains.ts';

const input = packageInput();
const alerts = new Map(packageRuleGroups(input).flatMap((g) => g.rules.flatMap((r) => (r.kind === 'alert' ? [[r.alert, r] as const] : []))));
const rules = input.domains.flatMap((d) => d.domain.inhibitRules?.(context(input.global, d)) ?? []);

/** The alert names a matcher list selects (`alertname = X` or `alertname =~ "A|B"`). */
const named = (matchers: readonly string[]) =>
  matchers.flatMap((m) => {
    const eq = /^alertname\s*=\s*"?([A-Za-z0-9]+)"?$/.exec(m);
    if (eq) return [eq[1]!];
    const re = /^alertname\s*=~\s*"(.+)"$/.exec(m);
    return re ? re[1]!.split('|') : [];
  });

describe('inhibit rules', () => {
  it.each(rules.map((r, i) => [i, r] as const))('%i names existing alerts, and labels both carry', (_, r) => {
    const source = named(r.source_matchers);
    const target = named(r.target_matchers);
    expect(source.length).toBeGreaterThan(0);
    expect(target.length).toBeGreaterThan(0);
    for (const a of [...source, ...target]) {
      // The cluster's own node alerts (global.nodeDisruptionAlerts): not ours, their labels are not in the catalogue.
      if (input.global.nodeDisruptionAlerts.includes(a)) continue;
      const rule = alerts.get(a);
      expect(rule, `no alert ${a}`).toBeDefined();
      const labels = resultLabels(rule!.expr, (sel) => (sel.metric ? (catalogue.lookup(sel.metric) ? catalogue.labels(catalogue.lookup(sel.metric)!) : undefined) : undefined));
      if (labels.kind === 'known') for (const l of r.equal) expect([...labels.labels], `${a} cannot carry ${l}`).toContain(l);
    }
  });
});
