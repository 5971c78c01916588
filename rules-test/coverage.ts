// The coverage gate's rule: an alert is covered when a case where it fires and a case where it stays quiet
// both ran and passed. A case that failed, or did not run, covers nothing.
import type { CoverageEntry } from './builder.ts';
import type { CaseOutcome } from './harness.ts';

/** For each alert, what it lacks ('' when covered). */
export function coverageGaps(alerts: readonly string[], entries: readonly CoverageEntry[], outcomes: ReadonlyMap<string, CaseOutcome>): Map<string, string> {
  const passed = entries.filter((e) => e.rules === 'ours' && outcomes.get(e.file)?.ok === true);
  return new Map(
    alerts.map((alert) => {
      const mine = passed.filter((e) => e.alert === alert);
      const missing = [
        mine.some((e) => e.kind === 'fires') ? '' : 'a passing case where it fires',
        mine.some((e) => e.kind === 'quiet') ? '' : 'a passing case where it stays quiet',
      ].filter(Boolean).join(' and ');
      return [alert, missing];
    }),
  );
}
