// Each validation failure of the build, shown with its message: group, rule, field and fix.
import { mkdtempSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../core/config.ts';
import { build } from '../core/pipeline.ts';
import { alert, group, type AlertSpec, type RuleGroup } from '../core/rules.ts';
import { formatProblem, validate, ValidationError } from '../core/validate.ts';
import { ruleGroups } from '../alerts/index.ts';

const repo = resolve(import.meta.dirname, '..');
const cfg = defaultConfig;

/** A temp root whose docs/runbooks holds a runbook for each given alert name. */
function runbookRoot(names: string[]): string {
  const root = mkdtempSync(join(tmpdir(), 'validate-'));
  mkdirSync(join(root, 'docs', 'runbooks'), { recursive: true });
  for (const n of names) writeFileSync(join(root, 'docs', 'runbooks', `${n}.md`), `# ${n}\n`);
  return root;
}

const good: AlertSpec = {
  name: 'ExampleInstanceDown',
  expr: 'technitium_up == 0',
  for: '5m',
  severity: 'warning',
  summary: 'An example instance is down.',
  description: 'Instance {{ $labels.server }} is down.',
};

function problemsOf(specs: AlertSpec[], runbooks = specs.map((s) => s.name)): string[] {
  const groups: RuleGroup[] = [group('test/fixture.ts', 'example', specs.map((s) => alert(cfg, s)))];
  return validate(groups, cfg, { root: runbookRoot(runbooks) }).map(formatProblem);
}

describe('build-time validation', () => {
  it('accepts a sound alert', () => {
    expect(problemsOf([good])).toEqual([]);
  });

  it('reports a PromQL syntax error with its position', () => {
    const [msg, ...rest] = problemsOf([{ ...good, expr: 'technitium_up{server="a" == 0' }]);
    expect(rest).toEqual([]);
    expect(msg).toContain('group "example", rule "ExampleInstanceDown", field "expr"');
    expect(msg).toMatch(/syntax error at line 1, column 26/);
    expect(msg).toContain('fix:');
  });

  it('reports the line of a syntax error in a multi-line expression', () => {
    const [msg] = problemsOf([{ ...good, expr: 'technitium_up == 0\nor\nsum(technitium_up by) > 1' }]);
    expect(msg).toMatch(/syntax error at line 3, column \d+/);
  });

  it('reports a duplicate alert name', () => {
    const msgs = problemsOf([good, { ...good }]);
    expect(msgs).toHaveLength(1);
    expect(msgs[0]).toContain('field "alert": alert name "ExampleInstanceDown" is already used in group "example"');
  });

  it('reports a missing summary, description and runbook file', () => {
    const msgs = problemsOf([{ ...good, summary: '', description: ' ' }], []);
    expect(msgs.some((m) => m.includes('field "annotations.summary": the summary is missing'))).toBe(true);
    expect(msgs.some((m) => m.includes('field "annotations.description": the description is missing'))).toBe(true);
    expect(msgs.some((m) => m.includes('field "annotations.runbook_url": the runbook docs/runbooks/ExampleInstanceDown.md does not exist') && m.includes('fix: write docs/runbooks/ExampleInstanceDown.md'))).toBe(true);
  });

  it('reports a missing runbook URL', () => {
    const groups: RuleGroup[] = [group('test/fixture.ts', 'example', [{ ...alert(cfg, good), annotations: { summary: 's', description: 'd', runbook_url: '' } }])];
    const msgs = validate(groups, cfg, { root: runbookRoot([good.name]) }).map(formatProblem);
    expect(msgs).toEqual([expect.stringContaining('field "annotations.runbook_url": the runbook URL is missing')]);
  });

  it('reports a templated or multi-line summary', () => {
    expect(problemsOf([{ ...good, summary: 'Down: {{ $labels.server }}' }])).toEqual([expect.stringContaining('the summary must be one static line')]);
  });

  it('reports an expression without a comparison, but accepts an intended absent()', () => {
    expect(problemsOf([{ ...good, expr: 'technitium_up' }])).toEqual([expect.stringContaining('has no comparison')]);
    expect(problemsOf([{ ...good, expr: 'technitium_up > bool 0' }])).toEqual([expect.stringContaining('has no comparison')]);
    expect(problemsOf([{ ...good, expr: 'absent(technitium_up{server="primary"})', absentOk: true }])).toEqual([]);
    expect(problemsOf([{ ...good, expr: 'absent(technitium_up{server="primary"})' }])).toEqual([expect.stringContaining('set absentOk: true')]);
  });

  it('reports a template label the expression cannot carry after aggregation', () => {
    const msgs = problemsOf([{ ...good, expr: 'sum(technitium_up) == 0' }]);
    expect(msgs).toEqual([expect.stringContaining('field "annotations.description": uses $labels.server, but the expression\'s result cannot carry "server" (it carries: none)')]);
    expect(problemsOf([{ ...good, expr: 'sum by (server) (technitium_up) == 0' }])).toEqual([]);
  });

  it('knows that one-to-one matching with on() keeps only the matching labels', () => {
    const msgs = problemsOf([{ ...good, expr: 'technitium_zones{role="replica"} < on(role) technitium_zones{role="primary"}' }]);
    expect(msgs).toEqual([expect.stringContaining('(it carries: role)')]);
  });

  it('reports a metric that is not in the catalogue', () => {
    const msgs = problemsOf([{ ...good, expr: 'dns_anomaly_total_queries > 1000', description: 'd' }]);
    expect(msgs).toEqual([expect.stringContaining('metric "dns_anomaly_total_queries" is not in the catalogue')]);
  });

  it('reports the removed CoreDNS forward metric of docs/design/legacy-findings.md item 6', () => {
    const msgs = problemsOf([{ ...good, expr: 'sum(rate(coredns_forward_responses_total[5m])) > 0.1', description: 'd' }]);
    expect(msgs).toEqual([expect.stringContaining('metric "coredns_forward_responses_total" is not in the catalogue')]);
  });

  it('reports a label the metric never carries and a value it never has', () => {
    const msgs = problemsOf([{ ...good, expr: 'technitium_up{instance_name="x"} == 0 or technitium_dns_responses_total{rcode="SERVERFAIL"} > 0', description: 'd' }]);
    expect(msgs.some((m) => m.includes('label "instance_name" is never set on technitium_up'))).toBe(true);
    expect(msgs.some((m) => m.includes('rcode="SERVERFAIL" matches no value') && m.includes('fix: use one of: NOERROR, SERVFAIL, NXDOMAIN, REFUSED'))).toBe(true);
  });

  it('reports a pushed metric read without a staleness guard', () => {
    const msgs = problemsOf([{ ...good, expr: 'technitium_zone_sync_status == 1', description: 'd' }]);
    expect(msgs).toEqual([expect.stringContaining('without a staleness guard')]);
  });

  it('reports a rate window shorter than two scrapes and a `for` shorter than one', () => {
    const msgs = problemsOf([{ ...good, expr: 'rate(technitium_dns_queries_total[3m]) > 1', for: '1m' }]);
    expect(msgs.some((m) => m.includes('range [3m] holds fewer than two scrapes'))).toBe(true);
    expect(msgs.some((m) => m.includes('field "for": "1m" is shorter than one scrape interval'))).toBe(true);
  });

  it('reports a bad severity and a non-CamelCase name', () => {
    const msgs = problemsOf([{ ...good, name: 'example_down', severity: 'page' as never }]);
    expect(msgs.some((m) => m.includes('"example_down" is not a CamelCase alert name'))).toBe(true);
    expect(msgs.some((m) => m.includes('"page" is not a severity'))).toBe(true);
  });
});

describe('a failed build', () => {
  it('exits with every problem and leaves generated/ exactly as it was', () => {
    const root = mkdtempSync(join(tmpdir(), 'build-'));
    const groups = ruleGroups(cfg);
    build(root, { cfg, groups, runbookRoot: repo });
    const snapshot = () => {
      const files = (readdirSync(join(root, 'generated'), { recursive: true }) as string[]).sort();
      return files.map((f) => [f, (() => { try { return readFileSync(join(root, 'generated', f), 'utf8'); } catch { return '<dir>'; } })()]);
    };
    const before = snapshot();
    const broken = [...groups, group('alerts/broken.ts', 'broken', [alert(cfg, { ...good, expr: 'technitium_up ==' })])];
    expect(() => build(root, { cfg, groups: broken, runbookRoot: repo })).toThrow(ValidationError);
    try {
      build(root, { cfg, groups: broken, runbookRoot: repo });
    } catch (e) {
      expect((e as Error).message).toContain('alerts/broken.ts: group "broken", rule "ExampleInstanceDown", field "expr": PromQL syntax error');
    }
    expect(snapshot()).toEqual(before);
    expect(readdirSync(root).sort()).toEqual(['docs', 'generated']);
  });
});
