// Every alert's Slack message, rendered by amtool with the cluster's receiver templates, says what and where:
// one line per firing instance (the security receiver adds its description), each naming its object (no two instances read the same), nothing left
// unrendered; and docs/notifications.md shows exactly these messages.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { packageInput, packageRuleGroups } from '../domains.ts';
import { discoverSuites } from './harness.ts';
import { examples, markdown, notificationsDoc, receiverFor, renderSlack } from './notifications.ts';

const suites = await discoverSuites();
const list = examples(suites);
const rendered = renderSlack(list);
const alerts = packageRuleGroups(packageInput()).flatMap((g) => g.rules.flatMap((r) => (r.kind === 'alert' ? [r.alert] : [])));

describe('Slack notifications (amtool, the cluster\'s templates)', () => {
  it('has a firing example of every alert', () => {
    expect(list.map((e) => e.alert).sort()).toEqual([...alerts].sort());
  });

  it.each(rendered.map((r) => [r.example.alert, r] as const))('%s: one line per instance, each naming its object', (_, r) => {
    const lines = r.text.split('\n');
    // Most receivers list one bullet per instance; the security receiver writes each summary in bold, then its description.
    const long = receiverFor(r.example.instances[0]!.labels).text.includes('.Annotations.description');
    expect(lines).toEqual(r.example.instances.flatMap((i) => (long ? [`*${i.annotations.summary}*`, i.annotations.description] : [`• ${i.annotations.summary}`])));
    const summaries = long ? lines.filter((_, n) => n % 2 === 0) : lines;
    expect(new Set(summaries).size, 'two instances read the same').toBe(summaries.length);
    for (const line of summaries) {
      expect(line).not.toContain('{{');
      expect(line.length).toBeLessThanOrEqual(160);
    }
    expect(r.title).toMatch(new RegExp(`${r.example.alert} \\(${r.example.instances.length}\\)$`));
  });

  it('docs/notifications.md is current (run `npm run notifications`)', () => {
    expect(readFileSync(notificationsDoc, 'utf8')).toBe(markdown(rendered));
  });
});
