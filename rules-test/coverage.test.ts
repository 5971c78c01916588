// The gate's rule on its own: a case counts only when it ran and passed.
import { describe, expect, it } from 'vitest';
import type { CoverageEntry } from './builder.ts';
import { coverageGaps } from './coverage.ts';

const entry = (file: string, kind: 'fires' | 'quiet'): CoverageEntry => ({ alert: 'A', file, kind, rules: 'ours', caseName: file, at: '10m' });
const entries = [entry('fires.yml', 'fires'), entry('quiet.yml', 'quiet')];

describe('coverage gate', () => {
  it('covers an alert whose firing and quiet cases both passed', () => {
    expect(coverageGaps(['A'], entries, new Map([['fires.yml', { ok: true, message: '' }], ['quiet.yml', { ok: true, message: '' }]])).get('A')).toBe('');
  });

  it('does not count a case that failed', () => {
    expect(coverageGaps(['A'], entries, new Map([['fires.yml', { ok: false, message: 'x' }], ['quiet.yml', { ok: true, message: '' }]])).get('A')).toBe('a passing case where it fires');
  });

  it('does not count a case that never ran', () => {
    expect(coverageGaps(['A'], entries, new Map([['fires.yml', { ok: true, message: '' }]])).get('A')).toBe('a passing case where it stays quiet');
  });

  it('does not count cases of the legacy rules', () => {
    const legacy = entries.map((e) => ({ ...e, rules: 'legacy' as const }));
    expect(coverageGaps(['A'], legacy, new Map([['fires.yml', { ok: true, message: '' }], ['quiet.yml', { ok: true, message: '' }]])).get('A')).toBe('a passing case where it fires and a passing case where it stays quiet');
  });
});
