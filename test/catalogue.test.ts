// The catalogue against what our programs really register: every metric each of our producers registers in
// its prom-client registry is in the catalogue with the same type, help and label names, and every catalogue
// entry of that producer is registered. Both directions, so neither can drift from the other.
import { describe, expect, it } from 'vitest';
import type { Registry } from 'prom-client';
import { catalogue, producers } from '../metrics/catalogue.ts';
import type { MetricDef } from '../metrics/types.ts';
import { TechnitiumExporter } from '../exporters/technitium-exporter/exporter.ts';
import { syncRegistry } from '../exporters/technitium-zone-sync/sync.ts';
import { TmpfsExporter } from '../exporters/tmpfs-exporter/exporter.ts';
import { captureLogger } from '../testing/helpers.ts';

interface Registered {
  readonly name: string;
  readonly type: string;
  readonly help: string;
  readonly labels: string[];
}

/** What a registry holds, read from prom-client itself (names, types, help, label names). */
async function registered(registry: Registry): Promise<Registered[]> {
  const json = await registry.getMetricsAsJSON();
  return json
    .map((m) => {
      const metric = registry.getSingleMetric(m.name) as unknown as { labelNames?: readonly string[] };
      return { name: m.name, type: String(m.type), help: m.help, labels: [...(metric.labelNames ?? [])].sort() };
    })
    .sort((a, b) => a.name.localeCompare(b.name));
}

const fromCatalogue = (m: MetricDef): Registered => ({ name: m.name, type: m.type, help: m.help, labels: m.labels.map((l) => l.name).sort() });
const entriesOf = (producerId: string) => catalogue.metrics.filter((m) => m.producer.id === producerId).map(fromCatalogue).sort((a, b) => a.name.localeCompare(b.name));

/** Each of our producers, with a registry as its program builds it (no upstream is contacted). */
const programs: Record<string, () => Registry> = {
  [producers.technitiumExporter.id]: () =>
    new TechnitiumExporter({
      instances: [{ server: 'primary', role: 'primary', url: 'http://127.0.0.1:9', credentials: { token: 'unused' } }],
      intervalMs: 1000,
      timeoutMs: 1000,
      staleAfterMs: 1000,
      logger: captureLogger().logger,
    }).registry,
  // A successful run registers every metric (last_success only exists after a successful run).
  [producers.technitiumZoneSync.id]: () => syncRegistry({ ok: true, failures: 0, created: 0, endedMs: 0, durationSeconds: 0 }),
  [producers.tmpfsExporter.id]: () =>
    new TmpfsExporter({ mode: 'path', paths: ['/dev/shm'], intervalMs: 1000, countBudgetMs: 1000, version: 'test', logger: captureLogger().logger }).registry,
};

describe('metric catalogue versus what our programs register', () => {
  it('has a program for every producer marked as ours', () => {
    const ours = Object.values(producers).filter((p) => p.ours).map((p) => p.id).sort();
    expect(Object.keys(programs).sort()).toEqual(ours);
  });

  describe.each(Object.keys(programs))('%s', (id) => {
    const both = async () => ({ reg: await registered(programs[id]!()), cat: entriesOf(id) });

    it('registers nothing the catalogue lacks', async () => {
      const { reg, cat } = await both();
      expect(reg.map((m) => m.name).filter((n) => !cat.some((c) => c.name === n)), 'registered but not in metrics/catalogue.ts').toEqual([]);
    });

    it('registers every catalogue entry of its producer', async () => {
      const { reg, cat } = await both();
      expect(cat.length).toBeGreaterThan(0);
      expect(cat.map((m) => m.name).filter((n) => !reg.some((r) => r.name === n)), 'in metrics/catalogue.ts but never registered').toEqual([]);
    });

    it('registers each with the catalogue\'s type, help and label names', async () => {
      const { reg, cat } = await both();
      expect(reg).toEqual(cat);
    });
  });
});
