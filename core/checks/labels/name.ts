// labels/name: label and annotation names must be Prometheus label names; `team-name` makes the file fail to load.
import type { Check } from '../model.ts';

const labelNameRe = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

export const check: Check = {
  id: 'labels/name',
  summary: 'rule label and annotation names must match [a-zA-Z_][a-zA-Z0-9_]* and not start with __',
  rule: ({ rule }) =>
    [...Object.keys(rule.labels).map((k) => ['labels', k] as const), ...Object.keys(rule.annotations).map((k) => ['annotations', k] as const)]
      .filter(([, k]) => !labelNameRe.test(k) || k.startsWith('__'))
      .map(([where, k]) => ({
        field: `${where}.${k}`,
        message: `"${k}" is not a valid ${where === 'labels' ? 'label' : 'annotation'} name${k.startsWith('__') ? ' (names starting with __ are reserved)' : ''}`,
        fix: `use letters, digits and underscores only, e.g. "${k.replace(/^_+/, '').replace(/[^a-zA-Z0-9_]/g, '_') || 'name'}"`,
      })),
};
