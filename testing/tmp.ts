// Temporary folders for tests, removed after each test file (testing/vitest-setup.ts): a run leaves nothing
// behind, failed or not. The global setup (testing/global-setup.ts) checks that.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const made = new Set<string>();

/** A new empty folder under the test run's TMPDIR, removed when the test file ends. */
export function tempDir(prefix = 'test-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  made.add(dir);
  return dir;
}

export function removeTempDirs(): void {
  for (const d of made) rmSync(d, { recursive: true, force: true });
  made.clear();
}
