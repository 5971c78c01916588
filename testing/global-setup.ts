// vitest globalSetup: the whole run gets its own TMPDIR, and the run fails if anything is left in it at the
// end (a test that creates temporary files must remove them: testing/tmp.ts does). Caches that tools keep
// there on purpose (tsx's compile cache, testcontainers' lock file) are not leaks; the folder goes anyway.
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const toolCaches = [/^tsx-\d+$/, /^testcontainers-node-.*\.lock$/];

export default function setup(): () => void {
  const previous = process.env.TMPDIR;
  const dir = mkdtempSync(join(tmpdir(), 'homelab-observability-tests-'));
  process.env.TMPDIR = dir;
  return () => {
    const left = readdirSync(dir).filter((f) => !toolCaches.some((re) => re.test(f)));
    rmSync(dir, { recursive: true, force: true });
    if (previous === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = previous;
    if (left.length > 0) {
      // vitest reports a teardown error but exits 0: set the exit code so CI fails.
      process.exitCode = 1;
      throw new Error(`the tests left ${left.length} temporary entries behind: ${left.slice(0, 10).join(', ')}`);
    }
  };
}
