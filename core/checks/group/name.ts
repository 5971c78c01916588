// group/name: group names are unique in a file (Prometheus refuses duplicates); this package also names them
// in kebab-case, since each becomes a file and a Kubernetes resource name; an interval must be a duration.
import { parseDuration } from '../../duration.ts';
import type { Check, GroupModel, Problem } from '../model.ts';

export const check: Check = {
  id: 'group/name',
  summary: 'group names are unique (and kebab-case in this package); a group interval is a duration',
  file: (f, ctx) => {
    const seen = new Set<string>();
    const out: { group: GroupModel; problem: Problem }[] = [];
    for (const group of f.groups) {
      if (seen.has(group.name)) out.push({ group, problem: { field: 'name', message: `group "${group.name}" is defined twice`, fix: 'give each group a unique name' } });
      seen.add(group.name);
      if (ctx.mode === 'package' && !/^[a-z0-9][a-z0-9-]*$/.test(group.name)) {
        out.push({ group, problem: { field: 'name', message: `group name "${group.name}" is not lower-case kebab-case`, fix: 'name the group like "technitium-zone-sync": it becomes a file and resource name' } });
      }
      if (group.interval !== undefined && parseDuration(group.interval) === undefined) {
        out.push({ group, problem: { field: 'interval', message: `"${group.interval}" is not a Prometheus duration`, fix: 'write it like 1m or 1h30m' } });
      }
      if (group.rules.length === 0) out.push({ group, problem: { field: 'rules', message: 'the group has no rules', fix: 'add rules or remove the group', severity: 'warning' } });
    }
    return out;
  },
};
