// Binds a RuleTestSuite to vitest: one promtool run (one container) for the whole suite in beforeAll,
// then one it() per case that fails with promtool's own expected-versus-got text.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, it } from 'vitest';
import type { RuleTestSuite } from './builder.ts';
import { runPromtoolTests, type SuiteResult } from './runner.ts';

export function registerSuite(suite: RuleTestSuite): void {
  describe(`promtool: ${suite.id}`, () => {
    let dir = '';
    let result: SuiteResult | undefined;
    let setupError: unknown;

    beforeAll(async () => {
      dir = mkdtempSync(join(tmpdir(), `rules-test-${suite.id}-`));
      try {
        result = await runPromtoolTests(dir, suite.write(dir));
      } catch (e) {
        setupError = e; // reported by every case below, so the cause is shown next to each test
      }
    });
    afterAll(() => {
      if (dir) rmSync(dir, { recursive: true, force: true });
    });

    for (const c of suite.cases) {
      it(c.name, () => {
        if (setupError !== undefined) throw setupError;
        const r = result?.files.get(c.file);
        if (!r) throw new Error(`no promtool result for ${c.file}`);
        if (!r.ok) {
          const err = new Error(`promtool test rules (${result!.run.mode}: ${result!.run.tool}) failed:\n${r.message}`);
          err.stack = err.message; // the promtool text is the useful part, not this file's stack
          throw err;
        }
      });
    }
  });
}
