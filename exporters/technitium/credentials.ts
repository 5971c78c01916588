// Credentials from files or the environment, never from flags' values (a flag shows in `ps`).
import { readFileSync } from 'node:fs';

export interface Credentials {
  /** A non-expiring API token (Technitium `createToken`). */
  readonly token?: string;
  /** Or a user and password: a session is opened with /api/user/login, and again on `invalid-token`. */
  readonly user?: string;
  readonly password?: string;
}

export function readSecretFile(path: string): string {
  const v = readFileSync(path, 'utf8').trim();
  if (!v) throw new Error(`secret file ${path} is empty`);
  return v;
}

function envKey(server: string): string {
  return server.toUpperCase().replace(/[^A-Z0-9]/g, '_');
}

/**
 * Credentials of one instance. Precedence: a per-instance token file (`--token-file server=path`),
 * TECHNITIUM_TOKEN_<SERVER>, the global token file, TECHNITIUM_TOKEN; then user/password
 * (TECHNITIUM_USER, TECHNITIUM_PASSWORD_FILE or TECHNITIUM_PASSWORD) when no token is set.
 */
export function resolveCredentials(
  server: string,
  opts: { tokenFiles: readonly string[]; user?: string; passwordFile?: string },
  env: NodeJS.ProcessEnv,
): Credentials {
  let perInstanceFile: string | undefined;
  let globalFile: string | undefined;
  for (const spec of opts.tokenFiles) {
    const m = /^([A-Za-z0-9_-]+)=(.+)$/.exec(spec);
    if (m && !spec.startsWith('/') && !spec.startsWith('.')) {
      if (m[1] === server) perInstanceFile = m[2];
    } else {
      globalFile = spec;
    }
  }
  globalFile ??= env.TECHNITIUM_TOKEN_FILE || undefined;
  const token =
    (perInstanceFile && readSecretFile(perInstanceFile)) ||
    env[`TECHNITIUM_TOKEN_${envKey(server)}`]?.trim() ||
    (globalFile && readSecretFile(globalFile)) ||
    env.TECHNITIUM_TOKEN?.trim() ||
    undefined;
  const user = opts.user ?? (env.TECHNITIUM_USER?.trim() || undefined);
  const passwordFile = opts.passwordFile ?? (env.TECHNITIUM_PASSWORD_FILE || undefined);
  const password = (passwordFile && readSecretFile(passwordFile)) || env.TECHNITIUM_PASSWORD || undefined;
  if (token) return { token, ...(user && password ? { user, password } : {}) };
  if (user && password) return { user, password };
  throw new Error(
    `no credentials for instance ${server}: set TECHNITIUM_TOKEN(_FILE), --token-file, or TECHNITIUM_USER with TECHNITIUM_PASSWORD(_FILE)`,
  );
}
