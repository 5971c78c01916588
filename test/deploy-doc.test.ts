// docs/deploy.md's table of superseded legacy alerts names real rules on both sides: each legacy name is a rule
// the cluster runs (cluster/prometheus-chart-values.tpl), each replacement an alert this package builds.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../core/paths.ts';
import { packageInput, packageRuleGroups } from '../domains.ts';
import { alertNames, clusterChartValues } from '../testing/helm.ts';

const doc = readFileSync(join(repoRoot, 'docs', 'deploy.md'), 'utf8');
const table = doc.slice(doc.indexOf('## The legacy alerts the package supersedes'));
const rows = table.split('\n').filter((l) => /^\| [A-Z]/.test(l) && !l.startsWith('| legacy')).map((l) => l.split('|').map((c) => c.trim()));
const theirs = new Set(alertNames((clusterChartValues().serverFiles as Record<string, unknown>)['alerting_rules.yml']));
const ours = new Set(packageRuleGroups(packageInput()).flatMap((g) => g.rules.flatMap((r) => (r.kind === 'alert' ? [r.alert] : []))));

describe('docs/deploy.md: superseded legacy alerts', () => {
  it('has rows', () => expect(rows.length).toBeGreaterThan(5));
  it.each(rows.map((r) => [r[1]!, r[2]!] as const))('%s is a cluster rule, replaced by alerts of ours (%s)', (legacy, replacements) => {
    expect(theirs.has(legacy), `${legacy} is not in the cluster's rules`).toBe(true);
    expect(ours.has(legacy), `${legacy} is also one of ours`).toBe(false);
    for (const r of replacements.split(',').map((x) => x.trim())) expect(ours.has(r), `${r} is not an alert of the package`).toBe(true);
  });
});
