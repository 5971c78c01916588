// Small semantic changes to an alert, made on its PromQL syntax tree: if a test suite stays green under one,
// the tests do not pin what the alert claims. Kinds (issue: "the proof cannot be bypassed"):
//   guard       drop the right operand of each `and` / `unless` (and its matching clause)
//   matcher     drop each negative matcher (`!=`, `!~`)
//   threshold   move each number a comparison reads to x3 and /3
//   comparison  flip each comparison (> <, >= <=, == !=), and > / < to !=
//   regex       drop one alternative from each regex matcher
//   for         halve and double `for`
//   notice      change the severity, and the summary (what on-call receives must be pinned by the tests too)
import type { SyntaxNode } from '@lezer/common';
import { formatDuration, parseDuration } from '../../core/duration.ts';
import { binaryParts, children, comparisonOps, parse } from '../../core/promql.ts';

export type MutantKind = 'guard' | 'matcher' | 'threshold' | 'comparison' | 'regex' | 'for' | 'notice';

export interface Mutant {
  readonly alert: string;
  readonly kind: MutantKind;
  /** What changed, as a reviewer reads it, e.g. `threshold 0.05 -> 0.15`. Stable: it keys the equivalents list. */
  readonly change: string;
  readonly expr: string;
  readonly for?: string;
  /** Replaced labels and annotations (notice mutants). */
  readonly labels?: Readonly<Record<string, string>>;
  readonly annotations?: Readonly<Record<string, string>>;
}

interface Edit {
  readonly from: number;
  readonly to: number;
  readonly insert: string;
}

const apply = (expr: string, e: Edit) => expr.slice(0, e.from) + e.insert + expr.slice(e.to);
const oneLine = (s: string) => s.replace(/\s+/g, ' ').trim();

const opText: Record<string, string> = { Gtr: '>', Lss: '<', Gte: '>=', Lte: '<=', Eql: '==', Neq: '!=' };
const flips: Record<string, string[]> = { Gtr: ['<', '!='], Lss: ['>', '!='], Gte: ['<='], Lte: ['>='], Eql: ['!='], Neq: ['=='] };
const arithmetic = new Set(['Add', 'Sub', 'Mul', 'Div', 'Mod', 'Pow', 'Atan2']);

function nodes(expr: string): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  parse(expr).iterate({ enter: (ref) => void out.push(ref.node) });
  return out;
}

/** A number read by a comparison: its path up to the comparison passes only through arithmetic and parentheses. */
function isThreshold(n: SyntaxNode): boolean {
  for (let p = n.parent; p; p = p.parent) {
    if (p.name === 'ParenExpr' || p.name === 'UnaryExpr') continue;
    if (p.name !== 'BinaryExpr') return false;
    const { op, hasBool } = binaryParts(p);
    if (comparisonOps.has(op)) return !hasBool;
    if (!arithmetic.has(op)) return false;
  }
  return false;
}

function formatNumber(v: number): string {
  return Number(v.toPrecision(6)).toString();
}

/** Top-level alternatives of a regex (`a|b|(c|d)` -> a, b, (c|d)). */
function alternatives(re: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let cur = '';
  for (let i = 0; i < re.length; i++) {
    const c = re[i]!;
    if (c === '\\') {
      cur += c + (re[i + 1] ?? '');
      i++;
      continue;
    }
    if (c === '(' || c === '[') depth++;
    if (c === ')' || c === ']') depth--;
    if (c === '|' && depth === 0) {
      out.push(cur);
      cur = '';
    } else cur += c;
  }
  out.push(cur);
  return out;
}

export function mutantsOf(alert: { alert: string; expr: string; for?: string; labels: Readonly<Record<string, string>>; annotations: Readonly<Record<string, string>> }): Mutant[] {
  const { expr } = alert;
  const out: Mutant[] = [];
  const add = (kind: MutantKind, change: string, edit: Edit) => out.push({ alert: alert.alert, kind, change, expr: apply(expr, edit), ...(alert.for ? { for: alert.for } : {}) });
  const text = (n: SyntaxNode) => expr.slice(n.from, n.to);

  for (const n of nodes(expr)) {
    if (n.name === 'BinaryExpr') {
      const { lhs, rhs, op, hasBool } = binaryParts(n);
      if (!lhs || !rhs) continue;
      if (op === 'And' || op === 'Unless') {
        add('guard', `drop guard \`${op === 'And' ? 'and' : 'unless'} ${oneLine(text(rhs))}\``, { from: lhs.to, to: rhs.to, insert: '' });
      }
      if (comparisonOps.has(op) && !hasBool) {
        const opNode = children(n).find((k) => k.name === op)!;
        for (const to of flips[op] ?? []) add('comparison', `comparison \`${opText[op]}\` -> \`${to}\` in \`${oneLine(text(n)).slice(0, 80)}\``, { from: opNode.from, to: opNode.to, insert: to });
      }
    }
    if (n.name === 'NumberDurationLiteral' && isThreshold(n)) {
      const v = Number(text(n));
      if (!Number.isFinite(v) || v === 0) continue;
      for (const f of [3, 1 / 3]) {
        const nv = formatNumber(v * f);
        add('threshold', `threshold ${text(n)} -> ${nv}`, { from: n.from, to: n.to, insert: nv });
      }
    }
    if (n.name === 'UnquotedLabelMatcher' || n.name === 'QuotedLabelMatcher') {
      const op = n.getChild('MatchOp');
      const value = n.getChild('StringLiteral');
      if (!op || !value) continue;
      const opT = text(op);
      if (opT === '!=' || opT === '!~') {
        // Remove the matcher with one neighbouring comma.
        const all = expr;
        let from = n.from;
        let to = n.to;
        const after = /^\s*,\s*/.exec(all.slice(to));
        if (after) to += after[0].length;
        else {
          const before = /,\s*$/.exec(all.slice(0, from));
          if (before) from -= before[0].length;
        }
        add('matcher', `drop matcher \`${text(n)}\``, { from, to, insert: '' });
      }
      if (opT === '=~' || opT === '!~') {
        const raw = text(value);
        const quote = raw[0]!;
        const alts = alternatives(raw.slice(1, -1));
        if (alts.length < 2) continue;
        alts.forEach((a, i) => {
          const rest = alts.filter((_, j) => j !== i).join('|');
          add('regex', `drop alternative \`${a}\` from \`${text(n)}\``, { from: value.from, to: value.to, insert: `${quote}${rest}${quote}` });
        });
      }
    }
  }
  // The same change text twice (the same threshold in two branches) gets an ordinal, so each has its own key.
  const seen = new Map<string, number>();
  for (const [i, m] of out.entries()) {
    const n = (seen.get(m.change) ?? 0) + 1;
    seen.set(m.change, n);
    if (n > 1) out[i] = { ...m, change: `${m.change} (occurrence ${n})` };
  }
  const f = alert.for !== undefined ? parseDuration(alert.for) : undefined;
  if (f) {
    for (const [label, s] of [['halve', f / 2], ['double', f * 2]] as const) {
      out.push({ alert: alert.alert, kind: 'for', change: `for ${alert.for} -> ${formatDuration(s)} (${label})`, expr, for: formatDuration(s) });
    }
  }
  const other = alert.labels.severity === 'critical' ? 'warning' : 'critical';
  out.push({ alert: alert.alert, kind: 'notice', change: `severity ${alert.labels.severity} -> ${other}`, expr, ...(alert.for ? { for: alert.for } : {}), labels: { ...alert.labels, severity: other } });
  out.push({
    alert: alert.alert,
    kind: 'notice',
    change: 'summary reworded',
    expr,
    ...(alert.for ? { for: alert.for } : {}),
    annotations: { ...alert.annotations, summary: `${alert.annotations.summary ?? ''} (reworded)` },
  });
  return out;
}
