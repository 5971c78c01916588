// The build's output: accepted by promtool, valid CRDs, deterministic, and in step with the committed tree.
import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { PrometheusRule } from '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/PrometheusRule';
import { parseAllDocuments, parse as parseYaml } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import { build, render } from '../core/pipeline.ts';
import { selectors } from '../core/promql.ts';
import { ruleName } from '../core/rules.ts';
import { catalogue } from '../metrics/catalogue.ts';
import { packageInput, packageRuleGroups } from '../domains.ts';
import { tempDir } from '../testing/tmp.ts';

const repo = resolve(import.meta.dirname, '..');
const input = () => packageInput();
const ruleGroups = () => packageRuleGroups(input());

function tree(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const f of (readdirSync(dir, { recursive: true }) as string[]).sort()) {
    try {
      out.set(f, readFileSync(join(dir, f), 'utf8'));
    } catch {
      // a directory
    }
  }
  return out;
}

let root: string;
beforeAll(() => {
  root = tempDir('build-');
  build(root, input());
});

describe('npm run build output', () => {
  it('is accepted by promtool check rules', () => {
    const rules = join(root, 'generated', 'prometheus', 'alerting_rules.yml');
    const run = spawnSync('promtool', ['check', 'rules', rules], { encoding: 'utf8' });
    expect(run.error, 'promtool must be installed (npm test installs Debian prometheus)').toBeUndefined();
    expect(run.stdout + run.stderr).toContain('SUCCESS');
    expect(run.status).toBe(0);
  });

  it('has one PrometheusRule per group, each valid against the prometheus-operator CRD schema', () => {
    const dir = join(root, 'generated', 'kubernetes', 'monitoring');
    const files = readdirSync(dir).filter((f) => f.startsWith('prometheusrule-'));
    expect(files.map((f) => f.replace(/^prometheusrule-|\.yaml$/g, '')).sort()).toEqual(ruleGroups().map((g) => g.name).sort());
    for (const f of files) {
      const docs = parseAllDocuments(readFileSync(join(dir, f), 'utf8')).map((d) => d.toJS());
      expect(docs).toHaveLength(1);
      const rule = new PrometheusRule(docs[0]);
      expect(() => rule.validate(), f).not.toThrow();
      expect(rule.metadata?.namespace).toBe(input().global.namespace);
    }
  });

  it('rejects a PrometheusRule that does not fit the CRD schema (the validation is real)', () => {
    const bad = new PrometheusRule({ metadata: { name: 'x' }, spec: { groups: [{ name: 'g', rules: [{ alert: 'A', expr: 'up', for: 'five minutes' }] }] } } as never);
    expect(() => bad.validate()).toThrow();
  });

  it('lists every manifest in kustomization.yaml', () => {
    const dir = join(root, 'generated', 'kubernetes', 'monitoring');
    const k = parseYaml(readFileSync(join(dir, 'kustomization.yaml'), 'utf8')) as { resources: string[]; namespace: string };
    expect(k.namespace).toBe(input().global.namespace);
    expect(k.resources).toEqual(readdirSync(dir).filter((f) => f !== 'kustomization.yaml').sort());
  });

  it('is byte-identical across two builds', () => {
    const second = tempDir('build-');
    build(second, input());
    expect(tree(join(second, 'generated'))).toEqual(tree(join(root, 'generated')));
    expect(tree(join(second, 'docs'))).toEqual(tree(join(root, 'docs')));
  });

  it('matches the committed generated/ and docs (run npm run build and commit when this fails)', () => {
    const out = render(input());
    for (const [rel, content] of out.generated) expect(readFileSync(join(repo, 'generated', rel), 'utf8'), rel).toBe(content);
    expect(new Set(tree(join(repo, 'generated')).keys())).toEqual(new Set(out.generated.keys()));
    for (const [rel, content] of out.docs) expect(readFileSync(join(repo, rel), 'utf8'), rel).toBe(content);
  });

  it('documents every alert in docs/alerts.md, with its runbook', () => {
    const md = readFileSync(join(root, 'docs', 'alerts.md'), 'utf8');
    for (const g of ruleGroups()) {
      for (const r of g.rules) {
        if (r.kind !== 'alert') continue;
        expect(md).toContain(`## ${r.alert}\n`);
        expect(md).toContain(`(runbooks/${r.alert}.md)`);
        expect(readFileSync(join(repo, 'docs', 'runbooks', `${r.alert}.md`), 'utf8')).toMatch(/how to confirm/i);
      }
    }
  });

  it('lists, per scrape job, every metric the rules read (docs/design/legacy-findings.md item 7)', () => {
    const jobs = parseYaml(readFileSync(join(root, 'generated', 'prometheus', 'scrape-metric-relabel-configs.yml'), 'utf8')) as Record<string, { reads: string[] }>;
    for (const g of ruleGroups()) {
      for (const r of g.rules) {
        for (const sel of selectors(r.expr)) {
          if (sel.metric === 'up') continue; // made by Prometheus itself, never relabelled away
          const job = catalogue.lookup(sel.metric!)!.producer.scrapeJob;
          expect(jobs[job]?.reads, `${ruleName(r)} reads ${sel.metric}`).toContain(sel.metric);
        }
      }
    }
    expect(jobs['kubernetes-service-endpoints']?.reads).toContain('coredns_proxy_request_duration_seconds_count');
  });

  it('writes PromQL as YAML block literals', () => {
    const text = readFileSync(join(root, 'generated', 'prometheus', 'alerting_rules.yml'), 'utf8');
    const exprLines = text.split('\n').filter((l) => /^\s+expr:/.test(l));
    expect(exprLines.length).toBeGreaterThan(0);
    for (const l of exprLines) expect(l.trim()).toBe('expr: |-');
  });

  it('runs as a CLI: exit 0 on the real definitions, exit 1 naming the problem when a runbook is missing', () => {
    const out = tempDir('cli-');
    const ok = spawnSync('npx', ['tsx', 'cli/build.ts', '--out', out], { cwd: repo, encoding: 'utf8' });
    expect(ok.stdout).toMatch(/^build: wrote \d+ files/);
    expect(ok.status).toBe(0);
    const before = tree(join(out, 'generated'));

    const noRunbooks = tempDir('cli-');
    const bad = spawnSync('npx', ['tsx', 'cli/build.ts', '--out', out, '--runbooks', noRunbooks], { cwd: repo, encoding: 'utf8' });
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain('build failed; generated/ and the docs left unchanged.');
    expect(bad.stderr).toMatch(/alerts\/dns\/alerts\.ts:\d+: group "technitium", rule "TechnitiumInstanceDown", field "annotations\.runbook_url": the runbook docs\/runbooks\/TechnitiumInstanceDown\.md does not exist \[alerts\/runbook\]/);
    expect(tree(join(out, 'generated'))).toEqual(before);
  });
});
