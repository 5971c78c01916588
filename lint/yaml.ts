// Reading the linter's YAML inputs with their line numbers: a file may hold several documents, and a value may
// itself be YAML in a string (chart values' extraScrapeConfigs, a serverFiles entry set with --set-file).
import { readFileSync } from 'node:fs';
import { isMap, isScalar, isSeq, LineCounter, parseAllDocuments, Scalar, type Document, type Node } from 'yaml';

/** The linter could not run on an input: unreadable, not YAML, not the shape it should be. Exit code 2. */
export class InputError extends Error {
  constructor(
    readonly file: string,
    readonly line: number | undefined,
    readonly reason: string,
  ) {
    super(`${file}${line !== undefined ? `:${line}` : ''}: ${reason}`);
    this.name = 'InputError';
  }
}

/** A YAML node with the means to say which line of which file anything in it is on. */
export interface Located {
  readonly file: string;
  readonly node: Node;
  /** 1-based line of a node (of the value's own text when it came from a string). */
  readonly lineOf: (node: Node | null | undefined) => number | undefined;
}

export function readText(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (e) {
    throw new InputError(file, undefined, `cannot read the file: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
}

/** Every document of a YAML text, each with a line finder; `firstLine` shifts lines (text embedded at that line). */
export function parseYaml(file: string, text: string, firstLine = 1): Located[] {
  const lines = new LineCounter();
  let docs: Document.Parsed[];
  try {
    docs = parseAllDocuments(text, { lineCounter: lines, prettyErrors: false }) as Document.Parsed[];
  } catch (e) {
    throw new InputError(file, firstLine, `not valid YAML: ${(e as Error).message}`);
  }
  if (!Array.isArray(docs)) docs = [docs as Document.Parsed];
  const lineOf = (n: Node | null | undefined) => (n?.range ? lines.linePos(n.range[0]).line + firstLine - 1 : undefined);
  const out: Located[] = [];
  for (const doc of docs) {
    const err = doc.errors[0];
    if (err) throw new InputError(file, lines.linePos(err.pos[0]).line + firstLine - 1, `not valid YAML: ${err.message.split('\n')[0]}`);
    if (doc.contents) out.push({ file, node: doc.contents as Node, lineOf });
  }
  return out;
}

/** A map entry's value node, or undefined. */
export function get(node: Node | null | undefined, key: string): Node | undefined {
  if (!isMap(node)) return undefined;
  const pair = node.items.find((p) => (isScalar(p.key) ? String(p.key.value) : undefined) === key);
  return (pair?.value ?? undefined) as Node | undefined;
}

/** A map entry's key node (its line is where the entry is written). */
export function keyNode(node: Node | null | undefined, key: string): Node | undefined {
  if (!isMap(node)) return undefined;
  return node.items.find((p) => (isScalar(p.key) ? String(p.key.value) : undefined) === key)?.key as Node | undefined;
}

export function entries(node: Node | null | undefined): [string, Node | undefined, Node][] {
  if (!isMap(node)) return [];
  return node.items.filter((p) => isScalar(p.key)).map((p) => [String((p.key as Scalar).value), (p.value ?? undefined) as Node | undefined, p.key as Node]);
}

export function items(node: Node | null | undefined): Node[] {
  return isSeq(node) ? (node.items as Node[]) : [];
}

/** A scalar's value as a string (numbers and booleans as written), or undefined for anything else. */
export function scalar(node: Node | null | undefined): string | undefined {
  if (!isScalar(node) || node.value === null || node.value === undefined) return undefined;
  return String(node.value);
}

/**
 * A string value holding YAML (extraScrapeConfigs, a rule file set with --set-file), parsed with lines that point
 * into the outer file: exact for block scalars (`|`), the value's first line otherwise.
 */
export function embedded(at: Located, node: Node): Located[] {
  const s = node as Scalar;
  const start = at.lineOf(node) ?? 1;
  const block = s.type === Scalar.BLOCK_LITERAL || s.type === Scalar.BLOCK_FOLDED;
  return parseYaml(at.file, String(s.value), block ? start + 1 : start);
}

export function isStringScalar(node: Node | null | undefined): boolean {
  return isScalar(node) && typeof node.value === 'string';
}
