// What the runbooks say the build generates is what it generates. A runbook that quotes its alert's generated summary and description ("Summary: "…". Description, as
// generated:" and a block quote) quotes what the build generates today: a message changed in code makes the
// quote wrong, and on-call compares the two.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
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

describe("docs/runbooks/README.md's 'What mutes what' table", () => {
  const generated = parseYaml(readFileSync(join(repoRoot, 'generated', 'alertmanager', 'inhibit-rules.yml'), 'utf8')) as { inhibit_rules: { source_matchers: string[]; target_matchers: string[] }[] };
  const names = (m: string) => {
    const x = /^alertname\s*(=~|=)\s*"?([^"]*)"?$/.exec(m.trim());
    return x ? x[2]!.split('|') : [];
  };
  // Per source alert, every alert the generated rules mute while it fires.
  const mutes = new Map<string, Set<string>>();
  for (const r of generated.inhibit_rules) {
    for (const source of r.source_matchers.flatMap(names)) mutes.set(source, new Set([...(mutes.get(source) ?? []), ...r.target_matchers.flatMap(names)]));
  }
  const readme = readFileSync(join(dir, 'README.md'), 'utf8');
  const table = readme.slice(readme.indexOf('| while this fires |')).split('\n\n')[0]!.split('\n').slice(2);
  const rows = new Map(table.map((l) => l.split('|').map((c) => c.trim())).filter((c) => /^[A-Za-z0-9]+$/.test(c[1]!)).map((c) => [c[1]!, new Set(c[2]!.split(',').map((x) => x.trim()))] as const));

  it.each([...mutes.keys()].filter((s) => alerts.has(s)).map((s) => [s] as const))('%s: the row lists exactly what it mutes', (source) => {
    expect(rows.get(source), `no row for ${source}`).toBeDefined();
    expect([...rows.get(source)!].sort()).toEqual([...mutes.get(source)!].sort());
  });
  it('has no row for an alert that mutes nothing', () => {
    for (const source of rows.keys()) expect(mutes.has(source), source).toBe(true);
  });
});
