// `--instance server=role=url` (repeatable) / TECHNITIUM_INSTANCES="server=role=url,..." parsing.

import { parseUrlFlag } from '../lib/cli.ts';
import type { Role } from './config.ts';

export type { Role } from './config.ts';

export interface InstanceSpec {
  readonly server: string;
  readonly role: Role;
  readonly url: string;
}

const SERVER_RE = /^[a-z0-9]([a-z0-9_-]{0,62})$/i;

export function parseInstance(spec: string): InstanceSpec {
  const first = spec.indexOf('=');
  const second = first < 0 ? -1 : spec.indexOf('=', first + 1);
  if (first < 0 || second < 0) throw new Error('--instance: expected server=role=url (the value is not repeated here: it may hold a URL)');
  const server = spec.slice(0, first).trim();
  const role = spec.slice(first + 1, second).trim();
  const url = spec.slice(second + 1).trim();
  if (!SERVER_RE.test(server)) throw new Error(`--instance: server name ${JSON.stringify(server)} must match ${SERVER_RE}`);
  if (role !== 'primary' && role !== 'replica') throw new Error(`--instance ${server}: role must be primary or replica, not ${JSON.stringify(role)}`);
  const u = parseUrlFlag(`--instance ${server}`, url);
  if (u.search || u.hash) throw new Error(`--instance ${server}: the URL must carry no query string`);
  return { server, role, url: url.replace(/\/+$/, '') };
}

export function parseInstances(flags: readonly string[], env: string | undefined, defaults: readonly InstanceSpec[]): InstanceSpec[] {
  const specs = flags.length > 0 ? flags : env ? env.split(/[,\s]+/).filter(Boolean) : [];
  const list = specs.length > 0 ? specs.map(parseInstance) : defaults.map((d) => ({ server: d.server, role: d.role, url: d.url }));
  const seen = new Set<string>();
  for (const i of list) {
    if (seen.has(i.server)) throw new Error(`instance ${i.server} is configured twice`);
    seen.add(i.server);
  }
  const primaries = list.filter((i) => i.role === 'primary');
  if (primaries.length !== 1) throw new Error(`exactly one instance must have role primary (got ${primaries.length})`);
  return list;
}
