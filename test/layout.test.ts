// The layout holds: core/ knows no domain, and no top-level folder imports one that imports it back (entry
// points sit above everything). Test files are left out: a test may reach anywhere.
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, normalize, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const repo = resolve(import.meta.dirname, '..');
const skip = new Set(['node_modules', '.git', 'generated', 'test', 'bench']);
const importRe = /(?:import|export)\s[^'"]*?from\s*['"](\.[^'"]+)['"]|import\(\s*['"](\.[^'"]+)['"]\s*\)/g;

function sources(dir = repo): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return skip.has(e.name) && dir === repo ? [] : e.name === 'node_modules' ? [] : sources(p);
    return e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') && !e.name.endsWith('.d.ts') ? [p] : [];
  });
}

const top = (file: string) => {
  const rel = relative(repo, file);
  return rel.includes('/') ? rel.split('/')[0]! : '.';
};

/** Folder -> folders it imports from (test files excluded). */
function edges(): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const f of sources()) {
    for (const m of readFileSync(f, 'utf8').matchAll(importRe)) {
      const target = normalize(join(dirname(f), m[1] ?? m[2]!));
      const from = top(f);
      const to = top(target);
      if (from !== to && !relative(repo, target).startsWith('..')) {
        if (!out.has(from)) out.set(from, new Set());
        out.get(from)!.add(to);
      }
    }
  }
  return out;
}

describe('layout', () => {
  const e = edges();

  it('core/ imports no domain, program or entry point (only the metric types)', () => {
    expect([...(e.get('core') ?? [])].sort()).toEqual(['metrics']);
  });

  it('no two top-level folders import each other, directly or through others', () => {
    const reach = (from: string, seen = new Set<string>()): Set<string> => {
      for (const to of e.get(from) ?? []) if (!seen.has(to)) reach(to, seen.add(to));
      return seen;
    };
    const cycles = [...e.keys()].filter((f) => reach(f).has(f));
    expect(cycles).toEqual([]);
  });
});
