// The write is all or nothing: generated/ and the generated docs change together, whatever step fails (a
// failure is injected at every file operation in turn), and a generated/ the build did not write is never
// replaced (so --out DIR cannot delete what was there).
import { readFileSync, readdirSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BuildError, realFs, render, write, type FsOps, type Rendered } from '../core/pipeline.ts';
import { packageInput } from '../domains.ts';
import { tempDir } from '../testing/tmp.ts';

function tree(root: string): [string, string][] {
  return (readdirSync(root, { recursive: true }) as string[]).sort().map((f) => {
    try {
      return [f, readFileSync(join(root, f), 'utf8')];
    } catch {
      return [f, '<dir>'];
    }
  });
}

/** The real file operations, counted, failing at operation number `failAt` (never, when undefined). */
function failingFs(failAt?: number): FsOps & { count: number } {
  const ops = { count: 0 } as FsOps & { count: number };
  for (const [name, fn] of Object.entries(realFs) as [keyof FsOps, (...a: never[]) => unknown][]) {
    (ops as unknown as Record<string, unknown>)[name] = (...args: never[]) => {
      if (ops.count++ === failAt) throw new Error(`injected failure in ${name}`);
      return fn(...args);
    };
  }
  return ops;
}

const rendered = render(packageInput());
/** The same build with every file's content changed, so a half-done write would show. */
const changed: Rendered = {
  generated: new Map([...rendered.generated].map(([k, v]) => [k, k === 'README.md' ? v : `${v}# changed\n`])),
  docs: new Map([...rendered.docs].map(([k, v]) => [k, `${v}\nchanged\n`])),
};

describe('writing generated/ and the docs', () => {
  it('replaces both on success, leaving no staging or backup folder', () => {
    const root = tempDir('write-');
    write(root, rendered);
    write(root, changed);
    expect(readFileSync(join(root, 'generated', 'prometheus', 'alerting_rules.yml'), 'utf8')).toMatch(/# changed\n$/);
    expect(readFileSync(join(root, 'docs', 'alerts.md'), 'utf8')).toMatch(/changed\n$/);
    expect(readdirSync(root).sort()).toEqual(['docs', 'generated']);
  });

  it('changes nothing when any single file operation fails, at every step', () => {
    const root = tempDir('write-');
    write(root, rendered);
    const counting = failingFs();
    const probe = tempDir('write-');
    write(probe, rendered);
    write(probe, changed, counting);
    expect(counting.count).toBeGreaterThan(10);
    const before = tree(root);
    for (let step = 0; step < counting.count; step++) {
      expect(() => write(root, changed, failingFs(step)), `failure at step ${step}`).toThrow(BuildError);
      expect(tree(root), `after a failure at step ${step}`).toEqual(before);
    }
  });

  it('refuses to replace a generated/ it did not write, and leaves it alone', () => {
    const root = tempDir('out-');
    mkdirSync(join(root, 'generated'));
    writeFileSync(join(root, 'generated', 'precious.txt'), 'mine');
    expect(() => write(root, rendered)).toThrow(/was not written by this build/);
    expect(tree(root)).toEqual([['generated', '<dir>'], ['generated/precious.txt', 'mine']]);
  });
});
