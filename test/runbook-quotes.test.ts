// A runbook that quotes its alert's generated summary and description ("Summary: "…". Description, as
// generated:" and a block quote) quotes what the build generates today: a message changed in code makes the
// quote wrong, and on-call compares the two.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../core/paths.ts';
import { packageInput, packageRuleGroups } from '../domains.ts';

const dir = join(repoRoot, 'docs', 'runbooks');
const alerts = new Map(packageRuleGroups(packageInput()).flatMap((g) => g.rules.flatMap((r) => (r.kind === 'alert' ? [[r.alert, r] as const] : []))));
const words = (s: string) => s.replace(/\s+/g, ' ').trim();

const quoting = readdirSync(dir)
  .filter((f) => f.endsWith('.md') && alerts.has(f.slice(0, -3)))
  .map((f) => ({ alert: f.slice(0, -3), text: readFileSync(join(dir, f), 'utf8') }))
  .filter((r) => r.text.includes('as generated:'));

describe('runbooks quote the generated messages', () => {
  it('some runbooks quote them', () => expect(quoting.length).toBeGreaterThan(5));

  it.each(quoting.map((r) => [r.alert, r] as const))('%s', (alert, { text }) => {
    const rule = alerts.get(alert)!;
    const summary = /Summary: "([^"]*)"\. Description, as generated:/.exec(words(text));
    expect(summary, 'the quote is written as: Summary: "…". Description, as generated:').not.toBeNull();
    expect(summary![1]).toBe(rule.annotations.summary);
    // The block quote right after the marker, its lines joined.
    const block: string[] = [];
    for (const l of text.slice(text.indexOf('as generated:')).split('\n').slice(1)) {
      if (l.startsWith('>')) block.push(l.replace(/^>\s?/, ''));
      else if (block.length) break;
    }
    expect(block.length, 'a block quote follows').toBeGreaterThan(0);
    expect(words(block.join(' '))).toBe(words(rule.annotations.description!));
  });
});
