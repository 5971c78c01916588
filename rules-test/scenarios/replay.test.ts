// The incident replays as assertions: ours detect every incident, the legacy rules detect none, and the
// committed docs/incident-replays.md is what `npm run scenarios` writes today.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../builder.ts';
import { firstDetection, leadBeforeDamage, markdown, replay, type ReplayResult } from './replay.ts';
import { seconds } from '../builder.ts';
import { scenarios } from './scenarios.ts';

describe('incident replays', () => {
  let results: ReplayResult[] = [];
  beforeAll(async () => {
    results = (await replay()).results;
  });

  const incidents = scenarios.filter((s) => s.kind !== 'healthy');
  const healthy = scenarios.filter((s) => s.kind === 'healthy');

  it.each(incidents.map((s) => s.id))('%s: ours detect it, the legacy rules never do', (id) => {
    const r = results.find((x) => x.scenario.id === id)!;
    expect(firstDetection(r.ours), `none of ${r.scenario.ours.watch.join(', ')} fired`).toBeDefined();
    expect(r.legacy.filter((o) => o.detectedAfter !== undefined).map((o) => o.alert)).toEqual([]);
  });

  it.each(incidents.filter((s) => s.damage).map((s) => s.id))('%s: ours detect it long enough before the damage', (id) => {
    const r = results.find((x) => x.scenario.id === id)!;
    expect(leadBeforeDamage(r.scenario, firstDetection(r.ours))).toBeGreaterThanOrEqual(seconds(r.scenario.damage!.leadAtLeast));
  });

  it.each(healthy.map((s) => s.id))('%s: nothing fires, in either rule set', (id) => {
    const r = results.find((x) => x.scenario.id === id)!;
    expect([...r.ours, ...r.legacy].filter((o) => o.detectedAfter !== undefined || o.firingBefore > 0).map((o) => o.alert)).toEqual([]);
  });

  it('docs/incident-replays.md is up to date (run `npm run scenarios`)', () => {
    expect(readFileSync(join(repoRoot, 'docs', 'incident-replays.md'), 'utf8')).toBe(markdown(results));
  });
});
