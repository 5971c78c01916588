// The three shapes a rule file comes in read into the same groups and rules, each with the line it is written on.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { tempDir } from '../testing/tmp.ts';
import type { RuleFileModel } from '../core/checks/model.ts';
import { readRuleFile } from './rules.ts';
import { InputError } from './yaml.ts';

const legacy = 'rules-test/legacy/alerting-rules.yaml';
const groups = (parse(readFileSync(legacy, 'utf8')) as { groups: { name: string; rules: Record<string, unknown>[] }[] }).groups;

function write(name: string, text: string): string {
  const f = join(tempDir('lint-rules-'), name);
  writeFileSync(f, text);
  return f;
}

/** The rules of a model without where they are: what must be the same whatever the shape. */
const content = (m: RuleFileModel) => m.groups.map((g) => ({ name: g.name, rules: g.rules.map((r) => ({ kind: r.kind, name: r.name, expr: r.expr, for: r.for, labels: r.labels, annotations: r.annotations })) }));

/** Every rule's line holds its `alert:`/`record:` key and its expr line holds `expr:`. */
function expectLinesPointAtRules(m: RuleFileModel) {
  const lines = readFileSync(m.file, 'utf8').split('\n');
  for (const g of m.groups) {
    expect(lines[g.at.line! - 1], `group ${g.name}`).toContain('name:');
    for (const r of g.rules) {
      expect(lines[r.at.line! - 1], `rule ${r.name}`).toMatch(new RegExp(`(alert|record|expr):`));
      expect(lines[r.fieldAt!.expr!.line! - 1], `expr of ${r.name}`).toContain('expr:');
      expect(lines[r.fieldAt![r.kind]!.line! - 1], `${r.kind} of ${r.name}`).toContain(`${r.kind}: ${r.name}`);
    }
  }
}

describe('readRuleFile', () => {
  const plain = readRuleFile(legacy);

  it('reads a plain rule file: every group and rule, at its line', () => {
    expect(plain.groups.map((g) => g.name)).toEqual(groups.map((g) => g.name));
    expect(plain.groups.flatMap((g) => g.rules)).toHaveLength(groups.flatMap((g) => g.rules).length);
    expectLinesPointAtRules(plain);
  });

  it('reads PrometheusRule manifests, several documents in one file', () => {
    const docs = [groups.slice(0, 3), groups.slice(3)].map((gs, i) => ({ apiVersion: 'monitoring.coreos.com/v1', kind: 'PrometheusRule', metadata: { name: `part-${i}` }, spec: { groups: gs } }));
    const m = readRuleFile(write('rules.yaml', docs.map((d) => stringify(d)).join('---\n')));
    expect(content(m)).toEqual(content(plain));
    expectLinesPointAtRules(m);
  });

  it('reads chart values with the rules under serverFiles."<name>.yml" as YAML', () => {
    const values = { server: { global: { scrape_interval: '2m' } }, serverFiles: { 'alerting_rules.yml': { groups }, 'prometheus.yml': { scrape_configs: [] } } };
    const m = readRuleFile(write('values.yaml', stringify(values)));
    expect(content(m)).toEqual(content(plain));
    expectLinesPointAtRules(m);
  });

  it('reads chart values whose rule file is a string of YAML (--set-file), with lines in the outer file', () => {
    const text = `serverFiles:\n  alerting_rules.yml: |\n${stringify({ groups }).split('\n').map((l) => (l ? `    ${l}` : l)).join('\n')}`;
    const m = readRuleFile(write('values.yaml', text));
    expect(content(m)).toEqual(content(plain));
    expectLinesPointAtRules(m);
  });

  it.each([
    ['bad YAML, with the line', 'groups:\n  - name: a\n    rules: [\n', /values\.yaml:\d+: not valid YAML/],
    ['a file without rules', 'kind: ConfigMap\ndata: {}\n', /finds no rule groups/],
    ['a rule without expr', 'groups:\n  - name: a\n    rules:\n      - alert: X\n', /values\.yaml:4: group "a": rule "X" has no expr/],
    ['a rule with both alert and record', 'groups:\n  - name: a\n    rules:\n      - alert: X\n        record: y\n        expr: up\n', /both alert and record/],
    ['groups that are not a list', 'groups:\n  name: a\n', /groups must be a list/],
    ['labels that are not a map', 'groups:\n  - name: a\n    rules:\n      - alert: X\n        expr: up == 0\n        labels: [a]\n', /labels must be a map/],
  ])('refuses %s with an InputError naming the file', (_, text, message) => {
    const f = write('values.yaml', text);
    expect(() => readRuleFile(f)).toThrow(InputError);
    expect(() => readRuleFile(f)).toThrow(message);
  });

  it('refuses a file it cannot read, saying why', () => {
    expect(() => readRuleFile('no/such/file.yml')).toThrow(/no\/such\/file\.yml: cannot read the file: ENOENT/);
  });
});
