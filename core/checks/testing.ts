// Table tests of the checks: a rule (or a whole file) in, the formatted findings of ONE check out. Each check's
// test file records its messages as rendered by formatFinding (vitest snapshots beside it), so a message
// changes only on purpose.
import { describe, expect, it } from 'vitest';
import { catalogue, pushedScrapeJobs } from '../../metrics/catalogue.ts';
import { formatFinding, runChecks } from './index.ts';
import type { Check, CheckContext, GroupModel, RuleFileModel, RuleModel } from './model.ts';

export const exampleAlert: RuleModel = {
  kind: 'alert',
  name: 'ExampleInstanceDown',
  expr: 'technitium_up == 0',
  for: '5m',
  labels: { severity: 'warning' },
  annotations: { summary: 'An example instance is down.', description: 'Instance {{ $labels.server }} is down.', runbook_url: 'https://example.org/runbooks/ExampleInstanceDown.md' },
  at: { file: 'example.yml', line: 3 },
};

export const context = (over: Partial<CheckContext> = {}): CheckContext => ({
  mode: 'package',
  catalogue,
  scrapeIntervalSeconds: 120,
  pushedJobs: pushedScrapeJobs,
  runbookExists: () => true,
  ...over,
});

export function fileOf(groups: { name?: string; interval?: string; rules: Partial<RuleModel>[] }[]): RuleFileModel {
  return {
    file: 'example.yml',
    groups: groups.map((g, gi): GroupModel => ({
      name: g.name ?? 'example',
      ...(g.interval !== undefined ? { interval: g.interval } : {}),
      at: { file: 'example.yml', line: 1 + gi * 20 },
      rules: g.rules.map((r, ri) => ({ ...exampleAlert, at: { file: 'example.yml', line: 3 + gi * 20 + ri * 5 }, ...r })),
    })),
  };
}

/** The formatted findings of `check` on one alert (fields not given are exampleAlert's). */
export function findings(check: Check, rule: Partial<RuleModel>, ctx: Partial<CheckContext> = {}): string[] {
  return runChecks(fileOf([{ rules: [rule] }]), context(ctx), [check]).map(formatFinding);
}

export interface TableCase {
  readonly name: string;
  /** One rule, or a whole file for file-level checks. */
  readonly rule?: Partial<RuleModel>;
  readonly file?: RuleFileModel;
  readonly ctx?: Partial<CheckContext>;
  /** How many findings the case must produce (0: accepted). */
  readonly findings: number;
}

/** The table test of one check: each case's finding count asserted, and its messages recorded. */
export function tableTest(check: Check, cases: readonly TableCase[]): void {
  describe(check.id, () => {
    it('is registered', async () => {
      const { checks } = await import('./index.ts');
      expect(checks).toContain(check);
    });
    it.each(cases.map((c) => [c.name, c] as const))('%s', (_, c) => {
      const out = c.file ? runChecks(c.file, context(c.ctx), [check]).map(formatFinding) : findings(check, c.rule ?? {}, c.ctx);
      expect(out, out.join('\n')).toHaveLength(c.findings);
      expect(out).toMatchSnapshot();
    });
  });
}
