// alerts/runbook (this package's convention): every alert links its runbook, and the runbook exists.
import type { Check } from '../model.ts';

export const check: Check = {
  id: 'alerts/runbook',
  summary: 'alerts link docs/runbooks/<AlertName>.md, which must exist',
  packageOnly: true,
  rule: ({ rule }, ctx) => {
    if (rule.kind !== 'alert') return [];
    if (!rule.annotations.runbook_url?.trim()) {
      return [{ field: 'annotations.runbook_url', message: 'the runbook URL is missing', fix: 'build alerts with alert() from core/rules.ts, which sets it from the runbook base URL' }];
    }
    if (ctx.runbookExists && !ctx.runbookExists(rule.name)) {
      return [{
        field: 'annotations.runbook_url',
        message: `the runbook docs/runbooks/${rule.name}.md does not exist`,
        fix: `write docs/runbooks/${rule.name}.md: what it means, what breaks, how to confirm, how to fix`,
      }];
    }
    return [];
  },
};
