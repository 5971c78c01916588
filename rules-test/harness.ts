// Finds every suite and runs it under promtool: each module in rules-test/cases/ exports a `suite`, and all
// of them run (one promtool process per suite, the suites concurrently) without any registration to
// forget. Results are kept per case so the coverage gate counts only cases that ran and passed.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { runPromtoolTests, type SuiteResult } from '../testing/promtool.ts';
import { tempDir } from '../testing/tmp.ts';
import { repoRoot, RuleTestSuite } from './builder.ts';

export const casesDir = join(repoRoot, 'rules-test', 'cases');

/** Every suite of rules-test/cases/, in file order. A module that exports none is an error, not a skip. */
export async function discoverSuites(): Promise<RuleTestSuite[]> {
  const files = readdirSync(casesDir).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts')).sort();
  const out: RuleTestSuite[] = [];
  for (const f of files) {
    const mod = (await import(pathToFileURL(join(casesDir, f)).href)) as { suite?: unknown };
    if (!(mod.suite instanceof RuleTestSuite)) throw new Error(`rules-test/cases/${f} does not export a RuleTestSuite named suite`);
    out.push(mod.suite);
  }
  return out;
}

export interface CaseOutcome {
  readonly ok: boolean;
  /** promtool's own failure text, or why the suite could not run. */
  readonly message: string;
}

/** Runs every suite (concurrently, one promtool run each); the outcome of every case, by its file. */
export async function runSuites(suites: readonly RuleTestSuite[]): Promise<Map<string, CaseOutcome>> {
  const outcomes = new Map<string, CaseOutcome>();
  await Promise.all(
    suites.map(async (suite) => {
      const dir = tempDir(`rules-test-${suite.id}-`);
      let result: SuiteResult;
      try {
        result = await runPromtoolTests(dir, suite.write(dir));
      } catch (e) {
        for (const c of suite.cases) outcomes.set(c.file, { ok: false, message: `promtool could not run suite ${suite.id}: ${(e as Error).message}` });
        return;
      }
      for (const c of suite.cases) {
        const r = result.files.get(c.file);
        outcomes.set(c.file, r ? { ok: r.ok, message: r.ok ? '' : `promtool test rules (${result.run.mode}: ${result.run.tool}) failed:\n${r.message}` } : { ok: false, message: `no promtool result for ${c.file}` });
      }
    }),
  );
  return outcomes;
}
