// Prometheus relabelling (model/relabel/relabel.go, Prometheus 2.48) applied to one series whose name is known
// and whose other label values may not be: what a scrape job's metric_relabel_configs do to a metric. Regexes
// are RE2 and anchored, as in Prometheus. The linter uses it to tell which rules read a series a job removes;
// the generated relabel configs are checked with it too (lint/lint.test.ts).
import { RE2JS } from 're2js';

export type RelabelAction =
  | 'replace' | 'keep' | 'drop' | 'keepequal' | 'dropequal' | 'hashmod'
  | 'labelmap' | 'labeldrop' | 'labelkeep' | 'lowercase' | 'uppercase';

/** One relabel rule as a Prometheus config writes it (defaults applied by relabelMetric()). */
export interface RelabelConfig {
  readonly source_labels?: readonly string[];
  readonly separator?: string;
  readonly regex?: string;
  readonly modulus?: number;
  readonly target_label?: string;
  readonly replacement?: string;
  readonly action?: RelabelAction;
}

export const relabelActions: readonly RelabelAction[] = ['replace', 'keep', 'drop', 'keepequal', 'dropequal', 'hashmod', 'labelmap', 'labeldrop', 'labelkeep', 'lowercase', 'uppercase'];

export interface RelabelOutcome {
  /** true: the series is kept; false: a rule removes it; undefined: it depends on label values not given. */
  readonly survives: boolean | undefined;
  /** The rule that removes it (or, when `survives` is undefined, the first rule that might). */
  readonly removedBy?: { readonly index: number; readonly rule: RelabelConfig };
  /** The metric name after relabelling (a `replace` into `__name__` renames), undefined when it cannot be known. */
  readonly name: string | undefined;
}

const compiled = new Map<string, RE2JS>();

/** The rule's regex as Prometheus compiles it: anchored at both ends. Throws on an invalid RE2 pattern. */
export function relabelRegex(pattern = '(.*)'): RE2JS {
  let re = compiled.get(pattern);
  if (!re) {
    re = RE2JS.compile(`^(?:${pattern})$`);
    compiled.set(pattern, re);
  }
  return re;
}

/** Go's regexp.Expand: `$1`, `${1}`, `$name`, `${name}`, `$$`; an unknown group expands to nothing. */
function expand(template: string, group: (g: number | string) => string | null): string {
  let out = '';
  for (let i = 0; i < template.length; i++) {
    const c = template[i]!;
    if (c !== '$' || i === template.length - 1) {
      out += c;
      continue;
    }
    const next = template[i + 1]!;
    if (next === '$') {
      out += '$';
      i++;
      continue;
    }
    let name: string;
    if (next === '{') {
      const end = template.indexOf('}', i + 2);
      if (end < 0) {
        out += c;
        continue;
      }
      name = template.slice(i + 2, end);
      i = end;
    } else {
      const m = /^[A-Za-z0-9_]+/.exec(template.slice(i + 1));
      if (!m) {
        out += c;
        continue;
      }
      name = m[0];
      i += name.length;
    }
    try {
      out += (/^\d+$/.test(name) ? group(Number(name)) : group(name)) ?? '';
    } catch {
      // a group the regex does not have expands to nothing
    }
  }
  return out;
}

const labelNameRe = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

/**
 * What `configs` (a job's metric_relabel_configs, in order) do to a series named `metric`. `labels` gives the
 * values of other labels when they are known; a rule that reads a label not given cannot be decided, so the
 * series then "may" be removed (survives: undefined) unless a later rule decides on the name alone.
 */
export function relabelMetric(configs: readonly RelabelConfig[], metric: string, labels: Readonly<Record<string, string>> = {}): RelabelOutcome {
  // a label not in the map, or mapped to undefined: its value is not known ("" is a known absent label)
  const values = new Map<string, string | undefined>(Object.entries(labels));
  values.set('__name__', metric);
  let known = true; // every label read so far was known
  let maybe: RelabelOutcome['removedBy'];
  const get = (l: string): string | undefined => (values.has(l) ? values.get(l) : undefined);
  for (const [index, rule] of configs.entries()) {
    const action = rule.action ?? 'replace';
    const sources = rule.source_labels ?? [];
    const parts = sources.map(get);
    const decidable = parts.every((p) => p !== undefined);
    const value = decidable ? (parts as string[]).join(rule.separator ?? ';') : undefined;
    const re = relabelRegex(rule.regex);
    switch (action) {
      case 'keep':
      case 'drop': {
        if (value === undefined) {
          maybe ??= { index, rule };
          known = false;
          break;
        }
        const matches = re.matches(value);
        if ((action === 'keep') !== matches) return { survives: false, removedBy: { index, rule }, name: get('__name__') };
        break;
      }
      case 'keepequal':
      case 'dropequal': {
        const target = rule.target_label ? get(rule.target_label) : undefined;
        if (value === undefined || target === undefined) {
          maybe ??= { index, rule };
          known = false;
          break;
        }
        if ((action === 'keepequal') !== (value === target)) return { survives: false, removedBy: { index, rule }, name: get('__name__') };
        break;
      }
      case 'replace': {
        if (!rule.target_label) break;
        if (value === undefined) {
          // the target may or may not be rewritten
          if (!rule.target_label.includes('$')) values.set(rule.target_label, undefined);
          break;
        }
        const m = re.matcher(value);
        if (!m.matches()) break;
        const target = expand(rule.target_label, (g) => m.group(g as never));
        if (!labelNameRe.test(target)) break;
        const res = expand(rule.replacement ?? '$1', (g) => m.group(g as never));
        // an empty value deletes the label: known to be absent, which reads as ""
        if (res === '' && target === '__name__') values.delete(target);
        else values.set(target, res);
        break;
      }
      case 'lowercase':
      case 'uppercase':
        if (!rule.target_label) break;
        values.set(rule.target_label, value === undefined ? undefined : action === 'lowercase' ? value.toLowerCase() : value.toUpperCase());
        break;
      case 'hashmod':
        if (rule.target_label) values.set(rule.target_label, undefined);
        break;
      case 'labeldrop':
      case 'labelkeep':
        // act on label names; only dropping the name itself decides whether the series stays
        for (const l of [...values.keys()]) if ((action === 'labeldrop') === re.matches(l)) values.delete(l);
        break;
      case 'labelmap':
        break;
    }
    // a series left without a name is not stored
    if (!values.has('__name__')) return { survives: false, removedBy: { index, rule }, name: undefined };
  }
  const name = get('__name__');
  if (!known && maybe) return { survives: undefined, removedBy: maybe, name };
  return { survives: true, name };
}
