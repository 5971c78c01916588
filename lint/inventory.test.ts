// The producer inventories: every shipped file is valid and says where its lists come from; the catalogue built
// from them knows what this package's own catalogue reads from those producers; a user's file is read the same way.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { catalogue as packageCatalogue } from '../metrics/catalogue.ts';
import { tempDir } from '../testing/tmp.ts';
import { buildCatalogue, compareVersions } from './catalogue.ts';
import { builtinInventories, catalogueInventories, InventoryError, readInventory } from './inventory.ts';
import { loadInventories } from './lint.ts';

const shipped = builtinInventories();

function write(name: string, text: string): string {
  const f = join(tempDir('lint-inventory-'), name);
  writeFileSync(f, text);
  return f;
}

describe('shipped inventories (metrics/inventories/)', () => {
  it.each(shipped.map((i) => [i.producer, i] as const))('%s names its source: repository, tag or commit, files, in data and header', (_, inv) => {
    expect(inv.source?.repository).toMatch(/^https:\/\/github\.com\//);
    expect(inv.source?.ref ?? inv.source?.commit).toBeTruthy();
    expect(inv.source?.files?.length).toBeGreaterThan(0);
    const header = (JSON.parse(readFileSync(inv.file, 'utf8')) as { header: string[] }).header.join('\n');
    expect(header).toContain(inv.source!.repository.replace('https://', ''));
    if (inv.version) expect(header).toContain(inv.version.split(' ')[0]);
  });

  it('lists each metric once per producer, and includes only fragments that exist', () => {
    const ids = new Set(shipped.map((i) => i.producer));
    for (const inv of shipped) {
      const names = inv.metrics.map((m) => m.pattern ?? m.name);
      expect(new Set(names).size, inv.producer).toBe(names.length);
      for (const inc of inv.includes) expect(ids.has(inc), `${inv.producer} includes ${inc}`).toBe(true);
    }
  });

  it("know every metric this package's catalogue reads from those producers, with its type and labels", () => {
    const lc = buildCatalogue(shipped).catalogue;
    const described = new Set(shipped.map((i) => i.producer));
    const read = packageCatalogue.metrics.filter((m) => described.has(m.producer.id));
    expect(read.length).toBeGreaterThan(10);
    for (const m of read) {
      const def = lc.lookup(m.name);
      expect(def, m.name).toBeDefined();
      expect(def!.type, m.name).toBe(m.type);
      const labels = lc.labels(def!);
      for (const l of m.labels) expect(labels.has(l.name), `${m.name} label ${l.name}`).toBe(true);
    }
  });

  it('record the renames the linter reports, from the version in use back', () => {
    const lc = buildCatalogue(shipped).catalogue;
    expect(lc.lookup('coredns_forward_responses_total')?.retired).toMatchObject({ version: 'v1.11.0', gone: true });
    expect(lc.lookup('coredns_proxy_request_duration_seconds_count')?.retired).toBeUndefined();
    expect(lc.lookup('kube_hpa_status_current_replicas')?.retired?.replacement).toBe('kube_horizontalpodautoscaler_status_current_replicas');
    expect(lc.lookup('traefik_service_open_connections')?.retired?.replacement).toContain('traefik_open_connections');
    expect(lc.lookup('node_cpu')?.retired?.replacement).toBe('node_cpu_seconds_total');
    // still emitted by kube-state-metrics v2.10.1, removed in v2.14.0: known, and marked as going
    expect(lc.lookup('kube_endpoint_address_available')?.retired).toMatchObject({ version: 'v2.14.0', gone: false });
  });

  it('hold families built at run time as patterns, and the labels kube-state-metrics fills from Kubernetes labels', () => {
    const lc = buildCatalogue(shipped).catalogue;
    expect(lc.lookup('node_memory_MemAvailable_bytes')?.producer.id).toBe('node-exporter');
    expect(lc.lookup('node_vmstat_oom_kill')?.producer.id).toBe('node-exporter');
    expect(lc.lookup('node_vmstat_nr_dirty')).toBeUndefined(); // not in --collector.vmstat.fields' default
    const podLabels = lc.lookup('kube_pod_labels')!;
    expect(lc.labels(podLabels).has('label_app_kubernetes_io_name')).toBe(true);
    expect(lc.labels(podLabels).has('app')).toBe(false);
  });

  it('share the Go runtime metrics among the producers that include them', () => {
    const lc = buildCatalogue(shipped).catalogue;
    const p = lc.lookup('process_start_time_seconds')!.producer;
    expect(p.id.split(', ')).toEqual(expect.arrayContaining(['prometheus', 'kube-state-metrics', 'coredns', 'alertmanager']));
  });
});

describe('catalogue producers the inventories do not describe', () => {
  it("become inventories of their own: this package's exporters and the cluster's pushed jobs", () => {
    const derived = catalogueInventories(packageCatalogue, new Set(shipped.map((i) => i.producer)));
    const ids = derived.map((i) => i.producer).sort();
    expect(ids).toEqual(expect.arrayContaining(['technitium-exporter', 'technitium-zone-sync', 'email-roundtrip-monitor', 'claude-oauth-expiry-monitor']));
    expect(ids).not.toContain('coredns');
    const zoneSync = derived.find((i) => i.producer === 'technitium-zone-sync')!;
    expect(zoneSync.scrape.pushed).toBe(true);
    expect(zoneSync.metrics.map((m) => m.name)).toEqual(packageCatalogue.metrics.filter((m) => m.producer.id === 'technitium-zone-sync').map((m) => m.name));
  });
});

describe("a user's inventory", () => {
  const yaml = `producer: dns-anomaly
description: the cluster's DNS anomaly CronJob
version: "1"
scrape:
  jobs: [prometheus-pushgateway]
  pushed: true
namespaces: [dns_anomaly_]
metrics:
  - {name: dns_anomaly_total_queries, type: gauge, labels: []}
`;

  it('is read from YAML and joins the catalogue; one of a shipped producer replaces it', () => {
    const f = write('dns-anomaly.yml', yaml);
    const all = loadInventories([f]);
    const lc = buildCatalogue(all);
    expect(lc.catalogue.lookup('dns_anomaly_total_queries')?.producer.id).toBe('dns-anomaly');
    expect(lc.pushedJobs.has('prometheus-pushgateway')).toBe(true);
    const older = write('coredns.yml', 'producer: coredns\ndescription: CoreDNS 1.10\nversion: v1.10.1\nmetrics:\n  - {name: coredns_forward_responses_total, type: counter, labels: [rcode, to]}\n');
    const lc2 = buildCatalogue(loadInventories([older]));
    expect(lc2.catalogue.lookup('coredns_forward_responses_total')?.retired).toBeUndefined();
    expect(lc2.catalogue.lookup('coredns_proxy_healthcheck_failures_total')).toBeUndefined();
  });

  it.each([
    ['no metrics', 'producer: x\ndescription: y\n', /x\.yml: metrics: is required/],
    ['a type that is none', 'producer: x\ndescription: y\nmetrics:\n  - {name: a, type: gaugee}\n', /x\.yml:4: metrics\.0\.type: must be one of counter, gauge/],
    ['a label that is not a label name', 'producer: x\ndescription: y\nmetrics:\n  - {name: a, type: gauge, labels: [a-b]}\n', /x\.yml:4: metrics\.0\.labels\.0: "a-b" is not a label name/],
    ['a bad pattern', 'producer: x\ndescription: y\nmetrics:\n  - {name: a, pattern: "a(", type: gauge}\n', /metrics\.0\.pattern: is not a regular expression/],
    ['an unknown match rule', 'producer: x\ndescription: y\nscrape:\n  match:\n    - {jobName: a}\nmetrics: []\n', /x\.yml:5: scrape\.match\.0: must be one of/],
    ['bad YAML', 'producer: x\n  description: [\n', /x\.yml:\d+: not valid YAML/],
  ])('refuses %s with file, line and field', (_, text, message) => {
    const f = write('x.yml', text);
    expect(() => readInventory(f)).toThrow(InventoryError);
    expect(() => readInventory(f)).toThrow(message);
  });

  it('in JSON, a fault is still reported with its line', () => {
    const f = write('x.json', '{\n  "producer": "x",\n  "description": "y",\n  "metrics": [\n    {"name": "a", "type": "gaugee"}\n  ]\n}\n');
    expect(() => readInventory(f)).toThrow(/x\.json:5: metrics\.0\.type/);
  });
});

describe("the README's example inventory", () => {
  it('is one, and describes what it says', () => {
    const readme = readFileSync('README.md', 'utf8');
    const example = /\*\*Adding your own producer\*\*[\s\S]*?```yaml\n([\s\S]*?)```/.exec(readme)![1]!;
    const inv = readInventory(write('backup.yml', example));
    const lc = buildCatalogue([...shipped, inv]);
    expect(lc.catalogue.lookup('backup_step_upload')?.producer.id).toBe('backup-job');
    expect(lc.catalogue.lookup('backup_bytes_bucket')?.type).toBe('histogram');
    expect(lc.catalogue.lookup('backup_last_success')?.retired).toMatchObject({ version: '1.2', gone: true });
    expect(lc.catalogue.lookup('process_start_time_seconds')?.producer.id).toContain('backup-job');
    expect(lc.pushedJobs.has('prometheus-pushgateway')).toBe(true);
  });
});

describe('compareVersions', () => {
  it.each([
    ['v2.10.1', 'v2.9.0', 1],
    ['v2.10.1', 'v2.14.0', -1],
    ['v1.12.4', 'v1.11.0', 1],
    ['1.7.0', '0.16.0', 1],
    ['v3.0.0', 'v3.0.0', 0],
    ['v0.52.1 (kubelet 1.34)', 'v0.52.1', 0],
  ] as const)('%s vs %s', (a, b, sign) => {
    expect(Math.sign(compareVersions(a, b))).toBe(sign);
  });
});
