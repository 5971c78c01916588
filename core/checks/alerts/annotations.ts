// alerts/annotations (this package's convention): every alert says what is wrong and where (summary: one short
// line naming the object and the value, templated with the labels the expression keeps, since the cluster's
// Slack receivers show only the summary) and what it breaks (description).
import type { Check } from '../model.ts';

/** Longest summary: a Slack line, not a paragraph. Each template action counts as 12 characters (a label value). */
export const maxSummaryLength = 120;
const actionWidth = 12;

/** About how long the summary reads once rendered. */
export const summaryLength = (summary: string) => summary.replace(/\{\{[\s\S]*?\}\}/g, 'x'.repeat(actionWidth)).length;

export const check: Check = {
  id: 'alerts/annotations',
  summary: 'alerts carry a short one-line summary and a description',
  packageOnly: true,
  rule: ({ rule }) => {
    if (rule.kind !== 'alert') return [];
    const { summary, description } = rule.annotations;
    const out = [];
    if (!summary?.trim()) out.push({ field: 'annotations.summary', message: 'the summary is missing', fix: 'add one short line naming what is wrong and where' });
    else if (summary.includes('\n')) {
      out.push({ field: 'annotations.summary', message: 'the summary must be one line', fix: 'keep one short line naming what and where; the detail goes in the description' });
    } else if (summaryLength(summary) > maxSummaryLength) {
      out.push({ field: 'annotations.summary', message: `the summary reads about ${summaryLength(summary)} characters (at most ${maxSummaryLength}, counting ${actionWidth} per {{ … }})`, fix: 'keep one short line naming what and where, e.g. "Technitium {{ $labels.server }}: API not answering"; the detail goes in the description' });
    }
    if (!description?.trim()) out.push({ field: 'annotations.description', message: 'the description is missing', fix: 'say what is wrong, on what (templated), and what it breaks' });
    return out;
  },
};
