// alerts/template-syntax: annotations and labels are Go templates that Prometheus parses when it loads the
// file; a lone "{{", an unknown function (humanizePercent) or an unbalanced {{ end }} makes the whole file fail.
import { readTemplate } from '../../template.ts';
import type { Check } from '../model.ts';

export const check: Check = {
  id: 'alerts/template-syntax',
  summary: 'annotation and label templates must be valid Go templates using Prometheus template functions',
  rule: ({ rule }) => {
    if (rule.kind !== 'alert') return [];
    const fields = [...Object.entries(rule.annotations).map(([k, v]) => [`annotations.${k}`, v] as const), ...Object.entries(rule.labels).map(([k, v]) => [`labels.${k}`, v] as const)];
    return fields.flatMap(([field, text]) =>
      readTemplate(text).problems.map((p) => ({
        field,
        message: `template error at offset ${p.offset}: ${p.message}`,
        fix: 'use Go template syntax with Prometheus functions (humanize, humanizePercentage, humanizeDuration, printf, …)',
      })),
    );
  },
};
