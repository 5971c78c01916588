// The PromQL a runbook asks on-call to run (its ```promql blocks): it must parse, and the metrics it reads must
// survive the scrape config like the rules' (they go into the generated metric_relabel_configs).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, PromqlSyntaxError } from './promql.ts';

export interface RunbookQuery {
  readonly file: string;
  readonly line: number;
  readonly expr: string;
}

const parses = (q: string): boolean => {
  try {
    parse(q);
    return true;
  } catch (e) {
    if (e instanceof PromqlSyntaxError) return false;
    throw e;
  }
};

/**
 * Every query of a runbook's ```promql blocks. A block may hold several queries, one or more lines each
 * (comments after `#` ignored): lines are joined while the joined text still parses, or while it does not
 * parse yet; a line that parses on its own after a complete query starts the next one.
 */
export function runbookQueries(text: string, file: string): { queries: RunbookQuery[]; problems: string[] } {
  const queries: RunbookQuery[] = [];
  const problems: string[] = [];
  const lines = text.split('\n');
  let buf: { line: number; text: string } | undefined;
  const flush = () => {
    if (!buf) return;
    if (parses(buf.text)) queries.push({ file, line: buf.line, expr: buf.text });
    else problems.push(`${file}:${buf.line}: runbook query does not parse: ${buf.text.replace(/\s+/g, ' ').slice(0, 160)}\n    fix: correct it; quote placeholders inside strings, e.g. {zone="<zone>"}`);
    buf = undefined;
  };
  let inBlock = false;
  lines.forEach((raw, i) => {
    const t = raw.trim();
    if (!inBlock) {
      inBlock = t === '```promql';
      return;
    }
    if (t === '```') {
      flush();
      inBlock = false;
      return;
    }
    const q = raw.replace(/(^|\s)#.*$/, '').trimEnd();
    if (!q.trim()) return;
    if (!buf) buf = { line: i + 1, text: q };
    else if (parses(`${buf.text}\n${q}`) || !parses(buf.text)) buf = { line: buf.line, text: `${buf.text}\n${q}` };
    else {
      flush();
      buf = { line: i + 1, text: q };
    }
  });
  flush();
  return { queries, problems };
}

/** The queries of the runbooks of these alerts (those that exist). */
export function readRunbookQueries(root: string, alerts: readonly string[]): { queries: RunbookQuery[]; problems: string[] } {
  const queries: RunbookQuery[] = [];
  const problems: string[] = [];
  for (const a of alerts) {
    const file = join('docs', 'runbooks', `${a}.md`);
    let text: string;
    try {
      text = readFileSync(join(root, file), 'utf8');
    } catch {
      continue; // alerts/runbook reports a missing runbook
    }
    const r = runbookQueries(text, file);
    queries.push(...r.queries);
    problems.push(...r.problems);
  }
  return { queries, problems };
}
