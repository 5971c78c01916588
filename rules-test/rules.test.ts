// Every rule test of every domain, then the coverage gate. The suites are discovered (harness.ts), run
// under promtool before the first case, and the gate counts only cases that ran and passed: a case that
// fails, or a suite that stops running, leaves its alerts uncovered.
import { beforeAll, describe, expect, it } from 'vitest';
import { packageInput, packageRuleGroups } from '../domains.ts';
import type { CoverageEntry } from './builder.ts';
import { coverageGaps } from './coverage.ts';
import { discoverSuites, runSuites, type CaseOutcome } from './harness.ts';

const suites = await discoverSuites();
let outcomes = new Map<string, CaseOutcome>();

beforeAll(async () => {
  outcomes = await runSuites(suites);
});

for (const suite of suites) {
  describe(`promtool: ${suite.id}`, () => {
    for (const c of suite.cases) {
      it(c.name, () => {
        const o = outcomes.get(c.file);
        if (!o) throw new Error(`${c.file} was not run`);
        if (!o.ok) {
          const err = new Error(o.message);
          err.stack = err.message; // promtool's text is the useful part, not this file's stack
          throw err;
        }
      });
    }
  });
}

describe('coverage gate: every alert fires and stays quiet in a promtool case that ran and passed', () => {
  const alerts = packageRuleGroups(packageInput()).flatMap((g) => g.rules.flatMap((r) => (r.kind === 'alert' ? [r.alert] : [])));
  const entries = (): CoverageEntry[] => suites.flatMap((s) => s.coverage());

  it('finds the alerts and the case modules', () => {
    expect(alerts.length).toBeGreaterThan(0);
    expect(suites.length).toBeGreaterThan(0);
  });

  it.each(alerts)('%s has a firing case and a quiet case', (alert) => {
    const missing = coverageGaps(alerts, entries(), outcomes).get(alert);
    expect(missing, `${alert} has no ${missing} (add it in rules-test/cases/)`).toBe('');
  });

  it('no case covers an alert that no longer exists', () => {
    const unknown = [...new Set(entries().filter((e) => e.rules === 'ours').map((e) => e.alert))].filter((a) => !alerts.includes(a));
    expect(unknown).toEqual([]);
  });
});
