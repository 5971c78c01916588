// generated/jsonnet/mixin.libsonnet, evaluated by Debian's jsonnet (the C++ implementation, 0.18 here), gives
// what the YAML and JSON outputs hold: the alerting rules of alerting_rules.yml (which promtool accepts), the
// recording rules, the dashboards of generated/grafana/dashboards/, and the config they were built from. And
// it mixes like a monitoring mixin: added to another, the rule groups and dashboards join.
import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import { build } from '../core/pipeline.ts';
import { packageInput } from '../domains.ts';
import { tempDir } from '../testing/tmp.ts';

let gen: string;
beforeAll(() => {
  const root = tempDir('build-');
  build(root, packageInput());
  gen = join(root, 'generated');
});

/** jsonnet's output for `expr`, evaluated beside the mixin (so `import "mixin.libsonnet"` finds it). */
function jsonnet(expr: string, string = false): string {
  const r = spawnSync('jsonnet', [...(string ? ['-S'] : []), '-e', expr], { cwd: join(gen, 'jsonnet'), encoding: 'utf8' });
  expect(r.error, 'jsonnet must be installed (npm test installs Debian jsonnet)').toBeUndefined();
  expect(r.status, r.stderr).toBe(0);
  return r.stdout;
}

type RuleFile = { groups: { name: string; rules: Record<string, unknown>[] }[] };

/** The groups of the build's rule file, with only the rules of one kind (groups left empty dropped). */
function ruleFileGroups(kind: 'alert' | 'record'): RuleFile {
  const file = parseYaml(readFileSync(join(gen, 'prometheus', 'alerting_rules.yml'), 'utf8')) as RuleFile;
  return { groups: file.groups.map((g) => ({ ...g, rules: g.rules.filter((r) => kind in r) })).filter((g) => g.rules.length > 0) };
}

describe('generated/jsonnet/mixin.libsonnet', () => {
  it('prometheusAlerts, manifested as YAML, is the alerting rules of alerting_rules.yml', () => {
    const yaml = jsonnet('std.manifestYamlDoc((import "mixin.libsonnet").prometheusAlerts)', true);
    const alerts = parseYaml(yaml) as RuleFile;
    expect(alerts).toEqual(ruleFileGroups('alert'));
    expect(alerts.groups.length).toBeGreaterThan(0);
  });

  it('prometheusAlerts passes promtool check rules', () => {
    const file = join(tempDir('mixin-'), 'alerts.yml');
    writeFileSync(file, jsonnet('std.manifestYamlDoc((import "mixin.libsonnet").prometheusAlerts)', true));
    const r = spawnSync('promtool', ['check', 'rules', file], { encoding: 'utf8' });
    expect(r.error, 'promtool must be installed').toBeUndefined();
    expect(r.stdout + r.stderr).toContain('SUCCESS');
    expect(r.status).toBe(0);
  });

  it('prometheusRules is the recording rules of alerting_rules.yml', () => {
    expect(JSON.parse(jsonnet('(import "mixin.libsonnet").prometheusRules'))).toEqual(ruleFileGroups('record'));
  });

  it('grafanaDashboards is generated/grafana/dashboards/, keyed by file name', () => {
    const dashboards = JSON.parse(jsonnet('(import "mixin.libsonnet").grafanaDashboards')) as Record<string, unknown>;
    const files = readdirSync(join(gen, 'grafana', 'dashboards')).sort();
    expect(Object.keys(dashboards).sort()).toEqual(files);
    for (const f of files) expect(dashboards[f], f).toEqual(JSON.parse(readFileSync(join(gen, 'grafana', 'dashboards', f), 'utf8')));
  });

  it('_config reports the config the package was built with', () => {
    const config = JSON.parse(jsonnet('(import "mixin.libsonnet")._config.homelabObservability')) as { global: unknown; domains: Record<string, unknown> };
    const input = packageInput();
    expect(config.global).toEqual(input.global);
    expect(config.domains).toEqual(JSON.parse(JSON.stringify(Object.fromEntries(input.domains.map((d) => [d.domain.id, d.config])))));
  });

  it('mixes like a monitoring mixin: added to another, rule groups and dashboards join', () => {
    const other = "{ prometheusAlerts:: { groups: [{ name: 'other', rules: [] }] }, grafanaDashboards:: { 'other.json': {} }, _config:: { otherSetting: 1 } }";
    const mixed = JSON.parse(jsonnet(`local m = ${other} + (import "mixin.libsonnet"); { groups: [g.name for g in m.prometheusAlerts.groups], dashboards: std.objectFields(m.grafanaDashboards), config: std.objectFields(m._config) }`)) as { groups: string[]; dashboards: string[]; config: string[] };
    expect(mixed.groups).toEqual(['other', ...ruleFileGroups('alert').groups.map((g) => g.name)]);
    expect(mixed.dashboards).toEqual(['other.json', ...readdirSync(join(gen, 'grafana', 'dashboards'))].sort());
    expect(mixed.config).toEqual(['homelabObservability', 'otherSetting']);
  });
});
