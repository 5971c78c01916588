// The generated metric_relabel_configs, run by a real Prometheus (Debian's): every metric the package reads
// survives each job's complete relabelling, whatever the cluster's own drop and keep rules say, the temporary
// mark is gone from what is stored, and the cluster's other rules still drop what they dropped. The same
// metrics under the cluster's current rules show what the generated ones fix.
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { render } from '../core/pipeline.ts';
import { markLabel, type RelabelConfig } from '../core/emit/relabel.ts';
import { clusterRelabelling, packageInput } from '../domains.ts';
import { freePort, waitFor } from '../testing/helpers.ts';
import { stopProcess, track } from '../testing/processes.ts';
import { tempDir } from '../testing/tmp.ts';

type Jobs = Record<string, { reads: string[]; metric_relabel_configs: RelabelConfig[] }>;
const generated = parse(render(packageInput()).generated.get('prometheus/scrape-metric-relabel-configs.yml')!) as Jobs;
const current = clusterRelabelling();
// A metric each job's current rules drop and the package does not read: it must stay dropped.
const alsoExposed = ['container_tasks_state', 'kube_replicaset_owner', 'coredns_proxy_request_duration_seconds_bucket'];

let stop: () => Promise<void> = async () => undefined;
let stored: { name: string; job: string; labels: string[] }[] = [];

beforeAll(async () => {
  const names = [...new Set([...Object.values(generated).flatMap((j) => j.reads), ...alsoExposed])].sort();
  const exporter = createServer((_, res) => res.end(names.map((n) => `${n}{le="1"} 1\n`).join('')));
  await new Promise<void>((r) => exporter.listen(0, '127.0.0.1', () => r()));
  const target = `127.0.0.1:${(exporter.address() as AddressInfo).port}`;
  const dir = tempDir('relabel-');
  const job = (name: string, rules: readonly RelabelConfig[]) => ({ job_name: name, scrape_interval: '1s', static_configs: [{ targets: [target] }], metric_relabel_configs: rules });
  const scrape_configs = Object.entries(generated).flatMap(([name, j]) => [job(`generated/${name}`, j.metric_relabel_configs), job(`today/${name}`, current.get(name) ?? [])]);
  writeFileSync(join(dir, 'prometheus.yml'), stringify({ global: { scrape_interval: '1s' }, scrape_configs }));
  const port = await freePort();
  const proc = track(spawn('/usr/bin/prometheus', [`--config.file=${join(dir, 'prometheus.yml')}`, `--storage.tsdb.path=${join(dir, 'data')}`, `--web.listen-address=127.0.0.1:${port}`], { stdio: 'ignore' }));
  stop = async () => {
    await stopProcess(proc);
    await new Promise<void>((r) => exporter.close(() => r()));
  };
  const series = async () => {
    const r = (await (await fetch(`http://127.0.0.1:${port}/api/v1/series?match[]=${encodeURIComponent('{__name__=~".+",job=~".+/.+"}')}`)).json()) as { data: Record<string, string>[] };
    return r.data.map((s) => ({ name: s.__name__!, job: s.job!, labels: Object.keys(s) }));
  };
  // Two scrapes of every job: each job's full result is in.
  await waitFor(async () => new Set((await series()).map((s) => s.job)).size === 2 * Object.keys(generated).length, 20_000, 'every job scraped');
  await new Promise((r) => setTimeout(r, 1500));
  stored = await series();
}, 60_000);

afterAll(() => stop());

describe('the generated metric_relabel_configs, in a real Prometheus', () => {
  it.each(Object.keys(generated))('%s keeps every metric the package reads', (name) => {
    const kept = new Set(stored.filter((s) => s.job === `generated/${name}`).map((s) => s.name));
    expect(generated[name]!.reads.filter((m) => !kept.has(m))).toEqual([]);
  });

  it('stores no series with the temporary mark', () => {
    expect(stored.filter((s) => s.labels.includes(markLabel))).toEqual([]);
  });

  it.each(Object.keys(generated))('%s still drops what the cluster drops and the package does not read', (name) => {
    const today = new Set(stored.filter((s) => s.job === `today/${name}`).map((s) => s.name));
    const now = new Set(stored.filter((s) => s.job === `generated/${name}`).map((s) => s.name));
    for (const m of alsoExposed) if (!today.has(m)) expect(now.has(m), m).toBe(false);
  });

  it('fixes something: under the cluster\'s current rules some metric the package reads is dropped', () => {
    const lost = Object.entries(generated).flatMap(([name, j]) => {
      const today = new Set(stored.filter((s) => s.job === `today/${name}`).map((s) => s.name));
      return j.reads.filter((m) => !today.has(m)).map((m) => `${name}: ${m}`);
    });
    expect(lost).toContain('kubernetes-service-endpoints: kube_poddisruptionbudget_status_current_healthy');
  });
});
