// Register an exporter's metrics FROM the catalogue (metrics/catalogue.ts): name, type, help and label
// names are read from there and never retyped, so an exporter cannot drift from the contract.
import { Counter, Gauge, type Registry } from 'prom-client';
import { catalogue } from '../../metrics/catalogue.ts';
import type { MetricDef } from '../../metrics/types.ts';

function ownMetric(name: string, type: MetricDef['type']): MetricDef {
  const m = catalogue.get(name);
  if (m.type !== type) throw new Error(`metric ${name} is a ${m.type} in the catalogue, not a ${type}`);
  if (!m.producer.ours) throw new Error(`metric ${name} is produced by ${m.producer.id}, not by one of our exporters`);
  return m;
}

export function catalogueGauge(registry: Registry, name: string): Gauge<string> {
  const m = ownMetric(name, 'gauge');
  return new Gauge({ name: m.name, help: m.help, labelNames: m.labels.map((l) => l.name), registers: [registry] });
}

export function catalogueCounter(registry: Registry, name: string): Counter<string> {
  const m = ownMetric(name, 'counter');
  return new Counter({ name: m.name, help: m.help, labelNames: m.labels.map((l) => l.name), registers: [registry] });
}

/** The bounded values a catalogue label may take (e.g. rcode), or throws when the label is unbounded. */
export function labelValues(metricName: string, labelName: string): readonly string[] {
  const l = catalogue.get(metricName).labels.find((x) => x.name === labelName);
  if (!l?.values) throw new Error(`label ${labelName} of ${metricName} has no bounded values in the catalogue`);
  return l.values;
}
