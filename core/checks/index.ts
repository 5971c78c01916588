// The one registry of checks (pint's internal/checks is the model): each check is a file under this folder
// named after its stable ID, with its own table tests beside it. The build runs them on the package's rule
// groups, the linter on any rule file; both through runChecks().
import { parse, PromqlSyntaxError } from '../promql.ts';
import type { Check, CheckContext, Finding, Problem, RuleFileModel } from './model.ts';
import { check as promqlSyntax } from './promql/syntax.ts';
import { check as promqlTypes } from './promql/types.ts';
import { check as promqlRegex } from './promql/regex.ts';
import { check as rangeTooShort } from './promql/range-too-short.ts';
import { check as unknownMetric } from './selector/unknown-metric.ts';
import { check as unknownLabel } from './selector/unknown-label.ts';
import { check as unknownValue } from './selector/unknown-value.ts';
import { check as comparison } from './alerts/comparison.ts';
import { check as forTooShort } from './alerts/for-too-short.ts';
import { check as stalenessGuard } from './pushgateway/staleness-guard.ts';
import { check as templateSyntax } from './alerts/template-syntax.ts';
import { check as templateLabels } from './alerts/template-labels.ts';
import { check as annotations } from './alerts/annotations.ts';
import { check as runbook } from './alerts/runbook.ts';
import { check as alertName } from './alerts/name.ts';
import { check as severity } from './alerts/severity.ts';
import { check as labelName } from './labels/name.ts';
import { check as controlCharacters } from './text/control-characters.ts';
import { check as groupName } from './group/name.ts';
import { check as recordName } from './record/name.ts';
import { check as removedMetric } from './selector/removed-metric.ts';
import { check as rateOnGauge } from './promql/rate-on-gauge.ts';
import { check as vectorMatching } from './promql/vector-matching.ts';
import { check as scrapeDropped } from './scrape/dropped.ts';

export const checks: readonly Check[] = [
  promqlSyntax, promqlTypes, promqlRegex, rangeTooShort,
  unknownMetric, unknownLabel, unknownValue,
  comparison, forTooShort, stalenessGuard, templateSyntax, templateLabels,
  annotations, runbook, alertName, severity,
  labelName, controlCharacters, groupName, recordName,
  removedMetric, rateOnGauge, vectorMatching, scrapeDropped,
];

const ids = new Set<string>();
for (const c of checks) {
  if (ids.has(c.id)) throw new Error(`core/checks: two checks with the id ${c.id}`);
  ids.add(c.id);
}

/** Runs every check (or the given ones) on a rule file; findings in file order. */
export function runChecks(file: RuleFileModel, ctx: CheckContext, only: readonly Check[] = checks): Finding[] {
  const active = only.filter((c) => ctx.mode === 'package' || !c.packageOnly);
  const out: Finding[] = [];
  const finding = (check: Check, group: string, rule: RuleFileModel['groups'][number]['rules'][number] | undefined, at: { file: string; line?: number }, p: Problem): Finding => ({
    ...p,
    check: check.id,
    severity: p.severity ?? 'error',
    file: at.file,
    ...(at.line !== undefined ? { line: at.line } : {}),
    group,
    ...(rule ? { rule: { kind: rule.kind, name: rule.name } } : {}),
  });
  for (const group of file.groups) {
    for (const rule of group.rules) {
      let tree;
      try {
        tree = parse(rule.expr);
      } catch (e) {
        if (!(e instanceof PromqlSyntaxError)) throw e;
      }
      for (const c of active) {
        if (!c.rule) continue;
        for (const p of c.rule({ rule, group, tree }, ctx)) {
          const key = p.field.split('.')[0] as keyof NonNullable<typeof rule.fieldAt>;
          out.push(finding(c, group.name, rule, rule.fieldAt?.[key] ?? rule.at, p));
        }
      }
    }
  }
  for (const c of active) {
    if (!c.file) continue;
    for (const { group, rule, problem } of c.file(file, ctx)) out.push(finding(c, group.name, rule, rule?.at ?? group.at, problem));
  }
  return out;
}

/** `file:line: group "g", rule "r", field "f": message [check-id]` and the fix on the next line. */
export function formatFinding(f: Finding): string {
  const where = f.rule ? `group "${f.group}", rule "${f.rule.name}"` : `group "${f.group}"`;
  const sev = f.severity === 'error' ? '' : `${f.severity}: `;
  return `${f.file}${f.line !== undefined ? `:${f.line}` : ''}: ${where}, field "${f.field}": ${sev}${f.message} [${f.check}].\n    fix: ${f.fix}`;
}
