// The linter end to end: what it finds in the cluster's legacy rule file, that the package's own generated rules
// pass clean, that with the cluster's scrape config it reports exactly the series the generated relabel configs must spare
// are missing, and the command line's formats and exit codes.
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { run } from '../cli/lint.ts';
import { formatFinding } from '../core/checks/index.ts';
import type { Finding } from '../core/checks/model.ts';
import { selectors } from '../core/promql.ts';
import { relabelMetric, type RelabelConfig } from '../core/relabel.ts';
import { tempDir } from '../testing/tmp.ts';
import { failing, lint } from './lint.ts';
import { readScrapeConfig } from './scrape.ts';

const legacy = 'rules-test/legacy/alerting-rules.yaml';
const ours = 'generated/prometheus/alerting_rules.yml';
const scrapeConfigs = ['cluster/scrape-configs.yml', 'cluster/extra-scrape-configs.yml'];
const crds = ['coredns', 'dns-queries', 'technitium', 'technitium-zone-sync'].map((g) => `generated/kubernetes/monitoring/prometheusrule-${g}.yaml`);

const of = (fs: readonly Finding[], check: string, rule?: string) => fs.filter((f) => f.check === check && (rule === undefined || f.rule?.name === rule));
const countByCheck = (fs: readonly Finding[]) => Object.fromEntries([...new Set(fs.map((f) => `${f.check} (${f.severity})`))].sort().map((k) => [k, fs.filter((f) => `${f.check} (${f.severity})` === k).length]));

function write(name: string, text: string): string {
  const f = join(tempDir('lint-'), name);
  writeFileSync(f, text);
  return f;
}

describe('the legacy rule file', () => {
  const alone = lint({ files: [legacy] }).findings;
  const withScrape = lint({ files: [legacy], scrapeConfigs }).findings;

  it('reads coredns_forward_responses_total, removed in CoreDNS 1.11, and names the replacement', () => {
    const [f, ...more] = of(alone, 'selector/removed-metric', 'CoreDNSForwardFailureRate');
    expect(more).toHaveLength(0);
    expect(f!.severity).toBe('error');
    expect(f!.message).toContain('coredns_forward_responses_total was removed from coredns in v1.11.0');
    expect(f!.message).toContain('coredns_proxy_request_duration_seconds_count{proxy_name="forward", to, rcode}');
  });

  it('notes the dns_anomaly_* metrics as having no known producer (errors with --strict)', () => {
    const notes = of(alone, 'selector/unknown-metric').filter((f) => f.message.includes('"dns_anomaly_'));
    expect([...new Set(notes.map((f) => f.rule!.name))].sort()).toEqual(['DNSHighErrorRate', 'DNSQueryRateDropped', 'DNSQuerySpike']);
    expect(notes.every((f) => f.severity === 'info' && f.message.includes('unknown producer'))).toBe(true);
    const strict = of(lint({ files: [legacy], strict: true }).findings, 'selector/unknown-metric').filter((f) => f.message.includes('"dns_anomaly_'));
    expect(strict).toHaveLength(notes.length);
    expect(strict.every((f) => f.severity === 'error')).toBe(true);
  });

  it('with the cluster scrape config: container_fs_* that the cadvisor job drops (the /dev/shm alert)', () => {
    const fs = of(withScrape, 'scrape/dropped', 'AuthentikOutpostDevShmFull');
    expect(fs.map((f) => f.message.match(/: (container_fs_\w+) never reaches/)?.[1])).toEqual(['container_fs_usage_bytes', 'container_fs_limit_bytes']);
    for (const f of fs) expect(f.message).toMatch(/job "kubernetes-nodes-cadvisor" \(cluster\/scrape-configs\.yml:\d+\) removes it: metric_relabel_configs rule 2 \(action drop on \[__name__\], regex "container_fs_\.\*\|/);
  });

  it("with the cluster scrape config: what the service-endpoints job's keep-list leaves out", () => {
    const [daemonset, ...more] = of(withScrape, 'scrape/dropped', 'NFSCSINodeDown');
    expect(more).toHaveLength(0);
    expect(daemonset!.severity).toBe('error');
    expect(daemonset!.message).toContain('kube_daemonset_status_number_unavailable never reaches the rules: job "kubernetes-service-endpoints"');
    expect(daemonset!.message).toContain('metric_relabel_configs rule 2 (action keep on [__name__]');
    // the cluster's node exporters lose it to the same keep-list; the hosts' own node exporters still deliver it
    const [nfs] = of(withScrape, 'scrape/dropped', 'NFSHighRPCRetransmissions');
    expect(nfs!.severity).toBe('info');
    expect(nfs!.message).toMatch(/node_nfs_rpc_retransmissions_total reaches the rules only through jobs "backup-mx-node", "proxmox-host", "devvm", "rpi-sofia": job "kubernetes-service-endpoints" .* removes it: metric_relabel_configs rule 2 \(action keep on \[__name__\]/);
  });

  it('finds these, and only these (recorded)', () => {
    expect(countByCheck(withScrape)).toMatchSnapshot();
    expect(withScrape.map(formatFinding).join('\n')).toMatchSnapshot();
  });
});

describe("the package's own rules", () => {
  it('pass clean: the generated rule file and the PrometheusRule manifests', () => {
    expect(lint({ files: [ours] }).findings.map(formatFinding)).toEqual([]);
    expect(lint({ files: crds }).findings.map(formatFinding)).toEqual([]);
  });

  it("with the cluster's scrape config: blind exactly where the generated relabel configs must change the cluster's", () => {
    const result = lint({ files: [ours], scrapeConfigs });
    // "<m> never reaches the rules: job "<j>" (<file>) removes it", or (when another job still delivers it) "<m> reaches the rules only through …: job "<j>" (<file>) removes it"
    const reported = new Set(of(result.findings, 'scrape/dropped').map((f) => {
      const [, metric, job] = /(\w+) (?:never reaches|reaches the rules only through)[^]*?job "([^"]+)" \(/.exec(f.message)!;
      return `${job} ${metric}`;
    }));
    const generated = parse(readFileSync('generated/prometheus/scrape-metric-relabel-configs.yml', 'utf8')) as Record<string, { reads: string[]; metric_relabel_configs: RelabelConfig[] }>;
    const jobs = scrapeConfigs.flatMap((f) => readScrapeConfig(f).jobs);
    // `reads` also lists what the runbooks query; the linter reads the rules only.
    const ruleMetrics = new Set((parse(readFileSync(ours, 'utf8')) as { groups: { rules: { expr: string }[] }[] }).groups.flatMap((g) => g.rules.flatMap((r) => selectors(r.expr).map((x) => x.metric))));
    const expected = new Set(Object.entries(generated).flatMap(([job, { reads }]) => {
      const j = jobs.find((x) => x.name === job)!;
      return reads.filter((m) => ruleMetrics.has(m) && relabelMetric(j.metricRelabelConfigs, m).survives === false).map((m) => `${job} ${m}`);
    }));
    expect(expected.size).toBeGreaterThan(0);
    expect([...reported].sort()).toEqual([...expected].sort());
    expect(result.findings.filter((f) => f.check !== 'scrape/dropped')).toEqual([]);
    // With the generated configs in place of the cluster's, nothing the package reads is dropped any more.
    for (const [job, { reads, metric_relabel_configs }] of Object.entries(generated)) {
      expect(reads.filter((m) => relabelMetric(metric_relabel_configs, m).survives === false), job).toEqual([]);
    }
  });
});

describe('the command line (cli/lint.ts)', () => {
  it('exit 0 and a summary on a clean file', () => {
    const r = run([ours]);
    expect(r.code).toBe(0);
    const ruleCount = (parse(readFileSync(ours, 'utf8')) as { groups: { rules: unknown[] }[] }).groups.reduce((n, g) => n + g.rules.length, 0);
    expect(r.stdout).toBe(`${ruleCount} rules in 1 file: 0 errors, 0 warnings, 0 notes\n`);
  });

  it('exit 1 with findings, as file:line: group, rule, field: message [check] and the fix', () => {
    const r = run([legacy]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^rules-test\/legacy\/alerting-rules\.yaml:36: group "[^"]+", rule "CoreDNSForwardFailureRate", field "expr": .* \[selector\/removed-metric\]\.\n {4}fix: read coredns_proxy/m);
  });

  it('exit 0 when there are only notes; 1 when --strict makes them errors', () => {
    const f = write('notes.yml', 'groups:\n  - name: g\n    rules:\n      - alert: QueriesHigh\n        expr: dns_anomaly_total_queries > 1000\n');
    expect(run([f]).code).toBe(0);
    expect(run([f]).stdout).toContain('info: selector dns_anomaly_total_queries');
    expect(run(['--strict', f]).code).toBe(1);
  });

  it('--format json: a list of findings with file, line, group, alert or record, check and message', () => {
    const r = run(['--format', 'json', '--scrape-config', scrapeConfigs[0]!, '--scrape-config', scrapeConfigs[1]!, legacy]);
    expect(r.code).toBe(1);
    const list = JSON.parse(r.stdout) as Record<string, unknown>[];
    expect(list.length).toBe(lint({ files: [legacy], scrapeConfigs }).findings.length);
    for (const f of list) {
      expect(f).toMatchObject({ file: legacy, line: expect.any(Number), group: expect.any(String), check: expect.any(String), message: expect.any(String) });
      expect(typeof (f.alert ?? f.record)).toBe('string');
    }
    expect(list).toContainEqual(expect.objectContaining({ alert: 'AuthentikOutpostDevShmFull', check: 'scrape/dropped', line: 172 }));
    expect(JSON.parse(run(['--format', 'json', ours]).stdout)).toEqual([]);
  });

  it('judges for and ranges against the scrape interval: the config\'s, or --scrape-interval', () => {
    const f = write('r.yml', 'groups:\n  - name: g\n    rules:\n      - alert: A\n        expr: rate(coredns_dns_requests_total[3m]) > 1\n        for: 1m\n');
    expect(run([f]).code).toBe(0); // Prometheus's default 1m
    const r = run(['--scrape-interval', '2m', f]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('[promql/range-too-short]');
    expect(r.stdout).toContain('[alerts/for-too-short]');
  });

  it.each([
    ['no file', [], /no rule files given/],
    ['a file that does not exist', ['missing.yml'], /could not run: missing\.yml: cannot read the file: ENOENT/],
    ['bad YAML', ['BAD'], /could not run: .*bad\.yml:\d+: not valid YAML/],
    ['a scrape config that does not exist', ['--scrape-config', 'missing.yml', ours], /could not run: missing\.yml: cannot read the file/],
    ['an inventory that is not one', ['--inventory', 'INV', ours], /could not run: .*inv\.yml: not a usable inventory: metrics: is required/],
    ['an unknown option', ['--frmat', 'json', ours], /Unknown option '--frmat'/],
    ['a format that is none', ['--format', 'xml', ours], /--format must be text or json/],
    ['a scrape interval that is no duration', ['--scrape-interval', '2 minutes', ours], /"2 minutes" is not a Prometheus duration/],
  ])('exit 2 with the reason: %s', (_, args, message) => {
    const bad = write('bad.yml', 'groups:\n  - name: [\n');
    const inv = write('inv.yml', 'producer: x\ndescription: y\n');
    const r = run(args.map((a) => (a === 'BAD' ? bad : a === 'INV' ? inv : a)));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stdout).toBe('');
  });

  it('runs as `npm run lint` and as `npx homelab-observability lint` from the checkout, with the exit codes', () => {
    const npm = spawnSync('npm', ['run', '-s', 'lint', '--', '--format', 'json', legacy], { encoding: 'utf8' });
    expect(npm.status, `${npm.stdout}\n${npm.stderr}`).toBe(1);
    expect((JSON.parse(npm.stdout) as unknown[]).length).toBe(lint({ files: [legacy] }).findings.length);
    const npx = spawnSync('npx', ['homelab-observability', 'lint', ours], { encoding: 'utf8' });
    expect(npx.status, `${npx.stdout}\n${npx.stderr}`).toBe(0);
    expect(npx.stdout).toContain('0 errors');
    const missing = spawnSync('npx', ['homelab-observability', 'lint', 'missing.yml'], { encoding: 'utf8' });
    expect(missing.status, missing.stderr).toBe(2);
    expect(missing.stderr).toContain('missing.yml: cannot read the file');
    const unknown = spawnSync('npx', ['homelab-observability', 'frobnicate'], { encoding: 'utf8' });
    expect(unknown.status, unknown.stderr).toBe(2);
    expect(unknown.stderr).toMatch(/commands: .*\blint\b/);
  });
});

it('failing: errors and warnings fail a run, notes do not', () => {
  const f = (severity: Finding['severity']) => ({ severity }) as Finding;
  expect([failing(f('error')), failing(f('warning')), failing(f('info'))]).toEqual([true, true, false]);
});
