// alerts/severity (this package's convention): severity is critical, warning or info, chosen by impact
// (critical repeats until fixed in this cluster's Alertmanager, warning notifies once).
import type { Check } from '../model.ts';

export const severities = ['critical', 'warning', 'info'] as const;

export const check: Check = {
  id: 'alerts/severity',
  summary: 'every alert has a severity label: critical, warning or info',
  packageOnly: true,
  rule: ({ rule }) =>
    rule.kind === 'alert' && !(severities as readonly string[]).includes(rule.labels.severity ?? '')
      ? [{ field: 'labels.severity', message: `"${rule.labels.severity ?? ''}" is not a severity`, fix: `use one of ${severities.join(', ')}` }]
      : [],
};
