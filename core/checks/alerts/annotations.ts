// alerts/annotations (this package's convention): every alert says what is wrong (summary, one line: the
// cluster's Slack receivers show only it) and what it breaks (description).
import type { Check } from '../model.ts';

export const check: Check = {
  id: 'alerts/annotations',
  summary: 'alerts carry a one-line summary and a description',
  packageOnly: true,
  rule: ({ rule }) => {
    if (rule.kind !== 'alert') return [];
    const { summary, description } = rule.annotations;
    const out = [];
    if (!summary?.trim()) out.push({ field: 'annotations.summary', message: 'the summary is missing', fix: 'add one static line saying what is wrong' });
    else if (summary.includes('\n') || summary.includes('{{')) {
      out.push({ field: 'annotations.summary', message: 'the summary must be one static line', fix: 'move templated details ({{ $labels… }}, {{ $value }}) into the description' });
    }
    if (!description?.trim()) out.push({ field: 'annotations.description', message: 'the description is missing', fix: 'say what is wrong, on what (templated), and what it breaks' });
    return out;
  },
};
