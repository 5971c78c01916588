// Alert annotations are Go text/templates, expanded by Prometheus with its own functions. This is a small
// reader of that language: enough to refuse what Prometheus refuses when it loads a rule file (an action
// that never closes, a function it does not have, an `end` without its `if`) and to tell which labels a
// template reads, in both spellings (`$labels.x` and `.Labels.x`).

/**
 * Functions a Prometheus template may call: Go's built-ins plus Prometheus's (template/template.go). The
 * list is what promtool 2.42 accepts (the oldest Prometheus this package supports), tried one by one;
 * `toDuration` is left out because 2.42 does not have it.
 */
export const templateFunctions: ReadonlySet<string> = new Set([
  // Go text/template
  'and', 'call', 'html', 'index', 'slice', 'js', 'len', 'not', 'or', 'print', 'printf', 'println', 'urlquery',
  'eq', 'ge', 'gt', 'le', 'lt', 'ne',
  // Prometheus
  'query', 'first', 'label', 'value', 'strvalue', 'args', 'reReplaceAll', 'safeHtml', 'match', 'title', 'toUpper',
  'toLower', 'graphLink', 'tableLink', 'sortByLabel', 'humanize', 'humanize1024', 'humanizeDuration',
  'humanizePercentage', 'humanizeTimestamp', 'toTime', 'pathPrefix', 'externalURL', 'parseDuration', 'stripPort',
  'stripDomain',
]);

const keywords = new Set(['if', 'else', 'end', 'range', 'with', 'define', 'template', 'block', 'break', 'continue', 'nil', 'true', 'false']);
const opens = new Set(['if', 'range', 'with', 'define', 'block']);

export interface TemplateProblem {
  readonly message: string;
  /** 0-based offset in the template text. */
  readonly offset: number;
}

export interface TemplateReading {
  readonly problems: TemplateProblem[];
  /** Labels read as `$labels.x`, `.Labels.x`, `index $labels "x"` or `index .Labels "x"`. */
  readonly labels: string[];
}

interface Action {
  readonly body: string;
  readonly offset: number;
}

/** Splits a template into its actions; an action left open is a problem. */
function actions(t: string): { actions: Action[]; problems: TemplateProblem[] } {
  const out: Action[] = [];
  let i = 0;
  for (;;) {
    const start = t.indexOf('{{', i);
    if (start < 0) return { actions: out, problems: [] };
    let j = start + 2;
    if (t.startsWith('/*', j) || t.startsWith('- /*', j)) {
      const endComment = t.indexOf('*/', j);
      const close = endComment < 0 ? -1 : t.indexOf('}}', endComment);
      if (close < 0) return { actions: out, problems: [{ message: 'a comment {{/* is never closed with */}}', offset: start }] };
      i = close + 2;
      continue;
    }
    let quote: string | undefined;
    for (; j < t.length; j++) {
      const c = t[j]!;
      if (quote) {
        if (c === '\\' && quote !== '`') j++;
        else if (c === quote) quote = undefined;
      } else if (c === '"' || c === '`' || c === "'") {
        quote = c;
      } else if (c === '}' && t[j + 1] === '}') {
        break;
      }
    }
    if (j >= t.length) {
      return { actions: out, problems: [{ message: `"{{" at offset ${start} is never closed with "}}" (write a literal brace pair as {{ "{{" }})`, offset: start }] };
    }
    out.push({ body: t.slice(start + 2, j).replace(/^-\s/, ' ').replace(/\s-$/, ' '), offset: start });
    i = j + 2;
  }
}

/** The words of an action outside string literals. */
function words(body: string): string[] {
  return body.replace(/"(?:[^"\\]|\\.)*"|`[^`]*`|'(?:[^'\\]|\\.)*'/g, ' ').split(/[\s|()]+/).filter(Boolean);
}

export function readTemplate(t: string): TemplateReading {
  const { actions: acts, problems } = actions(t);
  const labels = new Set<string>();
  const stack: { word: string; offset: number }[] = [];
  for (const a of acts) {
    for (const m of a.body.matchAll(/(?:\$labels|\.Labels)\.([a-zA-Z_][a-zA-Z0-9_]*)/g)) labels.add(m[1]!);
    for (const m of a.body.matchAll(/index\s+(?:\$labels|\.Labels)\s+"([^"]+)"/g)) labels.add(m[1]!);
    const ws = words(a.body);
    const first = ws[0];
    if (first && opens.has(first)) stack.push({ word: first, offset: a.offset });
    else if (first === 'end') {
      if (!stack.pop()) problems.push({ message: '{{ end }} has no {{ if }}, {{ range }} or {{ with }} to close', offset: a.offset });
    } else if (first === 'else' && stack.length === 0) {
      problems.push({ message: '{{ else }} outside {{ if }}, {{ range }} or {{ with }}', offset: a.offset });
    }
    for (const w of ws) {
      if (keywords.has(w) || w.startsWith('$') || w.startsWith('.') || w === ':=' || w === '=' || w === ',') continue;
      if (/^[-+]?[0-9.]/.test(w)) continue; // a number
      const name = w.split('.')[0]!;
      if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(name) && !templateFunctions.has(name)) {
        problems.push({ message: `function "${name}" is not defined in Prometheus templates`, offset: a.offset });
      }
    }
  }
  for (const open of stack) problems.push({ message: `{{ ${open.word} }} is never closed with {{ end }}`, offset: open.offset });
  return { problems, labels: [...labels] };
}
