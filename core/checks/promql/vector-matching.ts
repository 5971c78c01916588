// promql/vector-matching: arithmetic, a comparison or `and` between two vectors returns only the series whose
// matching labels are equal on both sides. When one side always carries a label the other never has (`job`,
// kept on one side and aggregated away on the other), or both carry it with different fixed values, no pair ever
// matches: the result is always empty and the alert can never fire (`sum(rate(x[5m])) / rate(y[5m])`).
// Only what is certain counts: a label is "always carried" when an equality matcher or a regex that cannot match
// "" requires it, or when it is `job`, which every scraped series has; the labels a side can carry come from the
// catalogue. Anything unknown (a metric no producer lists, a function the analysis does not follow) is no finding.
import type { SyntaxNode } from '@lezer/common';
import { argExprs, binaryParts, children, comparisonOps, isExpr, keepLabelsFns, scalarFns, selectors, text, type Selector } from '../../promql.ts';
import type { Check, CheckContext, Problem } from '../model.ts';
import { relabelRegex } from '../../relabel.ts';

/** What the series a sub-expression returns look like: labels they may carry, labels they always carry. */
interface Shape {
  /** undefined: not known (any label may be there). */
  readonly possible: ReadonlySet<string> | undefined;
  /** Label -> its value when fixed (undefined: always present, value not known). */
  readonly certain: ReadonlyMap<string, string | undefined>;
  readonly scalar: boolean;
}

const unknownShape: Shape = { possible: undefined, certain: new Map(), scalar: false };
const scalarShape: Shape = { possible: new Set(), certain: new Map(), scalar: true };

function grouping(expr: string, n: SyntaxNode | null | undefined): string[] {
  const g = n?.getChild('GroupingLabels');
  return g ? children(g).filter((c) => c.name === 'LabelName').map((c) => text(expr, c)) : [];
}

function unquote(s: string): string {
  try {
    return s.startsWith('`') ? s.slice(1, -1) : (JSON.parse(s.startsWith("'") ? `"${s.slice(1, -1).replace(/"/g, '\\"')}"` : s) as string);
  } catch {
    return s.slice(1, -1);
  }
}

/** Whether a matcher's regex (anchored, as PromQL anchors it) matches the empty value; a bad regex counts as yes. */
function matchesEmpty(pattern: string): boolean {
  try {
    return relabelRegex(pattern).matches('');
  } catch {
    return true; // promql/regex reports it
  }
}

function selectorShape(sel: Selector | undefined, ctx: CheckContext): Shape {
  if (!sel) return unknownShape;
  const certain = new Map<string, string | undefined>();
  for (const m of sel.matchers) {
    if (m.op === '=' && m.value !== '') certain.set(m.name, m.value);
    else if (m.op === '=~' && !matchesEmpty(m.value)) certain.set(m.name, certain.get(m.name));
  }
  if (!sel.metric || ctx.recorded?.has(sel.metric)) return { possible: undefined, certain, scalar: false };
  const def = ctx.catalogue.lookup(sel.metric);
  if (!def) return { possible: undefined, certain, scalar: false };
  // every scraped series has a job label (the Pushgateway's groups too: the job is part of every grouping key)
  if (!certain.has('job')) certain.set('job', undefined);
  const labels = ctx.catalogue.labels(def);
  // a label set open to run-time names (label_*, a labelmap) is not a closed list
  const open = 'prefixes' in labels && (labels as { prefixes: readonly string[] }).prefixes.length > 0;
  return { possible: open ? undefined : labels, certain, scalar: false };
}

const restrict = (m: ReadonlyMap<string, string | undefined>, keep: (l: string) => boolean) => new Map([...m].filter(([l]) => keep(l)));

interface Clash {
  readonly node: SyntaxNode;
  readonly label: string;
  readonly reason: string;
  /** `absent`: one side never has the label; `values`: both have it, fixed to different values. */
  readonly kind: 'absent' | 'values';
}

function analyse(expr: string, n: SyntaxNode, ctx: CheckContext, sels: readonly Selector[], clashes: Clash[]): Shape {
  switch (n.name) {
    case 'NumberDurationLiteral':
    case 'StringLiteral':
      return scalarShape;
    case 'VectorSelector':
      return selectorShape(sels.find((s) => s.position.offset === n.from), ctx);
    case 'ParenExpr':
    case 'UnaryExpr':
    case 'MatrixSelector':
    case 'SubqueryExpr':
    case 'OffsetExpr':
    case 'StepInvariantExpr': {
      const inner = children(n).find(isExpr);
      return inner ? analyse(expr, inner, ctx, sels, clashes) : unknownShape;
    }
    case 'FunctionCall': {
      const fn = text(expr, n.getChild('FunctionIdentifier') ?? n);
      const args = argExprs(n);
      const shapes = args.map((a) => analyse(expr, a, ctx, sels, clashes));
      if (scalarFns.has(fn)) return scalarShape;
      if (fn === 'vector') return { possible: new Set(), certain: new Map(), scalar: false };
      if (fn === 'absent' || fn === 'absent_over_time') {
        const sel = args[0] ? sels.find((s) => s.position.offset >= args[0]!.from && s.position.offset < args[0]!.to) : undefined;
        const eq = (sel?.matchers ?? []).filter((m) => m.op === '=' && m.value !== '');
        return { possible: new Set(eq.map((m) => m.name)), certain: new Map(eq.map((m) => [m.name, m.value])), scalar: false };
      }
      if (fn === 'label_replace' || fn === 'label_join') {
        const inner = shapes[0] ?? unknownShape;
        const dst = args[1] ? unquote(text(expr, args[1])) : undefined;
        if (!dst) return unknownShape;
        return { possible: inner.possible ? new Set([...inner.possible, dst]) : undefined, certain: restrict(inner.certain, (l) => l !== dst), scalar: false };
      }
      if (fn === 'histogram_quantile') {
        const inner = shapes[1] ?? unknownShape;
        return { possible: inner.possible ? new Set([...inner.possible].filter((l) => l !== 'le')) : undefined, certain: restrict(inner.certain, (l) => l !== 'le'), scalar: false };
      }
      if (keepLabelsFns.has(fn)) {
        const i = args.findIndex((a) => a.name !== 'NumberDurationLiteral' && a.name !== 'StringLiteral');
        return i >= 0 ? { ...shapes[i]!, scalar: false } : unknownShape;
      }
      return unknownShape;
    }
    case 'AggregateExpr': {
      const op = text(expr, n.getChild('AggregateOp') ?? n);
      const modifier = n.getChild('AggregateModifier');
      const args = argExprs(n);
      const shapes = args.map((a) => analyse(expr, a, ctx, sels, clashes));
      const inner = shapes[shapes.length - 1] ?? unknownShape;
      if (op === 'topk' || op === 'bottomk' || op === 'limitk' || op === 'limit_ratio') return inner;
      const by = modifier?.getChild('By') ? grouping(expr, modifier) : undefined;
      const without = modifier?.getChild('Without') ? grouping(expr, modifier) : undefined;
      let shape: Shape;
      if (by) shape = { possible: new Set(inner.possible ? by.filter((l) => inner.possible!.has(l)) : by), certain: restrict(inner.certain, (l) => by.includes(l)), scalar: false };
      else if (without) shape = { possible: inner.possible ? new Set([...inner.possible].filter((l) => !without.includes(l))) : undefined, certain: restrict(inner.certain, (l) => !without.includes(l)), scalar: false };
      else shape = { possible: new Set(), certain: new Map(), scalar: false };
      if (op === 'count_values' && args[0]) {
        const l = unquote(text(expr, args[0]));
        shape = { possible: shape.possible ? new Set([...shape.possible, l]) : undefined, certain: new Map([...shape.certain, [l, undefined]]), scalar: false };
      }
      return shape;
    }
    case 'BinaryExpr': {
      const { lhs, rhs, op, modifier } = binaryParts(n);
      if (!lhs || !rhs) return unknownShape;
      const l = analyse(expr, lhs, ctx, sels, clashes);
      const r = analyse(expr, rhs, ctx, sels, clashes);
      if (l.scalar && r.scalar) return scalarShape;
      if (l.scalar) return r;
      if (r.scalar) return l;
      if (op === 'Or') {
        const certain = new Map<string, string | undefined>();
        for (const [k, v] of l.certain) if (r.certain.has(k)) certain.set(k, v !== undefined && v === r.certain.get(k) ? v : undefined);
        return { possible: l.possible && r.possible ? new Set([...l.possible, ...r.possible]) : undefined, certain, scalar: false };
      }
      const on = modifier?.getChild('On') ? grouping(expr, modifier) : undefined;
      const ignoring = modifier?.getChild('Ignoring') ? grouping(expr, modifier) : [];
      const matched = (label: string) => (on ? on.includes(label) : !ignoring.includes(label));
      if (op !== 'Unless') {
        const clash = firstClash(l, r, matched) ?? firstClash(r, l, matched, true);
        if (clash) clashes.push({ node: n, ...clash });
      }
      if (op === 'And' || op === 'Unless') return l;
      const groupLeft = modifier?.getChild('GroupLeft');
      const groupRight = modifier?.getChild('GroupRight');
      if (groupLeft || groupRight) return groupLeft ? l : r;
      return {
        possible: l.possible ? new Set([...l.possible].filter(matched)) : undefined,
        certain: restrict(l.certain, matched),
        scalar: false,
      };
    }
    default:
      return unknownShape;
  }
}

/** A label `a` always carries that rules out every match with `b`, with why; `swapped`: a is the right side. */
function firstClash(a: Shape, b: Shape, matched: (l: string) => boolean, swapped = false): Omit<Clash, 'node'> | undefined {
  const [aSide, bSide] = swapped ? ['right', 'left'] : ['left', 'right'];
  for (const [label, value] of a.certain) {
    if (!matched(label)) continue;
    if (b.possible && !b.possible.has(label)) {
      return { kind: 'absent', label, reason: `the ${aSide} side always carries "${label}"${value !== undefined ? ` (="${value}")` : ''}, which the ${bSide} side never has${b.possible.size ? ` (it can carry: ${[...b.possible].sort().join(', ')})` : ' (it carries no labels)'}` };
    }
    const other = b.certain.get(label);
    if (!swapped && value !== undefined && other !== undefined && value !== other) {
      return { kind: 'values', label, reason: `the left side has ${label}="${value}" and the right side ${label}="${other}"` };
    }
  }
  return undefined;
}

const opText: Record<string, string> = {
  And: 'and', Add: '+', Sub: '-', Mul: '*', Div: '/', Mod: '%', Pow: '^', Atan2: 'atan2',
  Eql: '==', Neq: '!=', Gtr: '>', Lss: '<', Gte: '>=', Lte: '<=',
};

export const check: Check = {
  id: 'promql/vector-matching',
  summary: 'both sides of arithmetic, a comparison or `and` must be able to match on their labels',
  rule: ({ rule, tree }, ctx) => {
    const top = tree?.topNode.firstChild;
    if (!tree || !top) return [];
    const clashes: Clash[] = [];
    analyse(rule.expr, top, ctx, selectors(rule.expr, tree), clashes);
    return clashes.map(({ node, label, reason, kind }): Problem => {
      const { lhs, rhs, op } = binaryParts(node);
      const shown = (x: SyntaxNode | undefined) => (x ? text(rule.expr, x).replace(/\s+/g, ' ') : '');
      const operator = lhs && rhs ? rule.expr.slice(lhs.to, rhs.from).replace(/\s+/g, ' ').trim() : (opText[op] ?? op);
      const opName = comparisonOps.has(op) ? 'comparison' : op === 'And' ? '`and`' : 'arithmetic';
      const before = rule.expr.slice(0, node.from);
      const line = before.split('\n').length;
      const column = node.from - (before.lastIndexOf('\n') + 1) + 1;
      return {
        field: 'expr',
        message: `the ${opName} \`${shown(lhs)} ${operator} ${shown(rhs)}\` (line ${line}, column ${column}) can never match: ${reason}, so it is always empty`,
        fix: kind === 'values'
          ? `match without "${label}": ignoring(${label}), or on(...) the labels both sides share`
          : `keep "${label}" on both sides (e.g. sum by (${label}) (...)), or match on the labels both keep with on(...) / ignoring(${label})`,
      };
    });
  },
};
