// The coverage gate: every alert of the catalogue (ruleGroups(defaultConfig), the same objects the build
// emits) has at least one promtool case where it fires with its labels and rendered annotations, and one
// where the same situation stays quiet. The record comes from the builder (which check covers which
// alert), gathered from every case module in rules-test/cases/; nothing here lists alerts by hand.
// Whether those cases pass is each domain's *.test.ts; this file only proves they exist.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../core/config.ts';
import { ruleGroups } from '../alerts/index.ts';
import { repoRoot, RuleTestSuite, type CoverageEntry } from './builder.ts';

const casesDir = join(repoRoot, 'rules-test', 'cases');
const modules = readdirSync(casesDir).filter((f) => f.endsWith('.ts')).sort();
const suites: RuleTestSuite[] = [];
for (const f of modules) {
  const mod = (await import(pathToFileURL(join(casesDir, f)).href)) as { suite?: unknown };
  if (!(mod.suite instanceof RuleTestSuite)) throw new Error(`rules-test/cases/${f} does not export a RuleTestSuite named suite`);
  suites.push(mod.suite);
}
const entries: CoverageEntry[] = suites.flatMap((s) => s.coverage()).filter((e) => e.rules === 'ours');
const alerts = ruleGroups(defaultConfig).flatMap((g) => g.rules.flatMap((r) => (r.kind === 'alert' ? [r.alert] : [])));

describe('coverage gate: every alert fires and stays quiet in a promtool case', () => {
  it('finds the alert catalogue and the case modules', () => {
    expect(alerts.length).toBeGreaterThan(0);
    expect(modules.length).toBeGreaterThan(0);
  });

  it.each(alerts)('%s has a firing case and a quiet case', (alert) => {
    const fires = entries.filter((e) => e.alert === alert && e.kind === 'fires');
    const quiet = entries.filter((e) => e.alert === alert && e.kind === 'quiet');
    const missing = [fires.length === 0 ? 'a case where it fires' : '', quiet.length === 0 ? 'a case where it stays quiet' : '']
      .filter(Boolean)
      .join(' and ');
    expect(missing, `${alert} has no ${missing} (add it in rules-test/cases/)`).toBe('');
  });

  it('no case covers an alert that no longer exists', () => {
    const unknown = [...new Set(entries.map((e) => e.alert))].filter((a) => !alerts.includes(a));
    expect(unknown).toEqual([]);
  });
});
