// PromQL parsing and inspection on @prometheus-io/lezer-promql: syntax errors with a position, the
// selectors an expression reads, whether it compares, and which labels its result can carry.
import { parser } from '@prometheus-io/lezer-promql';
import type { SyntaxNode, Tree } from '@lezer/common';
import { createRequire } from 'node:module';

// Prometheus's own checkAST (types of function arguments, scalar comparisons, vector matching), as ported by
// the Prometheus authors for their UI (@prometheus-io/codemirror-promql). It reads the syntax tree of a
// CodeMirror state; it is given our own, complete tree instead (a CodeMirror state parses within a time
// budget and, on a loaded machine, hands over a partial tree, which reads as false type errors).
const require = createRequire(import.meta.url);
interface TreeState {
  field(f: unknown, required?: boolean): { tree: Tree };
  sliceDoc(from: number, to: number): string;
}
const { Parser: TypeChecker } = require('@prometheus-io/codemirror-promql/dist/cjs/parser/parser.js') as {
  Parser: new (state: TreeState) => { analyze(): void; getDiagnostics(): { severity: string; message: string; from: number; to: number }[] };
};

export interface Position {
  readonly offset: number;
  readonly line: number;
  readonly column: number;
}

export interface Matcher {
  readonly name: string;
  readonly op: '=' | '!=' | '=~' | '!~';
  readonly value: string;
}

export interface Selector {
  /** Metric name, from the identifier or a `__name__="…"` matcher; undefined when only a regex names it. */
  readonly metric: string | undefined;
  readonly matchers: readonly Matcher[];
  readonly text: string;
  readonly position: Position;
  /** Read only inside absent()/absent_over_time(): it is tested for existence, not for its value. */
  readonly inAbsent: boolean;
}

export class PromqlSyntaxError extends Error {
  constructor(
    message: string,
    readonly position: Position,
  ) {
    super(message);
  }
}

export function positionOf(text: string, offset: number): Position {
  const before = text.slice(0, offset).split('\n');
  return { offset, line: before.length, column: before[before.length - 1]!.length + 1 };
}

// The checks, the emitters and the label analysis read the same expressions many times over: parse each once.
const parsed = new Map<string, Tree>();

/** Parses an expression; throws PromqlSyntaxError naming the first place the parser could not read. */
export function parse(expr: string): Tree {
  const cached = parsed.get(expr);
  if (cached) return cached;
  if (expr.trim() === '') throw new PromqlSyntaxError('the expression is empty', positionOf(expr, 0));
  const tree = parser.parse(expr);
  let bad: number | undefined;
  tree.iterate({
    enter(n) {
      if (bad !== undefined) return false;
      if (n.type.isError) bad = n.from;
      return undefined;
    },
  });
  if (bad !== undefined) {
    const pos = positionOf(expr, bad);
    const near = expr.slice(bad, bad + 20).split('\n')[0] || 'end of expression';
    throw new PromqlSyntaxError(`syntax error at line ${pos.line}, column ${pos.column} (near "${near}")`, pos);
  }
  if (parsed.size > 10_000) parsed.clear();
  parsed.set(expr, tree);
  return tree;
}

/** The source text of a node. */
export const text = (expr: string, n: SyntaxNode) => expr.slice(n.from, n.to);

/** What Prometheus's parser would refuse beyond syntax: wrong argument types, scalar comparisons without bool. */
export function typeErrors(expr: string, tree: Tree = parse(expr)): { readonly message: string; readonly position: Position }[] {
  const checker = new TypeChecker({ field: () => ({ tree }), sliceDoc: (from, to) => expr.slice(from, to) });
  checker.analyze();
  return checker.getDiagnostics()
    .filter((d) => d.severity === 'error' && d.message !== 'unexpected expression')
    .map((d) => ({ message: d.message, position: positionOf(expr, d.from) }));
}

/** Every regex matcher (`=~`, `!~`) of every selector, with where it is. */
export function regexMatchers(expr: string, tree: Tree = parse(expr)): { readonly selector: Selector; readonly matcher: Matcher }[] {
  return selectors(expr, tree).flatMap((s) => s.matchers.filter((m) => m.op === '=~' || m.op === '!~').map((matcher) => ({ selector: s, matcher })));
}

function unquote(s: string): string {
  if (s.startsWith('`')) return s.slice(1, -1);
  // PromQL strings follow Go's escapes; JSON covers the ones rules use.
  try {
    return JSON.parse(s.startsWith("'") ? `"${s.slice(1, -1).replace(/"/g, '\\"')}"` : s) as string;
  } catch {
    return s.slice(1, -1);
  }
}

export function children(n: SyntaxNode): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  for (let c = n.firstChild; c; c = c.nextSibling) out.push(c);
  return out;
}

function matchersOf(expr: string, node: SyntaxNode | null): Matcher[] {
  if (!node) return [];
  const out: Matcher[] = [];
  for (const m of children(node)) {
    if (m.name !== 'UnquotedLabelMatcher' && m.name !== 'QuotedLabelMatcher') continue;
    const nameNode = m.getChild('LabelName') ?? m.getChild('QuotedLabelName');
    const op = m.getChild('MatchOp');
    const value = m.getChild('StringLiteral');
    if (!nameNode || !op || !value) continue;
    const rawName = text(expr, nameNode);
    out.push({
      name: nameNode.name === 'QuotedLabelName' ? unquote(rawName) : rawName,
      op: text(expr, op) as Matcher['op'],
      value: unquote(text(expr, value)),
    });
  }
  return out;
}

// Every check reads the selectors of the same trees (parse() hands out one tree per expression): find them once.
const selectorsOf = new WeakMap<Tree, Selector[]>();

/** Every vector selector in the expression, in source order (do not change the array: it is shared). */
export function selectors(expr: string, tree: Tree = parse(expr)): Selector[] {
  const seen = selectorsOf.get(tree);
  if (seen) return seen;
  const out: Selector[] = [];
  tree.iterate({
    enter(ref) {
      if (ref.name !== 'VectorSelector') return undefined;
      const n = ref.node;
      const id = n.getChild('Identifier');
      const matchers = matchersOf(expr, n.getChild('LabelMatchers'));
      const nameMatcher = matchers.find((m) => m.name === '__name__' && m.op === '=');
      out.push({
        metric: id ? text(expr, id) : nameMatcher?.value,
        matchers: matchers.filter((m) => m.name !== '__name__'),
        text: text(expr, n),
        position: positionOf(expr, n.from),
        inAbsent: insideAbsent(expr, n),
      });
      return false;
    },
  });
  selectorsOf.set(tree, out);
  return out;
}

function insideAbsent(expr: string, n: SyntaxNode): boolean {
  for (let p = n.parent; p; p = p.parent) {
    if (p.name !== 'FunctionCall') continue;
    const fn = text(expr, p.getChild('FunctionIdentifier') ?? p);
    if (fn === 'absent' || fn === 'absent_over_time') return true;
  }
  return false;
}

export interface RangeWindow {
  /** The range as written, e.g. `5m`. */
  readonly range: string;
  /** The offset applied to it as written (`1d`), or undefined. Offsets of enclosing expressions are not added. */
  readonly offset: string | undefined;
  /** `matrix`: a range over scraped samples (`x[5m]`); `subquery`: `x[1h:5m]`, whose range sets steps, not samples. */
  readonly kind: 'matrix' | 'subquery';
  readonly position: Position;
}

/** Every range window in the expression, in source order, with the offset written on it. */
export function rangeWindows(expr: string, tree: Tree = parse(expr)): RangeWindow[] {
  const out: RangeWindow[] = [];
  tree.iterate({
    enter(ref) {
      if (ref.name !== 'MatrixSelector' && ref.name !== 'SubqueryExpr') return undefined;
      const d = ref.node.getChild('DurationExpr');
      if (!d) return undefined;
      const parent = ref.node.parent;
      const off = parent?.name === 'OffsetExpr' ? parent.getChild('OffsetDurationExpr') : null;
      out.push({
        range: text(expr, d),
        offset: off ? text(expr, off) : undefined,
        kind: ref.name === 'MatrixSelector' ? 'matrix' : 'subquery',
        position: positionOf(expr, d.from),
      });
      return undefined;
    },
  });
  return out;
}

export const comparisonOps: ReadonlySet<string> = new Set(['Eql', 'Neq', 'Gtr', 'Lss', 'Gte', 'Lte']);

export function binaryParts(n: SyntaxNode) {
  const kids = children(n);
  const operands = kids.filter(isExpr);
  const op = kids.find((k) => !isExpr(k) && k.name !== 'BoolModifier' && k.name !== 'MatchingModifierClause');
  const modifier = kids.find((k) => k.name === 'MatchingModifierClause');
  const hasBool = kids.some((k) => k.name === 'Bool' || k.name === 'BoolModifier');
  return { lhs: operands[0], rhs: operands[1], op: op?.name ?? '', modifier, hasBool };
}

const exprNodes = new Set([
  'BinaryExpr', 'AggregateExpr', 'FunctionCall', 'VectorSelector', 'MatrixSelector', 'SubqueryExpr',
  'OffsetExpr', 'ParenExpr', 'UnaryExpr', 'NumberDurationLiteral', 'StringLiteral', 'StepInvariantExpr',
]);
export function isExpr(n: SyntaxNode): boolean {
  return exprNodes.has(n.name);
}

/**
 * The parts of an alert expression that return series whatever their values: an alert made of such a part
 * fires whenever the metric exists. A comparison (without `bool`) filters when one side reads series; an
 * `absent()` filters (it returns only when nothing matches); `and`/`unless` filter when either side does;
 * `or` needs BOTH branches to filter (pint's alerts/comparison), so each unfiltered branch is returned.
 * Returns [] when the whole expression filters.
 */
export function unfilteredBranches(expr: string, tree: Tree = parse(expr)): { readonly text: string; readonly position: Position }[] {
  const top = tree.topNode.firstChild;
  if (!top) return [{ text: expr, position: positionOf(expr, 0) }];
  const out: { text: string; position: Position }[] = [];
  const visit = (n: SyntaxNode): void => {
    if (n.name === 'ParenExpr') {
      const inner = children(n).find(isExpr);
      if (inner) return visit(inner);
    }
    if (n.name === 'BinaryExpr' && binaryParts(n).op === 'Or') {
      const { lhs, rhs } = binaryParts(n);
      if (lhs) visit(lhs);
      if (rhs) visit(rhs);
      return;
    }
    if (!filters(expr, n)) out.push({ text: text(expr, n), position: positionOf(expr, n.from) });
  };
  visit(top);
  return out;
}

function readsSeries(n: SyntaxNode): boolean {
  let found = false;
  n.toTree().iterate({
    enter(ref) {
      if (found) return false;
      if (ref.name === 'VectorSelector') found = true;
      return undefined;
    },
  });
  return found;
}

function filters(expr: string, n: SyntaxNode): boolean {
  switch (n.name) {
    case 'ParenExpr':
    case 'UnaryExpr':
    case 'StepInvariantExpr': {
      const inner = children(n).find(isExpr);
      return inner ? filters(expr, inner) : false;
    }
    case 'BinaryExpr': {
      const { lhs, rhs, op, hasBool } = binaryParts(n);
      if (!lhs || !rhs) return false;
      if (comparisonOps.has(op)) return (!hasBool && (readsSeries(lhs) || readsSeries(rhs))) || filters(expr, lhs) || filters(expr, rhs);
      if (op === 'Or') return filters(expr, lhs) && filters(expr, rhs);
      return filters(expr, lhs) || filters(expr, rhs);
    }
    case 'AggregateExpr': {
      const args = argExprs(n);
      const inner = args[args.length - 1];
      return inner ? filters(expr, inner) : false;
    }
    case 'FunctionCall': {
      const fn = text(expr, n.getChild('FunctionIdentifier') ?? n);
      if (fn === 'absent' || fn === 'absent_over_time') return true;
      if (fn === 'vector' || scalarFns.has(fn)) return false;
      return argExprs(n).some((a) => filters(expr, a));
    }
    default:
      return false;
  }
}

/** Names of the functions an expression calls, e.g. `absent`. */
export function functionsCalled(expr: string, tree: Tree = parse(expr)): string[] {
  const out: string[] = [];
  tree.iterate({
    enter(ref) {
      if (ref.name === 'FunctionIdentifier') out.push(text(expr, ref.node));
      return undefined;
    },
  });
  return out;
}

// ---- Labels a result can carry ----------------------------------------------------------------

/** `labels` are all the labels a result series can carry; `scalar` marks a scalar (no labels). */
export type LabelSet = { readonly kind: 'known'; readonly labels: ReadonlySet<string>; readonly scalar?: boolean } | { readonly kind: 'unknown' };

const unknown: LabelSet = { kind: 'unknown' };
const known = (labels: Iterable<string>, scalar = false): LabelSet => ({ kind: 'known', labels: new Set(labels), scalar });
const scalarSet = known([], true);

/** What a selector's series carry: the catalogue's answer, or undefined when the metric is unknown. */
export type SelectorLabels = (sel: Selector) => ReadonlySet<string> | undefined;

// Functions whose result keeps the labels of their (first) vector argument.
export const keepLabelsFns: ReadonlySet<string> = new Set([
  'abs', 'ceil', 'floor', 'round', 'exp', 'ln', 'log2', 'log10', 'sqrt', 'sgn', 'clamp', 'clamp_min', 'clamp_max',
  'rate', 'irate', 'increase', 'delta', 'idelta', 'deriv', 'predict_linear', 'resets', 'changes', 'timestamp',
  'avg_over_time', 'min_over_time', 'max_over_time', 'sum_over_time', 'count_over_time', 'last_over_time',
  'quantile_over_time', 'stddev_over_time', 'stdvar_over_time', 'present_over_time', 'holt_winters',
  'sort', 'sort_desc', 'day_of_month', 'day_of_week', 'day_of_year', 'days_in_month', 'hour', 'minute', 'month', 'year',
]);
/** Functions that return a scalar. */
export const scalarFns: ReadonlySet<string> = new Set(['time', 'scalar', 'pi']);

/** The argument expressions of a function call. */
export function argExprs(n: SyntaxNode): SyntaxNode[] {
  const body = n.getChild('FunctionCallBody');
  return body ? children(body).filter(isExpr) : [];
}

function groupingLabels(expr: string, n: SyntaxNode | null | undefined): string[] {
  const g = n?.getChild('GroupingLabels');
  return g ? children(g).filter((c) => c.name === 'LabelName').map((c) => text(expr, c)) : [];
}

export function resultLabels(expr: string, lookup: SelectorLabels, tree: Tree = parse(expr)): LabelSet {
  const top = tree.topNode.firstChild;
  return top ? labelsOf(expr, top, lookup) : unknown;
}

function labelsOf(expr: string, n: SyntaxNode, lookup: SelectorLabels): LabelSet {
  switch (n.name) {
    case 'NumberDurationLiteral':
    case 'StringLiteral':
      return scalarSet;
    case 'VectorSelector': {
      const [sel] = selectors(text(expr, n));
      const labels = sel ? lookup(sel) : undefined;
      return labels ? known(labels) : unknown;
    }
    case 'ParenExpr':
    case 'UnaryExpr':
    case 'MatrixSelector':
    case 'SubqueryExpr':
    case 'OffsetExpr':
    case 'StepInvariantExpr': {
      const inner = children(n).find(isExpr);
      return inner ? labelsOf(expr, inner, lookup) : unknown;
    }
    case 'FunctionCall': {
      const fn = text(expr, n.getChild('FunctionIdentifier') ?? n);
      const args = argExprs(n);
      if (scalarFns.has(fn)) return scalarSet;
      if (fn === 'vector') return known([]);
      if (fn === 'absent' || fn === 'absent_over_time') {
        // absent() carries the equality matchers of its selector, nothing else.
        const sel = args[0] ? selectors(expr.slice(args[0].from, args[0].to))[0] : undefined;
        return known(sel ? sel.matchers.filter((m) => m.op === '=').map((m) => m.name) : []);
      }
      if (fn === 'label_replace' || fn === 'label_join') {
        const inner = args[0] ? labelsOf(expr, args[0], lookup) : unknown;
        const dst = args[1] ? unquote(text(expr, args[1])) : undefined;
        return inner.kind === 'known' && dst ? known([...inner.labels, dst]) : inner;
      }
      if (fn === 'histogram_quantile') {
        const inner = args[1] ? labelsOf(expr, args[1], lookup) : unknown;
        return inner.kind === 'known' ? known([...inner.labels].filter((l) => l !== 'le')) : inner;
      }
      if (keepLabelsFns.has(fn)) {
        const v = args.find((a) => a.name !== 'NumberDurationLiteral' && a.name !== 'StringLiteral');
        return v ? labelsOf(expr, v, lookup) : unknown;
      }
      return unknown;
    }
    case 'AggregateExpr': {
      const op = text(expr, n.getChild('AggregateOp') ?? n);
      const modifier = n.getChild('AggregateModifier');
      const args = argExprs(n);
      const inner = args.length ? labelsOf(expr, args[args.length - 1]!, lookup) : unknown;
      if (op === 'topk' || op === 'bottomk' || op === 'limitk' || op === 'limit_ratio') return inner;
      const by = modifier?.getChild('By') ? groupingLabels(expr, modifier) : undefined;
      const without = modifier?.getChild('Without') ? groupingLabels(expr, modifier) : undefined;
      let out: LabelSet;
      if (by) out = known(inner.kind === 'known' ? by.filter((l) => inner.labels.has(l)) : by);
      else if (without) out = inner.kind === 'known' ? known([...inner.labels].filter((l) => !without.includes(l))) : unknown;
      else out = known([]);
      if (op === 'count_values' && out.kind === 'known' && args[0]) out = known([...out.labels, unquote(text(expr, args[0]))]);
      return out;
    }
    case 'BinaryExpr': {
      const { lhs, rhs, op, modifier } = binaryParts(n);
      if (!lhs || !rhs) return unknown;
      const l = labelsOf(expr, lhs, lookup);
      const r = labelsOf(expr, rhs, lookup);
      const lScalar = l.kind === 'known' && l.scalar;
      const rScalar = r.kind === 'known' && r.scalar;
      if (lScalar && rScalar) return scalarSet;
      if (lScalar) return r;
      if (rScalar) return l;
      if (op === 'And' || op === 'Unless') return l;
      if (op === 'Or') return l.kind === 'known' && r.kind === 'known' ? known([...l.labels, ...r.labels]) : unknown;
      // Vector matching (Prometheus resultMetric): one-to-one `on(x)` keeps only x, `ignoring(x)` drops x;
      // group_left/right keep the "many" side's labels plus the included ones.
      const matchLabels = groupingLabels(expr, modifier?.getChild('On') ? modifier : undefined);
      const ignoring = modifier?.getChild('Ignoring') ? groupingLabels(expr, modifier) : [];
      const groupLeft = modifier?.getChild('GroupLeft');
      const groupRight = modifier?.getChild('GroupRight');
      if (groupLeft || groupRight) {
        const many = groupLeft ? l : r;
        const extra = includedLabels(expr, modifier!);
        return many.kind === 'known' ? known([...many.labels, ...extra]) : unknown;
      }
      if (l.kind !== 'known') return unknown;
      if (modifier?.getChild('On')) return known([...l.labels].filter((x) => matchLabels.includes(x)));
      return known([...l.labels].filter((x) => !ignoring.includes(x)));
    }
    default:
      return unknown;
  }
}

/** Labels named in `group_left(…)` / `group_right(…)`. */
function includedLabels(expr: string, modifier: SyntaxNode): string[] {
  const kids = children(modifier);
  const idx = kids.findIndex((k) => k.name === 'GroupLeft' || k.name === 'GroupRight');
  const after = kids.slice(idx + 1).find((k) => k.name === 'GroupingLabels');
  return after ? children(after).filter((c) => c.name === 'LabelName').map((c) => text(expr, c)) : [];
}
