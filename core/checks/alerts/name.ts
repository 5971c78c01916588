// alerts/name (this package's convention): CamelCase alert names, unique across the package (routing,
// silences and runbooks key on the name).
import type { Check } from '../model.ts';

export const check: Check = {
  id: 'alerts/name',
  summary: 'alert names are CamelCase and unique',
  packageOnly: true,
  rule: ({ rule }) =>
    rule.kind === 'alert' && !/^[A-Z][A-Za-z0-9]*$/.test(rule.name)
      ? [{ field: 'alert', message: `"${rule.name}" is not a CamelCase alert name`, fix: 'name alerts like TechnitiumInstanceDown' }]
      : [],
  file: (f) => {
    const seen = new Map<string, string>();
    const out = [];
    for (const group of f.groups) {
      for (const rule of group.rules) {
        if (rule.kind !== 'alert') continue;
        const previous = seen.get(rule.name);
        if (previous === undefined) seen.set(rule.name, group.name);
        else out.push({ group, rule, problem: { field: 'alert', message: `alert name "${rule.name}" is already used in group "${previous}"`, fix: 'give every alert a unique name: routing, silences and runbooks key on it' } });
      }
    }
    return out;
  },
};
