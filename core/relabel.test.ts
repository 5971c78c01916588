// Prometheus relabelling on a series whose name is known: each action decided as model/relabel/relabel.go does.
import { describe, expect, it } from 'vitest';
import { relabelMetric, relabelRegex, type RelabelConfig } from './relabel.ts';

const byName = (action: RelabelConfig['action'], regex: string): RelabelConfig => ({ source_labels: ['__name__'], regex, action });

describe('relabelMetric', () => {
  it.each([
    ['keep that matches keeps', [byName('keep', 'up|node_load1')], 'node_load1', true],
    ['keep that does not match removes', [byName('keep', 'up|node_load5')], 'node_load1', false],
    ['the regex is anchored at both ends', [byName('keep', 'node_load')], 'node_load1', false],
    ['an alternation is anchored as a whole', [byName('keep', 'up|node_load')], 'node_load1', false],
    ['drop that matches removes', [byName('drop', 'container_fs_.*')], 'container_fs_usage_bytes', false],
    ['drop that does not match keeps', [byName('drop', 'container_fs_.*')], 'container_memory_working_set_bytes', true],
    ['no rules keep everything', [], 'anything', true],
    ['a later rule removes what an earlier kept', [byName('keep', '.*'), byName('drop', 'x')], 'x', false],
  ] as const)('%s', (_, rules, name, survives) => {
    expect(relabelMetric(rules, name).survives).toBe(survives);
  });

  it('names the rule that removes the series', () => {
    const rules = [byName('drop', 'a'), byName('keep', 'b|c')];
    expect(relabelMetric(rules, 'd').removedBy).toEqual({ index: 1, rule: rules[1] });
    expect(relabelMetric(rules, 'a').removedBy).toEqual({ index: 0, rule: rules[0] });
  });

  it('joins several source labels with the separator (default ";")', () => {
    const rule: RelabelConfig = { source_labels: ['__name__', 'le'], regex: 'x_bucket;0.5', action: 'drop' };
    expect(relabelMetric([rule], 'x_bucket', { le: '0.5' }).survives).toBe(false);
    expect(relabelMetric([rule], 'x_bucket', { le: '1' }).survives).toBe(true);
    expect(relabelMetric([{ ...rule, separator: '/', regex: 'x_bucket/0.5' }], 'x_bucket', { le: '0.5' }).survives).toBe(false);
  });

  it('cannot decide a rule on a label whose value is not given, unless a later rule decides on the name', () => {
    const onLe: RelabelConfig = { source_labels: ['__name__', 'le'], regex: 'x_bucket;0.5', action: 'drop' };
    const out = relabelMetric([onLe], 'x_bucket');
    expect(out.survives).toBeUndefined();
    expect(out.removedBy?.index).toBe(0);
    expect(relabelMetric([onLe, byName('drop', 'x_bucket')], 'x_bucket').survives).toBe(false);
  });

  it('renames with replace into __name__, expanding $1 and ${1}', () => {
    expect(relabelMetric([{ source_labels: ['__name__'], regex: '(.*)', target_label: '__name__', replacement: 'openwrt_${1}' }], 'node_load1').name).toBe('openwrt_node_load1');
    expect(relabelMetric([{ source_labels: ['__name__'], regex: 'node_(.*)', target_label: '__name__', replacement: 'host_$1' }], 'node_load1').name).toBe('host_load1');
    // $1x is the group named "1x", which does not exist: Go's Expand gives ""
    expect(relabelMetric([{ source_labels: ['__name__'], regex: '(.*)', target_label: 'copy', replacement: '$1x' }, { source_labels: ['copy'], regex: '', action: 'keep' }], 'n').survives).toBe(true);
  });

  it('lets a later rule read a label an earlier one set', () => {
    const rules: RelabelConfig[] = [
      { source_labels: ['__name__'], regex: '(node)_.*', target_label: 'family', replacement: '$1' },
      { source_labels: ['family'], regex: 'node', action: 'drop' },
    ];
    expect(relabelMetric(rules, 'node_load1').survives).toBe(false);
    // the first rule does not set it on up, and whether the series brings its own "family" is not known
    expect(relabelMetric(rules, 'up').survives).toBeUndefined();
    expect(relabelMetric(rules, 'up', { family: '' }).survives).toBe(true);
  });

  it('removes the series when a replace leaves the name empty or labeldrop drops it', () => {
    expect(relabelMetric([{ source_labels: ['__name__'], regex: 'x', target_label: '__name__', replacement: '' }], 'x').survives).toBe(false);
    expect(relabelMetric([{ regex: '__name__', action: 'labeldrop' }], 'x').survives).toBe(false);
    expect(relabelMetric([{ regex: 'le', action: 'labeldrop' }], 'x').survives).toBe(true);
  });

  it('compares with the target label in keepequal / dropequal', () => {
    expect(relabelMetric([{ source_labels: ['a'], target_label: 'b', action: 'keepequal' }], 'x', { a: '1', b: '1' }).survives).toBe(true);
    expect(relabelMetric([{ source_labels: ['a'], target_label: 'b', action: 'keepequal' }], 'x', { a: '1', b: '2' }).survives).toBe(false);
    expect(relabelMetric([{ source_labels: ['a'], target_label: 'b', action: 'dropequal' }], 'x', { a: '1', b: '1' }).survives).toBe(false);
  });

  it('compiles RE2 (no backreferences) and throws on what Prometheus refuses', () => {
    expect(() => relabelRegex('(a)\\1')).toThrow();
    expect(relabelRegex('a|b').matches('b')).toBe(true);
  });
});
