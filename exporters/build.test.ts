// The Dockerfile's build step (exporters/build.sh) produces files that run with plain `node`, and the
// built programs behave as processes: flags, env, /metrics under a bad upstream, SIGTERM, exit codes.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, parseMetrics, promtoolCheckMetrics, startPushgateway, value, waitFor } from '../testing/helpers.ts';
import { repoRoot } from '../core/paths.ts';
import { primaryZones, replicaZones, TechnitiumSimulator } from '../testing/technitium-simulator.ts';

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
      const missing = run('technitium-zone-sync.mjs', args.filter((a) => !a.startsWith('--primary-address')));
      expect(await exited(missing)).toBe(2);
    } finally {
      await pgw.stop();
      await primary.stop();
      await replica.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
