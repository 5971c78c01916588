// The repository stands on its own: no tracked file reads, imports, links or mentions the folder beside the
// clone that the project was first written from. A user's clone has nothing beside it.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const repo = resolve(import.meta.dirname, '..');
// Built from parts so this file does not contain what it looks for.
const needle = ['..', 'shared'].join('/');

function trackedFiles(): string[] {
  return execFileSync('git', ['ls-files', '-z'], { cwd: repo, encoding: 'utf8' }).split('\0').filter(Boolean);
}

describe('the repository stands on its own', () => {
  it(`no tracked file mentions ${needle}`, () => {
    const files = trackedFiles();
    expect(files.length).toBeGreaterThan(10);
    const hits: string[] = [];
    for (const f of files) {
      if (f.startsWith('node_modules/')) continue;
      let text: string;
      try {
        text = readFileSync(join(repo, f), 'utf8');
      } catch {
        continue; // deleted in the work tree, or not a regular file
      }
      text.split('\n').forEach((line, i) => {
        if (line.includes(needle)) hits.push(`${f}:${i + 1}: ${line.trim().slice(0, 120)}`);
      });
    }
    expect(hits, `files that point outside the repository (make what they need the project's own file)`).toEqual([]);
  });
});
