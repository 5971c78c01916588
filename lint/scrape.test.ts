// Scrape configs: the jobs of each shape of input, which job collects each producer, the labels it adds, and
// where each metric_relabel_configs rule is written.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { tempDir } from '../testing/tmp.ts';
import { builtinInventories } from './inventory.ts';
import { jobsFor, mergeScrapeConfigs, readScrapeConfig } from './scrape.ts';
import { InputError } from './yaml.ts';

const scrapeConfigs = 'cluster/scrape-configs.yml';
const extraScrapeConfigs = 'cluster/extra-scrape-configs.yml';
const cluster = mergeScrapeConfigs([readScrapeConfig(scrapeConfigs), readScrapeConfig(extraScrapeConfigs)]);
const inventory = (id: string) => builtinInventories().find((i) => i.producer === id)!;
const jobs = (id: string) => jobsFor(inventory(id), cluster).map((j) => j.name);

function write(name: string, text: string): string {
  const f = join(tempDir('lint-scrape-'), name);
  writeFileSync(f, text);
  return f;
}

describe('readScrapeConfig', () => {
  const plain = readScrapeConfig(scrapeConfigs);
  const extra = readScrapeConfig(extraScrapeConfigs);
  const names = (c: { jobs: readonly { name: string }[] }) => c.jobs.map((j) => j.name);

  it('reads a Prometheus config (scrape_configs:) and a plain list of jobs', () => {
    const fromYaml = (f: string) => (parse(readFileSync(f, 'utf8')) as { scrape_configs?: { job_name: string }[] } | { job_name: string }[]);
    const listed = (f: string) => { const y = fromYaml(f); return (Array.isArray(y) ? y : y.scrape_configs!).map((j) => j.job_name); };
    expect(names(plain)).toEqual(listed(scrapeConfigs));
    expect(names(extra)).toEqual(listed(extraScrapeConfigs));
  });

  it('reads chart values: serverFiles."prometheus.yml" and extraScrapeConfigs as a string, and server.global.scrape_interval', () => {
    const extraText = readFileSync(extraScrapeConfigs, 'utf8');
    const values = `server:\n  global:\n    scrape_interval: 2m\nserverFiles:\n  prometheus.yml:\n${readFileSync(scrapeConfigs, 'utf8').split('\n').map((l) => (l ? `    ${l}` : l)).join('\n')}\nextraScrapeConfigs: |\n${extraText.split('\n').map((l) => (l ? `  ${l}` : l)).join('\n')}`;
    const f = write('values.yaml', values);
    const c = readScrapeConfig(f);
    expect(names(c)).toEqual([...names(plain), ...names(extra)]);
    expect(c.scrapeIntervalSeconds).toBe(120);
    // each job, and each of its metric_relabel_configs rules, is found at its line of the values file
    const lines = readFileSync(f, 'utf8').split('\n');
    for (const j of c.jobs) {
      expect(lines[j.at.line! - 1]).toContain('job_name:');
      expect(lines[j.at.line! - 1]).toContain(j.name);
      for (const at of j.ruleAt ?? []) expect(lines[at.line! - 1]).toMatch(/^\s*- /);
    }
  });

  it('reads extraScrapeConfigs given as YAML too, and the global scrape_interval of a Prometheus config', () => {
    const f = write('values.yaml', stringify({ extraScrapeConfigs: parse(readFileSync(extraScrapeConfigs, 'utf8')) }));
    expect(names(readScrapeConfig(f))).toEqual(names(extra));
    const g = write('prometheus.yml', stringify({ global: { scrape_interval: '30s' }, scrape_configs: [{ job_name: 'x', static_configs: [{ targets: ['a:1'] }] }] }));
    expect(readScrapeConfig(g).scrapeIntervalSeconds).toBe(30);
  });

  it('keeps metric_relabel_configs in order with Prometheus defaults left unset', () => {
    const cadvisor = plain.jobs.find((j) => j.name === 'kubernetes-nodes-cadvisor')!;
    expect(cadvisor.metricRelabelConfigs.map((r) => r.action)).toEqual(['drop', 'drop', 'keep']);
    expect(cadvisor.metricRelabelConfigs[1]!.regex).toMatch(/^container_fs_\.\*\|/);
  });

  it('gives a job the labels its relabelling adds, and any label when it labelmaps', () => {
    const endpoints = plain.jobs.find((j) => j.name === 'kubernetes-service-endpoints')!;
    expect([...endpoints.targetLabels].sort()).toEqual(['instance', 'job', 'namespace', 'node', 'service']);
    expect(endpoints.anyTargetLabel).toBe(true); // labelmap __meta_kubernetes_service_label_(.+)
    expect(endpoints.honorLabels).toBe(true);
    const prometheus = plain.jobs.find((j) => j.name === 'prometheus')!;
    expect(prometheus.anyTargetLabel).toBe(false);
    const rpi = extra.jobs.find((j) => j.name === 'rpi-sofia')!;
    expect(rpi.targetLabels).toContain('node'); // static_configs labels
  });

  it.each([
    ['a file without jobs', 'global:\n  scrape_interval: 1m\n', /finds no scrape jobs/],
    ['a job without job_name', 'scrape_configs:\n  - static_configs: []\n', /prometheus\.yml:2: a scrape config without job_name/],
    ['an unknown relabel action', 'scrape_configs:\n  - job_name: a\n    metric_relabel_configs:\n      - action: keepx\n', /prometheus\.yml:4: job "a" metric_relabel_configs: unknown relabel action "keepx"/],
    ['a regex RE2 refuses', 'scrape_configs:\n  - job_name: a\n    metric_relabel_configs:\n      - action: drop\n        regex: (a)\\1\n', /prometheus\.yml:4: job "a" metric_relabel_configs: regex "\(a\)\\1" is not RE2/],
    ['bad YAML', 'scrape_configs: [\n', /prometheus\.yml:\d+: not valid YAML/],
  ])('refuses %s, naming where', (_, text, message) => {
    const f = write('prometheus.yml', text);
    expect(() => readScrapeConfig(f)).toThrow(InputError);
    expect(() => readScrapeConfig(f)).toThrow(message);
  });
});

describe('jobsFor: the jobs that collect each producer in the cluster config', () => {
  it.each([
    // discovered through the prometheus.io/scrape annotation on its Service
    ['kube-state-metrics', ['kubernetes-service-endpoints']],
    ['coredns', ['kubernetes-service-endpoints']],
    // by the metrics path the job's relabelling sets
    ['cadvisor', ['kubernetes-nodes-cadvisor']],
    // by name
    ['prometheus', ['prometheus']],
    ['pushgateway', ['prometheus-pushgateway']],
    ['alertmanager', ['alertmanager']],
    ['traefik', ['traefik']],
  ])('%s: %j', (id, expected) => {
    expect(jobs(id)).toEqual(expected);
  });

  it("node-exporter: the annotated Service's job, and every job whose static targets are all on the node exporter's port 9100", () => {
    const onPort = cluster.jobs.filter((j) => j.staticTargets.length && j.staticTargets.every((t) => t.endsWith(':9100'))).map((j) => j.name);
    expect(onPort).toEqual(expect.arrayContaining(['proxmox-host', 'rpi-sofia', 'openwrt']));
    expect(jobs('node-exporter')).toEqual(['kubernetes-service-endpoints', ...onPort]);
  });

  it('blackbox-exporter: every job that scrapes /probe', () => {
    const probeJobs = cluster.jobs.filter((j) => j.metricsPath === '/probe').map((j) => j.name);
    expect(probeJobs.length).toBeGreaterThan(3);
    expect(jobs('blackbox-exporter')).toEqual(probeJobs);
  });

  it('series Prometheus makes itself are no job\'s to relabel', () => {
    expect(inventory('prometheus-synthetic').scrape.relabelled).toBe(false);
  });
});
