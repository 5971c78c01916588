// The catalogue against ../shared/metrics-contract.md: our exporters' metrics are named, typed and
// labelled exactly as the contract says (read from the contract at test time, not copied).
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { catalogue, producers } from '../metrics/catalogue.ts';

const contract = readFileSync(resolve(import.meta.dirname, '..', '..', 'shared', 'metrics-contract.md'), 'utf8');

/** Rows `| \`metric\` | type | extra labels | meaning |` of one `## N.` section of the contract. */
function section(n: number): { name: string; type: string; labels: string[] }[] {
  const start = contract.indexOf(`## ${n}.`);
  const end = contract.indexOf('\n## ', start + 1);
  const body = contract.slice(start, end === -1 ? undefined : end);
  return body
    .split('\n')
    .filter((l) => /^\| `[a-z_]+` \|/.test(l))
    .map((l) => {
      const cells = l.split('|').map((c) => c.trim());
      const labels = [...(cells[3] ?? '').matchAll(/`([a-z_]+)`(?:\s*=)?/g)].map((m) => m[1]!).filter((x) => !/^[A-Z]/.test(x));
      return { name: cells[1]!.replace(/`/g, ''), type: cells[2]!, labels };
    });
}

const ours = (id: string) => catalogue.filter((m) => m.producer.id === id);

describe('metric catalogue versus metrics-contract.md', () => {
  it.each([
    [1, producers.technitiumExporter.id, ['server', 'role']],
    [2, producers.technitiumZoneSync.id, []],
    [3, producers.tmpfsExporter.id, ['mountpoint']],
  ] as const)('section %i: %s', (n, id, common) => {
    const rows = section(n);
    expect(rows.length).toBeGreaterThan(0);
    expect(ours(id).map((m) => m.name).sort()).toEqual(rows.map((r) => r.name).sort());
    for (const row of rows) {
      const m = ours(id).find((x) => x.name === row.name)!;
      expect(m.type, row.name).toBe(row.type);
      // Extra labels named in the row (values such as `NOERROR` are not label names).
      const extra = row.labels.filter((l) => m.labels.some((x) => x.name === l));
      expect(m.labels.map((l) => l.name).sort(), row.name).toEqual([...new Set([...common.filter((c) => c !== 'role' || m.labels.some((x) => x.name === 'role')), ...extra])].sort());
    }
  });

  it('knows the bounded label values the contract lists', () => {
    const values = (metric: string, label: string) => catalogue.find((m) => m.name === metric)!.labels.find((l) => l.name === label)!.values;
    expect(values('technitium_dns_responses_total', 'rcode')).toEqual(['NOERROR', 'SERVFAIL', 'NXDOMAIN', 'REFUSED']);
    expect(contract).toContain('`rcode` = `NOERROR`\\|`SERVFAIL`\\|`NXDOMAIN`\\|`REFUSED`');
    expect(contract).toContain('`outcome` = `authoritative`\\|`recursive`\\|`cached`\\|`blocked`\\|`dropped`');
    expect(values('technitium_dns_query_outcomes_total', 'outcome')).toEqual(['authoritative', 'recursive', 'cached', 'blocked', 'dropped']);
    expect(contract).toContain('`reason` = `http`\\|`timeout`\\|`api_error`\\|`invalid_token`\\|`parse`');
    expect(values('technitium_exporter_poll_errors_total', 'reason')).toEqual(['http', 'timeout', 'api_error', 'invalid_token', 'parse']);
  });

  it('has every upstream metric section 4 names', () => {
    const start = contract.indexOf('## 4.');
    const names = new Set([...contract.slice(start).matchAll(/`([a-z][a-z0-9_]+)(?:\{[^`]*\})?`/g)].map((m) => m[1]!));
    const upstream = [...names].filter((n) => /^(coredns|kube|container|monitor_status|push_|email_|claude_)/.test(n));
    const known = new Set(catalogue.flatMap((m) => [m.name, `${m.name}_count`]));
    // coredns_forward_responses_total is named only as the metric that no longer exists.
    expect(upstream.filter((n) => !known.has(n) && n !== 'coredns_forward_responses_total')).toEqual([]);
  });
});
