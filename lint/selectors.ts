// Every selector an expression uses, checked against the metric catalogue the way pint does: it says
// *why* a selector can match nothing (metric never produced, label not carried, value never emitted).
import { lookupSeries, seriesLabels } from '../metrics/catalogue.ts';
import type { Selector } from '../core/promql.ts';

export interface SelectorProblem {
  readonly selector: string;
  readonly message: string;
  readonly fix: string;
}

function regexMatchesAny(pattern: string, values: readonly string[]): boolean {
  // PromQL regexes are fully anchored.
  let re: RegExp;
  try {
    re = new RegExp(`^(?:${pattern})$`);
  } catch {
    return true; // promtool reports bad regexes with a better message than ours
  }
  return values.some((v) => re.test(v));
}

export function checkSelector(sel: Selector): SelectorProblem[] {
  if (!sel.metric) {
    return [{ selector: sel.text, message: 'selects no metric by name', fix: 'name the metric so it can be checked against metrics/catalogue.ts' }];
  }
  const def = lookupSeries(sel.metric);
  if (!def) {
    return [{
      selector: sel.text,
      message: `metric "${sel.metric}" is not in the catalogue, so no known producer emits it`,
      fix: 'use a metric listed in metrics/catalogue.ts, or add it there with its producer (our own exporters register theirs from there)',
    }];
  }
  const problems: SelectorProblem[] = [];
  const carried = seriesLabels(def);
  for (const m of sel.matchers) {
    const emptyOk = m.op === '!=' || m.op === '!~' || (m.op === '=' && m.value === '') || (m.op === '=~' && regexMatchesAny(m.value, ['']));
    if (!carried.has(m.name)) {
      if (emptyOk) continue; // matching the label's absence is legitimate
      problems.push({
        selector: sel.text,
        message: `label "${m.name}" is never set on ${def.name} (producer ${def.producer.id} gives: ${[...carried].sort().join(', ')})`,
        fix: `drop the "${m.name}" matcher or use one of those labels`,
      });
      continue;
    }
    const spec = def.labels.find((l) => l.name === m.name);
    if (!spec?.values) continue;
    const ok = m.op === '=' ? spec.values.includes(m.value) : m.op === '=~' ? regexMatchesAny(m.value, spec.values) : true;
    if (!ok) {
      problems.push({
        selector: sel.text,
        message: `${m.name}${m.op}"${m.value}" matches no value ${def.name} carries (${spec.values.join(', ')})`,
        fix: `use one of: ${spec.values.join(', ')}`,
      });
    }
  }
  return problems;
}
