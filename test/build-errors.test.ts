// What the build refuses, fed through the build itself: each class of definition that promtool rejects (or that
// would load but never fire) fails `npm run build` with the check that names it, and the build writes nothing.
// For the classes promtool rejects, promtool is shown to reject the same rule, so the check is not stricter
// than Prometheus by accident.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { globalDefaults } from '../core/config.ts';
import { defineDomain, withDefaults } from '../core/domain.ts';
import { prometheusRuleFile } from '../core/emit/prometheus.ts';
import { build, BuildError, render, type BuildInput } from '../core/pipeline.ts';
import { alert, group, type AlertSpec } from '../core/rules.ts';
import { dns } from '../alerts/dns/index.ts';
import { packageInput } from '../domains.ts';
import { tempDir } from '../testing/tmp.ts';

const good: AlertSpec = {
  name: 'ExampleInstanceDown',
  expr: 'technitium_up == 0',
  for: '5m',
  severity: 'warning',
  summary: 'An example instance is down.',
  description: 'Instance {{ $labels.server }} is down.',
};

/** The package plus one domain holding `spec`, with a runbook for it in a temporary root. */
function inputWith(spec: AlertSpec, over: Partial<AlertSpec> = {}): BuildInput {
  const root = tempDir('runbooks-');
  mkdirSync(join(root, 'docs', 'runbooks'), { recursive: true });
  for (const f of readdirSync(join(import.meta.dirname, '..', 'docs', 'runbooks'))) writeFileSync(join(root, 'docs', 'runbooks', f), '');
  writeFileSync(join(root, 'docs', 'runbooks', `${spec.name}.md`), '');
  const example = defineDomain({ id: 'example', title: 'Example', defaults: {}, ruleGroups: ({ global }) => [group('example', [alert(global, { ...spec, ...over })])] });
  const base = packageInput();
  return { ...base, domains: [...base.domains, withDefaults(example)], runbookRoot: root };
}

function refusal(input: BuildInput): BuildError {
  try {
    render(input);
  } catch (e) {
    if (e instanceof BuildError) return e;
    throw e;
  }
  throw new Error('the build accepted it');
}

function promtoolVerdict(spec: AlertSpec): number | null {
  const dir = tempDir('promtool-');
  const file = join(dir, 'rules.yml');
  writeFileSync(file, prometheusRuleFile([group('example', [alert(globalDefaults, spec)])]));
  return spawnSync('promtool', ['check', 'rules', file], { encoding: 'utf8' }).status;
}

const classes: { name: string; change: Partial<AlertSpec>; check: string; promtoolRejects: boolean }[] = [
  { name: 'a lone {{ in an annotation', change: { description: 'value {{ $value is high' }, check: 'alerts/template-syntax', promtoolRejects: true },
  { name: 'an unknown template function', change: { description: '{{ $value | humanizePercent }}' }, check: 'alerts/template-syntax', promtoolRejects: true },
  { name: 'rate() without a range', change: { expr: 'rate(technitium_dns_queries_total) > 1' }, check: 'promql/types', promtoolRejects: true },
  { name: 'a scalar comparison without bool', change: { expr: 'scalar(technitium_up) > 0' }, check: 'promql/types', promtoolRejects: true },
  { name: 'a regex JavaScript accepts but RE2 does not', change: { expr: 'technitium_up{server=~"(?!primary).*"} == 0' }, check: 'promql/regex', promtoolRejects: true },
  { name: 'a label name with a dash', change: { labels: { 'team-name': 'dns' } }, check: 'labels/name', promtoolRejects: true },
  { name: 'a U+2028 in a description', change: { description: 'Instance down.\u2028Really.' }, check: 'text/control-characters', promtoolRejects: true },
  { name: 'a fractional for (never NaN)', change: { for: '1.5h' as never }, check: 'alerts/for-too-short', promtoolRejects: true },
  { name: 'x == 0 or x (one branch always fires)', change: { expr: 'technitium_up == 0 or technitium_up' }, check: 'alerts/comparison', promtoolRejects: false },
  { name: '(x > 0) or vector(1)', change: { expr: '(technitium_up > 0) or vector(1)' }, check: 'alerts/comparison', promtoolRejects: false },
  { name: 'a comparison that filters nothing', change: { expr: 'technitium_up and on() (vector(1) > 0)' }, check: 'alerts/comparison', promtoolRejects: false },
  { name: '{{ .Labels.pod }} after an aggregation', change: { expr: 'sum(technitium_up) == 0', description: 'pod {{ .Labels.pod }}' }, check: 'alerts/template-labels', promtoolRejects: false },
];

describe('the build refuses what promtool refuses, and what could never fire', () => {
  it('accepts the sound example (the cases below differ from it by one change)', () => {
    expect(() => render(inputWith(good))).not.toThrow();
  });

  it.each(classes)('$name: refused by $check', ({ change, check, promtoolRejects }) => {
    const e = refusal(inputWith(good, change));
    const ids = e.findings.map((f) => f.check);
    expect(ids, e.message).toContain(check);
    for (const f of e.findings.filter((x) => x.check === check)) {
      expect(f.rule?.name).toBe(good.name);
      expect(f.file).toBe('test/build-errors.test.ts');
      expect(f.fix.length).toBeGreaterThan(10);
    }
    expect(promtoolVerdict({ ...good, ...change }) !== 0).toBe(promtoolRejects);
  });

  it('runs promtool check rules on the rendered file before writing, and stops on its verdict', () => {
    const dir = tempDir('fake-promtool-');
    const fake = join(dir, 'promtool');
    writeFileSync(fake, '#!/bin/sh\necho "rules.yml: 1:1: group \\"x\\": something promtool dislikes" >&2\nexit 1\n', { mode: 0o755 });
    const root = tempDir('build-');
    const e = (() => {
      try {
        build(root, { ...packageInput(), promtool: fake });
      } catch (err) {
        return err as Error;
      }
      throw new Error('the build ignored promtool');
    })();
    expect(e).toBeInstanceOf(BuildError);
    expect(e.message).toContain('promtool check rules refused the rendered rule file (exit 1)');
    expect(e.message).toContain('something promtool dislikes');
    expect(readdirSync(root)).toEqual([]);
  });
});

describe('config values are checked against their defaults', () => {
  const withDns = (config: object, global = globalDefaults): BuildInput => ({ ...packageInput(), global, domains: [{ domain: dns, config }] });

  it('refuses a fractional duration in a domain config, naming the field', () => {
    const config = { ...dns.defaults, technitium: { ...dns.defaults.technitium, instanceDownFor: '1.5h' } };
    expect(refusal(withDns(config)).message).toContain('domain config dns.technitium.instanceDownFor: "1.5h" is not a Prometheus duration');
  });

  it('refuses a scrape interval that is not a duration (no silent 60 s default)', () => {
    expect(refusal(withDns(dns.defaults, { ...globalDefaults, scrapeInterval: 'two minutes' as never })).message).toContain('global.scrapeInterval: "two minutes" is not a Prometheus duration');
  });

  it('refuses an empty selector a component needs', () => {
    const config = { ...dns.defaults, coredns: { ...dns.defaults.coredns, service: ' ' } };
    expect(refusal(withDns(config)).message).toContain('domain config dns.coredns.service is empty');
  });

  it('refuses a threshold that is not a number', () => {
    const config = { ...dns.defaults, queries: { ...dns.defaults.queries, servfailRatio: Number.NaN } };
    expect(refusal(withDns(config)).message).toContain('domain config dns.queries.servfailRatio: null is not a finite number');
  });
});

describe("a domain's config files", () => {
  const withFile = (path: string): BuildInput => {
    const base = packageInput();
    const example = defineDomain({ id: 'example', title: 'Example', defaults: {}, ruleGroups: () => [], configFiles: () => [{ path, content: 'x\n' }] });
    return { ...base, domains: [...base.domains, withDefaults(example)] };
  };

  it('are written under generated/<domain id>/', () => {
    expect(render(withFile('example/value.json')).generated.get('example/value.json')).toBe('x\n');
  });

  it.each(['prometheus/alerting_rules.yml', 'README.md', 'example/../prometheus/x.yml', 'example//x'])('refuses %s: only paths under the domain id', (path) => {
    expect(refusal(withFile(path)).message).toContain(`domain "example": config file "${path}" must be a path under "example/"`);
  });
});

describe('a failed build writes nothing', () => {
  it('leaves generated/ and the docs exactly as they were', () => {
    const root = tempDir('build-');
    build(root, packageInput());
    const snapshot = () => (readdirSync(root, { recursive: true }) as string[]).sort().map((f) => [f, (() => { try { return readFileSync(join(root, f), 'utf8'); } catch { return '<dir>'; } })()]);
    const before = snapshot();
    expect(() => build(root, inputWith(good, { expr: 'technitium_up ==' }))).toThrow(BuildError);
    expect(snapshot()).toEqual(before);
  });
});
