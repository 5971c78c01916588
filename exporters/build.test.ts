// The Dockerfile's build step (exporters/build.sh) produces files that run with plain `node`, and the
// built programs behave as processes: flags, env, /metrics under a bad upstream, SIGTERM, exit codes.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, parseMetrics, promtoolCheckMetrics, startPushgateway, value, waitFor } from '../testing/helpers.ts';
import { repoRoot } from '../core/paths.ts';
import { EVERYONE_RIGHTS, primaryZones, replicaZones, TechnitiumSimulator } from '../testing/technitium-simulator.ts';
import { ZONE_TRANSFER_MODES } from './technitium/zones.ts';

const TOKEN = 'process-token-SECRET-abcdef012345';
let out: string;
beforeAll(() => {
  out = mkdtempSync(join(tmpdir(), 'exporters-build-'));
  const r = spawnSync('sh', [join(repoRoot, 'exporters/build.sh'), out], { encoding: 'utf8' });
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
});
afterAll(() => rmSync(out, { recursive: true, force: true }));

function run(file: string, args: string[], env: Record<string, string> = {}): ChildProcess & { output: () => string } {
  const p = spawn(process.execPath, [join(out, file), ...args], { env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let buf = '';
  p.stdout!.on('data', (d: Buffer) => (buf += d.toString()));
  p.stderr!.on('data', (d: Buffer) => (buf += d.toString()));
  return Object.assign(p, { output: () => buf });
}

const exited = (p: ChildProcess): Promise<number | null> =>
  p.exitCode !== null ? Promise.resolve(p.exitCode) : new Promise((r) => p.once('exit', (code) => r(code)));

describe('built programs (node dist/*.mjs)', () => {
  it('--help works for both, via plain node and via npm run (tsx)', () => {
    for (const f of ['technitium-exporter.mjs', 'technitium-zone-sync.mjs']) {
      const r = spawnSync(process.execPath, [join(out, f), '--help'], { encoding: 'utf8' });
      expect(r.status).toBe(0);
      expect(r.stdout).toContain('--instance server=role=url');
    }
    const t = spawnSync('npm', ['run', '-s', 'technitium-exporter', '--', '--help'], { cwd: repoRoot, encoding: 'utf8' });
    expect(t.status).toBe(0);
    expect(t.stdout).toContain('TECHNITIUM_INSTANCES');
    const bad = spawnSync(process.execPath, [join(out, 'technitium-exporter.mjs'), '--bogus'], { encoding: 'utf8' });
    expect(bad.status).toBe(2);
    // the rights each program needs, per call, as the API documents them
    const exp = spawnSync(process.execPath, [join(out, 'technitium-exporter.mjs'), '--help'], { encoding: 'utf8' }).stdout;
    expect(exp).toContain('/api/zones/list: Zones: View and per-zone View on every zone');
    expect(exp).toContain('/api/dashboard/stats/get: Dashboard: View');
    const zs = spawnSync(process.execPath, [join(out, 'technitium-zone-sync.mjs'), '--help'], { encoding: 'utf8' }).stdout;
    expect(zs).toContain('/api/zones/options/set: Zones: Modify and per-zone Delete');
    expect(zs).toContain('/api/zones/resync: Zones: Modify and per-zone Modify');
    expect(zs).toContain('DNS Administrators');
    expect(zs).toContain(ZONE_TRANSFER_MODES.join(', '));
  });

  it('zone-sync refuses, with exit 2, a --zone-transfer Technitium would ignore and a Pushgateway URL with credentials', () => {
    const base = ['--instance=primary=primary=http://127.0.0.1:9', '--primary-address=10.0.0.1'];
    const env = { TECHNITIUM_TOKEN: TOKEN };
    const zs = (...args: string[]) => spawnSync(process.execPath, [join(out, 'technitium-zone-sync.mjs'), ...base, ...args], { encoding: 'utf8', env: { PATH: process.env.PATH ?? '', ...env } });
    for (const mode of ['AllowAll', '7', '']) {
      const r = zs(`--zone-transfer=${mode}`);
      expect(r.status, mode).toBe(2);
      expect(r.stderr).toContain(`use one of: ${ZONE_TRANSFER_MODES.join(', ')}`);
    }
    expect(zs('--zone-transfer=UseSpecifiedNetworkACL', '--zone-transfer-acl=').status).toBe(2);
    expect(zs('--zone-transfer=Allow', '--zone-transfer-acl=10.0.0.0/8').status).toBe(2);
    expect(zs('--zone-transfer=UseSpecifiedNetworkACL', '--zone-transfer-acl=10.0.0.0/33').status).toBe(2);
    const cred = zs('--pushgateway=http://pushuser:PushPa55-SECRET@127.0.0.1:9/', '--dry-run');
    expect(cred.status).toBe(2);
    expect(cred.stderr).toContain('--pushgateway: the URL carries a user or password');
    expect(`${cred.stdout}${cred.stderr}`).not.toContain('PushPa55-SECRET');
    // valid modes in any case pass the check (a dry run against nothing then fails to connect: exit 1, not 2)
    expect(zs('--zone-transfer=deny', '--dry-run', '--timeout=200ms').status).toBe(1);
  });

  it('exporter process: serves /metrics while one upstream is slow and one answers garbage, exits 0 on SIGTERM', async () => {
    const sims = [
      new TechnitiumSimulator({ zones: primaryZones(), apiTokens: [TOKEN] }),
      new TechnitiumSimulator({ zones: replicaZones(), apiTokens: [TOKEN] }),
      new TechnitiumSimulator({ zones: replicaZones(), apiTokens: [TOKEN] }),
    ];
    for (const s of sims) await s.start();
    sims[1]!.delayMs = 3000;
    sims[2]!.fault = 'malformed';
    const port = await freePort();
    const p = run(
      'technitium-exporter.mjs',
      [`--listen-address=127.0.0.1:${port}`, '--interval=200ms', '--timeout=400ms', '--log-format=plain'],
      { TECHNITIUM_INSTANCES: `primary=primary=${sims[0]!.url},secondary=replica=${sims[1]!.url},tertiary=replica=${sims[2]!.url}`, TECHNITIUM_TOKEN: TOKEN },
    );
    try {
      const base = `http://127.0.0.1:${port}`;
      await waitFor(async () => (await fetch(`${base}/readyz`)).status === 200, 10_000, 'readyz');
      // /metrics serves the last poll's result and never polls itself: 20 scrapes cost far fewer than 20 API calls.
      const calls = () => sims.reduce((n, s) => n + s.apiCalls, 0);
      const before = calls();
      for (let k = 0; k < 20; k++) expect((await fetch(`${base}/metrics`)).status).toBe(200);
      expect(calls() - before).toBeLessThan(20);
      const text = await (await fetch(`${base}/metrics`)).text();
      const s = parseMetrics(text);
      expect(value(s, 'technitium_up', { server: 'primary' })).toBe(1);
      expect(value(s, 'technitium_up', { server: 'secondary' })).toBe(0);
      expect(value(s, 'technitium_up', { server: 'tertiary' })).toBe(0);
      await waitFor(async () => {
        const m = parseMetrics(await (await fetch(`${base}/metrics`)).text());
        return (value(m, 'technitium_exporter_poll_errors_total', { server: 'secondary', reason: 'timeout' }) ?? 0) >= 2 &&
          (value(m, 'technitium_exporter_poll_errors_total', { server: 'tertiary', reason: 'parse' }) ?? 0) >= 2;
      }, 5000, 'repeated poll errors');
      expect(promtoolCheckMetrics(text).status).toBe(0);
      expect((await fetch(`${base}/healthz`)).status).toBe(200);
      p.kill('SIGTERM');
      const code = await Promise.race([exited(p), new Promise((r) => setTimeout(() => r('hung'), 5000))]);
      expect(code).toBe(0);
      expect(p.output()).toContain('shutting down');
      expect(p.output()).toContain('server=tertiary');
      expect(p.output()).not.toContain(TOKEN);
    } finally {
      if (p.exitCode === null) p.kill('SIGKILL');
      for (const s of sims) await s.stop();
    }
  });

  it('tmpfs-exporter process: --help, usage errors exit 2, path mode serves /metrics, SIGTERM exits 0', async () => {
    const help = spawnSync(process.execPath, [join(out, 'tmpfs-exporter.mjs'), '--help'], { encoding: 'utf8' });
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('--path dir');
    const both = spawnSync(process.execPath, [join(out, 'tmpfs-exporter.mjs'), '--path=/dev/shm', '--pods-dir=/tmp'], { encoding: 'utf8' });
    expect(both.status).toBe(2);
    expect(both.stderr).toContain('exclude each other');
    const dir = mkdtempSync(join(tmpdir(), 'tmpfs-exporter-process-'));
    writeFileSync(join(dir, 'session_1'), 'x');
    const port = await freePort();
    const p = run('tmpfs-exporter.mjs', [`--path=${dir}`, `--listen-address=127.0.0.1:${port}`, '--interval=200ms', '--log-format=plain']);
    try {
      const base = `http://127.0.0.1:${port}`;
      await waitFor(async () => (await fetch(`${base}/readyz`)).status === 200, 10_000, 'readyz');
      const text = await (await fetch(`${base}/metrics`)).text();
      expect(value(parseMetrics(text), 'tmpfs_volume_directory_entries', { mountpoint: dir })).toBe(1);
      expect(promtoolCheckMetrics(text).status).toBe(0);
      p.kill('SIGTERM');
      const code = await Promise.race([exited(p), new Promise((r) => setTimeout(() => r('hung'), 5000))]);
      expect(code).toBe(0);
      expect(p.output()).toContain('shutting down');
    } finally {
      if (p.exitCode === null) p.kill('SIGKILL');
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('zone-sync process: exit 0 on success with a push, exit 1 naming replica, zone and errorMessage on failure', async () => {
    const pgw = await startPushgateway();
    const primary = new TechnitiumSimulator({ zones: primaryZones(), apiTokens: [TOKEN] });
    const replica = new TechnitiumSimulator({ zones: replicaZones(), apiTokens: [TOKEN] });
    await primary.start();
    await replica.start();
    const dir = mkdtempSync(join(tmpdir(), 'zs-'));
    writeFileSync(join(dir, 'token'), `${TOKEN}\n`);
    const args = [`--instance=primary=primary=${primary.url}`, `--instance=secondary=replica=${replica.url}`, '--primary-address=10.0.20.53', `--pushgateway=${pgw.url}`, `--token-file=${join(dir, 'token')}`];
    try {
      const ok = run('technitium-zone-sync.mjs', args);
      expect(await exited(ok)).toBe(0);
      const m = parseMetrics(await (await fetch(`${pgw.url}/metrics`)).text());
      expect(value(m, 'technitium_zone_sync_status', { job: 'technitium-zone-sync' })).toBe(0);
      replica.failOps.set('resync:viktorbarzin.me', 'Zone transfer refused by primary.');
      const bad = run('technitium-zone-sync.mjs', args);
      expect(await exited(bad)).toBe(1);
      expect(bad.output()).toContain('technitium-zone-sync: secondary: zone viktorbarzin.me: resync failed: Zone transfer refused by primary.');
      expect(bad.output()).not.toContain(TOKEN);
      const badAddress = run('technitium-zone-sync.mjs', [...args.filter((a) => !a.startsWith('--primary-address')), '--primary-address=not an address!']);
      expect(await exited(badAddress)).toBe(2);
    } finally {
      await pgw.stop();
      await primary.stop();
      await replica.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('no secret it was given or obtained appears in any log line, any output, /metrics or the Pushgateway', async () => {
    const secrets = {
      password: 'Pw-file-SECRET-7f3a9c',
      envPassword: 'Pw-env-SECRET-1b2c3d',
      tokenSecondary: 'tok-secondary-SECRET-9e8d7c',
      tokenTertiaryFile: 'tok-tertiary-file-SECRET-4a5b6c',
      pushPassword: 'PushPa55-SECRET-0d0e0f',
    };
    const sims = [
      new TechnitiumSimulator({ zones: primaryZones(), users: { monitor: secrets.password } }),
      new TechnitiumSimulator({ zones: replicaZones(), apiTokens: [secrets.tokenSecondary] }),
      new TechnitiumSimulator({ zones: replicaZones(), apiTokens: [secrets.tokenTertiaryFile] }),
    ];
    for (const s of sims) await s.start();
    // every error Technitium sends back quotes the secrets, and the primary's user cannot see everything
    sims[0]!.rights.set('monitor', { ...EVERYONE_RIGHTS, zones: ['View', 'Modify'], otherZones: ['View'] });
    for (const s of sims) s.faultMessage = `bad request token=${secrets.tokenSecondary} pass=${secrets.password} ${secrets.tokenTertiaryFile}`;
    sims[1]!.failOps.set('resync:viktorbarzin.me', `refused for ${secrets.tokenSecondary} / ${secrets.password}`);
    const pgw = await startPushgateway();
    const dir = mkdtempSync(join(tmpdir(), 'secrets-'));
    writeFileSync(join(dir, 'password'), `${secrets.password}\n`);
    writeFileSync(join(dir, 'tertiary-token'), secrets.tokenTertiaryFile);
    const instances = `primary=primary=${sims[0]!.url},secondary=replica=${sims[1]!.url},tertiary=replica=${sims[2]!.url}`;
    const common = [`--user=monitor`, `--password-file=${join(dir, 'password')}`, `--token-file=tertiary=${join(dir, 'tertiary-token')}`];
    const env = { TECHNITIUM_INSTANCES: instances, TECHNITIUM_TOKEN_SECONDARY: secrets.tokenSecondary, TECHNITIUM_PASSWORD: secrets.envPassword };
    const seen: string[] = [];
    try {
      // the exporter, with one instance failing with a message full of secrets, then sessions expiring
      const port = await freePort();
      const exp = run('technitium-exporter.mjs', [...common, `--listen-address=127.0.0.1:${port}`, '--interval=100ms', '--timeout=500ms'], env);
      await waitFor(async () => (await fetch(`http://127.0.0.1:${port}/readyz`)).status === 200, 10_000, 'readyz');
      sims[2]!.fault = 'error';
      await new Promise((r) => setTimeout(r, 300));
      sims[2]!.fault = 'none';
      sims[0]!.expireSessions();
      await new Promise((r) => setTimeout(r, 300));
      seen.push(await (await fetch(`http://127.0.0.1:${port}/metrics`)).text());
      exp.kill('SIGTERM');
      expect(await exited(exp)).toBe(0);
      seen.push(exp.output());
      expect(exp.output()).toContain('[REDACTED]');
      // the zone-sync: a failed step quoting secrets, a hidden-zone failure, a push; then a push URL with a password
      const zs = run('technitium-zone-sync.mjs', [...common, '--primary-address=10.0.20.53', `--pushgateway=${pgw.url}`], env);
      expect(await exited(zs)).toBe(1);
      seen.push(zs.output());
      expect(zs.output()).toContain('The user lacks');
      const withCred = run('technitium-zone-sync.mjs', [...common, '--primary-address=10.0.20.53', `--pushgateway=http://push:${secrets.pushPassword}@127.0.0.1:9`], env);
      expect(await exited(withCred)).toBe(2);
      seen.push(withCred.output());
      seen.push(await (await fetch(`${pgw.url}/metrics`)).text());
      const issued = sims.flatMap((s) => s.issuedSessionTokens);
      expect(issued.length).toBeGreaterThanOrEqual(2); // logins happened, and again after the sessions expired
      const everything = seen.join('\n');
      for (const [what, secret] of [...Object.entries(secrets), ...issued.map((t, i) => [`session token ${i}`, t] as const)]) {
        expect(everything.includes(secret), `${what}: ${everything.split('\n').filter((l) => l.includes(secret)).join('\n')}`).toBe(false);
      }
    } finally {
      await pgw.stop();
      for (const s of sims) await s.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
