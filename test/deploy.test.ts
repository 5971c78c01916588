// Deploying next to what the cluster runs: the package's values file, merged after the cluster's own chart
// values the way Helm does, adds its rule file and lists it, keeps every one of the cluster's rules, and no
// alert name of ours is one the cluster already uses (both run side by side until the legacy rules go).
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { render } from '../core/pipeline.ts';
import { packageInput } from '../domains.ts';
import { alertNames, chartDefaults, clusterChartValues, helmMerge, type Values } from '../testing/helm.ts';

const input = packageInput();
const ours = parse(render(input).generated.get('prometheus/helm-values.yaml')!) as Values;
const cluster = clusterChartValues();
const serverFiles = (v: Values) => v.serverFiles as Record<string, Values>;
const before = helmMerge(chartDefaults(), cluster);
const after = helmMerge(chartDefaults(), cluster, ours);
const chart = input.global.prometheusChart;

describe('deploying the rules next to the cluster\'s (prometheus chart 25.8.2)', () => {
  it('keeps every rule the cluster has', () => {
    const theirs = alertNames(serverFiles(before)['alerting_rules.yml']);
    expect(theirs.length).toBeGreaterThan(300);
    expect(serverFiles(after)['alerting_rules.yml']).toEqual(serverFiles(before)['alerting_rules.yml']);
    expect(alertNames(serverFiles(after)['alerting_rules.yml'])).toEqual(theirs);
  });

  it('adds the package\'s rules as their own file, with every alert the build makes', () => {
    const rendered = alertNames(serverFiles(after)[chart.rulesFile]);
    expect(rendered.length).toBeGreaterThan(0);
    expect(rendered).toEqual(alertNames({ groups: render(input).generated.get('prometheus/alerting_rules.yml') && (parse(render(input).generated.get('prometheus/alerting_rules.yml')!) as Values).groups }));
  });

  it('lists every rule file the chart mounts in rule_files, ours included, and keeps the chart\'s defaults', () => {
    const ruleFiles = (serverFiles(after)['prometheus.yml'] as { rule_files: string[] }).rule_files;
    const defaults = (serverFiles(chartDefaults())['prometheus.yml'] as { rule_files: string[] }).rule_files;
    expect(chart.defaultRuleFiles).toEqual(defaults);
    for (const f of defaults) expect(ruleFiles).toContain(f);
    const withRules = Object.entries(serverFiles(after)).filter(([, v]) => v && typeof v === 'object' && 'groups' in v).map(([k]) => `${chart.configDir}/${k}`);
    expect(withRules).toContain(`${chart.configDir}/${chart.rulesFile}`);
    for (const f of withRules) expect(ruleFiles, `${f} is mounted but not loaded`).toContain(f);
  });

  it('changes nothing else of the cluster\'s prometheus.yml (its scrape configs stay)', () => {
    const { rule_files: _a, ...restAfter } = serverFiles(after)['prometheus.yml'] as Values;
    const { rule_files: _b, ...restBefore } = serverFiles(before)['prometheus.yml'] as Values;
    expect(restAfter).toEqual(restBefore);
  });

  it('uses no alert name the cluster already has', () => {
    const theirs = new Set(alertNames(serverFiles(before)['alerting_rules.yml']));
    expect(alertNames(serverFiles(after)[chart.rulesFile]).filter((a) => theirs.has(a))).toEqual([]);
  });
});
