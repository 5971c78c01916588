// The tmpfs-exporter on REAL tmpfs mounts: a temporary folder laid out like the kubelet's pods directory, with
// small tmpfs volumes mounted where the kubelet mounts memory-backed emptyDirs. One is filled with files until
// ENOSPC, a pod is removed and another appears, and the metrics are read at each step. Where this machine does
// not allow mounting (not root, no CAP_SYS_ADMIN) the same steps run on plain directories, with the temporary
// folder's filesystem type accepted as memory-backed, and the test says so. Every mount is unmounted after each
// test, failed or not, before testing/tmp.ts removes the folder.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync, statfsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { captureLogger, freePort, parseMetrics, promtoolCheckMetrics, value, type Sample } from '../../testing/helpers.ts';
import { tempDir } from '../../testing/tmp.ts';
import { TMPFS_MAGIC } from './config.ts';
import { TmpfsExporter, type TmpfsExporterOptions } from './exporter.ts';
import { countAll, countEntries, emptyDirSubdir } from './scan.ts';

// ---------------------------------------------------------------------------------------------------------
// Mounts

const mounted: string[] = [];
let canMount = false;

function mountTmpfs(dir: string, size: string, extra = ''): void {
  mkdirSync(dir, { recursive: true });
  if (!canMount) return;
  const r = spawnSync('mount', ['-t', 'tmpfs', '-o', `size=${size},mode=0777${extra}`, 'tmpfs', dir], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`mount tmpfs on ${dir}: ${r.stderr}`);
  mounted.push(dir);
}

function unmount(dir: string): void {
  const i = mounted.indexOf(dir);
  if (i < 0) return;
  const r = spawnSync('umount', [dir], { encoding: 'utf8' });
  if (r.status !== 0) spawnSync('umount', ['-l', dir]); // busy: detach now, the kernel frees it when idle
  mounted.splice(i, 1);
}

afterEach(() => {
  for (const dir of [...mounted].reverse()) unmount(dir);
});

beforeAll(() => {
  const probe = tempDir('tmpfs-probe-');
  // TMPFS_EXPORTER_TEST_PLAIN_DIRS=1 runs the fallback on a machine that could mount.
  const r = process.env.TMPFS_EXPORTER_TEST_PLAIN_DIRS
    ? { status: 1, stderr: 'TMPFS_EXPORTER_TEST_PLAIN_DIRS is set', error: undefined }
    : spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', probe], { encoding: 'utf8' });
  canMount = r.status === 0 && statfsSync(probe).type === TMPFS_MAGIC;
  if (r.status === 0) spawnSync('umount', [probe]);
  if (!canMount) {
    console.warn(`tmpfs-exporter tests: cannot mount tmpfs here (${(r.stderr || r.error?.message || '').trim()}); running on plain directories, with their filesystem type accepted as memory-backed`);
  }
});

// ---------------------------------------------------------------------------------------------------------
// A kubelet-like pods directory

function podsDir(): string {
  return join(tempDir('tmpfs-exporter-'), 'pods');
}

/** Creates pods/<uid>/volumes/<plugin>/<volume>; mounts a tmpfs there when `size` is given. */
function volume(pods: string, uid: string, name: string, size?: string, plugin = 'kubernetes.io~empty-dir'): string {
  const dir = join(pods, uid, 'volumes', plugin, name);
  if (size) mountTmpfs(dir, size);
  else mkdirSync(dir, { recursive: true });
  return dir;
}

function removePod(pods: string, uid: string): void {
  for (const dir of [...mounted]) if (dir.startsWith(join(pods, uid) + '/')) unmount(dir);
  rmSync(join(pods, uid), { recursive: true, force: true });
}

function exporter(overrides: Partial<TmpfsExporterOptions> & Pick<TmpfsExporterOptions, 'mode'>): { x: TmpfsExporter; lines: string[] } {
  const { logger, lines } = captureLogger();
  const x = new TmpfsExporter({
    intervalMs: 60_000,
    countBudgetMs: 5_000,
    version: 'test',
    logger,
    // Where tmpfs cannot be mounted, the plain directories of the temp folder stand in for it.
    ...(canMount ? {} : { memoryFsTypes: [TMPFS_MAGIC, statfsSync(tempDir('fstype-')).type] }),
    ...overrides,
  });
  return { x, lines };
}

async function poll(x: TmpfsExporter): Promise<Sample[]> {
  await x.pollOnce();
  return parseMetrics(x.metrics);
}

const pod = (uid: string, vol: string) => ({ pod_uid: uid, volume: vol });
const volumeNames = (s: Sample[]) =>
  s.filter((m) => m.name === 'tmpfs_volume_size_bytes').map((m) => `${m.labels.pod_uid}/${m.labels.volume}`).sort();

// Pod UIDs as the kubelet names their folders.
const A = '0b4f4f3e-6c2a-4a8e-9a55-1f0f3c1e0a01';
const B = '7d1e2c55-1b8e-4f7e-8f6b-9c2d3e4f5a02';
const C = 'c3a9e0d4-2f7b-4e1a-b6c8-5d4e3f2a1b03';
const D = 'e5f6a7b8-9c0d-4e1f-8a2b-3c4d5e6f7a04';

describe('tmpfs-exporter, node mode, on a kubelet-like pods directory', () => {
  it('reports each memory-backed emptyDir with pod_uid and volume, fills one until ENOSPC, and follows pods coming and going', async () => {
    const pods = podsDir();
    const dshm = volume(pods, A, 'dshm', '1m');
    volume(pods, A, 'cache'); // a disk-backed emptyDir: the node's own filesystem
    const shm = volume(pods, B, 'shm', '256k');
    volume(pods, B, 'token', '64k', 'kubernetes.io~secret'); // secrets are tmpfs too, but no emptyDir
    mkdirSync(join(pods, C, 'volumes', 'kubernetes.io~configmap', 'config'), { recursive: true }); // no emptyDir at all

    const { x } = exporter({ mode: 'node', podsDir: pods });
    let s = await poll(x);
    // Only the two memory-backed emptyDirs; the plain one only where plain directories stand in for tmpfs.
    expect(volumeNames(s)).toEqual(canMount ? [`${A}/dshm`, `${B}/shm`] : [`${A}/cache`, `${A}/dshm`, `${B}/shm`]);
    expect(value(s, 'tmpfs_exporter_volumes')).toBe(canMount ? 2 : 3);
    for (const [dir, labels] of [[dshm, pod(A, 'dshm')], [shm, pod(B, 'shm')]] as const) {
      const st = statfsSync(dir);
      expect(value(s, 'tmpfs_volume_size_bytes', labels)).toBe(st.blocks * st.bsize);
      expect(value(s, 'tmpfs_volume_available_bytes', labels)).toBe(st.bavail * st.bsize);
      expect(value(s, 'tmpfs_volume_used_bytes', labels)).toBe((st.blocks - st.bfree) * st.bsize);
      expect(value(s, 'tmpfs_volume_inodes', labels)).toBe(st.files);
      expect(value(s, 'tmpfs_volume_inodes_free', labels)).toBe(st.ffree);
      expect(value(s, 'tmpfs_volume_directory_entries', labels)).toBe(0);
      expect(value(s, 'tmpfs_volume_directory_entries_truncated', labels)).toBe(0);
    }
    if (canMount) expect(value(s, 'tmpfs_volume_size_bytes', pod(B, 'shm'))).toBe(256 * 1024);
    expect(value(s, 'tmpfs_exporter_poll_errors_total', { reason: 'pods_dir' })).toBe(0);

    // Fill B's volume with session-sized files (~1.5 KB, as the outpost's) until the kernel says ENOSPC.
    const session = Buffer.alloc(1536, 'x');
    let written = 0;
    let stopped: string | undefined;
    const limit = canMount ? Infinity : 200; // a plain directory never fills: stop at 200 files
    while (written < limit) {
      try {
        writeFileSync(join(shm, `session_${String(written).padStart(6, '0')}`), session);
        written++;
      } catch (err) {
        stopped = (err as NodeJS.ErrnoException).code;
        break;
      }
    }
    if (canMount) {
      expect(stopped).toBe('ENOSPC');
      // tmpfs charges whole pages: a 1.5 KB file takes one, so the volume holds size/page files.
      const st = statfsSync(shm);
      expect(written).toBe(Math.floor((256 * 1024) / st.bsize));
    } else {
      console.warn(`tmpfs-exporter tests: plain directory, filled with ${written} files instead of until ENOSPC`);
    }
    s = await poll(x);
    const st = statfsSync(shm);
    const files = readdirSync(shm).length; // the failed write may have left an empty file behind
    expect(value(s, 'tmpfs_volume_directory_entries', pod(B, 'shm'))).toBe(files);
    expect(files).toBeGreaterThanOrEqual(written);
    expect(value(s, 'tmpfs_volume_used_bytes', pod(B, 'shm'))).toBe((st.blocks - st.bfree) * st.bsize);
    expect(value(s, 'tmpfs_volume_inodes_free', pod(B, 'shm'))).toBe(st.ffree);
    if (canMount) {
      expect(value(s, 'tmpfs_volume_available_bytes', pod(B, 'shm'))).toBe(0);
      expect(value(s, 'tmpfs_volume_used_bytes', pod(B, 'shm'))).toBe(value(s, 'tmpfs_volume_size_bytes', pod(B, 'shm')));
    }
    expect(value(s, 'tmpfs_volume_directory_entries', pod(A, 'dshm'))).toBe(0); // the other volume is untouched

    // Pod B is deleted (the kubelet unmounts and removes its folder); pod D starts with a memory-backed emptyDir.
    removePod(pods, B);
    volume(pods, D, 'scratch', '128k');
    s = await poll(x);
    expect(volumeNames(s)).toEqual(canMount ? [`${A}/dshm`, `${D}/scratch`] : [`${A}/cache`, `${A}/dshm`, `${D}/scratch`]);
    expect(s.filter((m) => m.labels.pod_uid === B)).toEqual([]);
    expect(value(s, 'tmpfs_volume_directory_entries', pod(D, 'scratch'))).toBe(0);
    expect(promtoolCheckMetrics(x.metrics).status).toBe(0);
    expect(value(s, 'tmpfs_exporter_poll_errors_total', { reason: 'statfs' })).toBe(0);
    expect(value(s, 'tmpfs_exporter_build_info', { version: 'test', mode: 'node' })).toBe(1);
  });

  it('an emptyDir the kubelet has not mounted yet (a plain directory) is left out, and appears once mounted', async () => {
    if (!canMount) {
      console.warn('tmpfs-exporter tests: plain directories only; checking that a folder of another filesystem type is left out instead');
    }
    const pods = podsDir();
    const dir = volume(pods, A, 'dshm');
    const { x } = exporter(canMount ? { mode: 'node', podsDir: pods } : { mode: 'node', podsDir: pods, memoryFsTypes: [TMPFS_MAGIC] });
    expect(volumeNames(await poll(x))).toEqual([]);
    if (canMount) {
      mountTmpfs(dir, '64k');
      expect(volumeNames(await poll(x))).toEqual([`${A}/dshm`]);
    }
  });

  it('an unreadable pods directory is a counted, logged failure: /metrics still serves, without volume series', async () => {
    const pods = podsDir(); // never created
    const { x, lines } = exporter({ mode: 'node', podsDir: pods });
    let s = await poll(x);
    s = await poll(x);
    expect(value(s, 'tmpfs_exporter_poll_errors_total', { reason: 'pods_dir' })).toBe(2);
    expect(volumeNames(s)).toEqual([]);
    expect(value(s, 'tmpfs_exporter_volumes')).toBe(0);
    // Logged once while it lasts, not every poll.
    expect(lines.filter((l) => l.includes('cannot read a volume'))).toHaveLength(1);
    expect(lines[0]).toContain('"reason":"pods_dir"');
    mkdirSync(pods, { recursive: true });
    await poll(x);
    expect(lines.filter((l) => l.includes('reading again'))).toHaveLength(1);
  });
});

describe('tmpfs-exporter, path mode (the sidecar)', () => {
  it('labels each --path with mountpoint; a path that is not there is a statfs failure', async () => {
    const root = tempDir('tmpfs-path-');
    const shm = join(root, 'shm');
    mountTmpfs(shm, '512k');
    for (let i = 0; i < 10; i++) writeFileSync(join(shm, `session_${i}`), 'x');
    const missing = join(root, 'missing');
    const { x, lines } = exporter({ mode: 'path', paths: [shm, missing] });
    const s = await poll(x);
    const st = statfsSync(shm);
    expect(value(s, 'tmpfs_volume_size_bytes', { mountpoint: shm })).toBe(st.blocks * st.bsize);
    expect(value(s, 'tmpfs_volume_used_bytes', { mountpoint: shm })).toBe((st.blocks - st.bfree) * st.bsize);
    expect(value(s, 'tmpfs_volume_directory_entries', { mountpoint: shm })).toBe(10);
    expect(s.filter((m) => m.labels.mountpoint === missing)).toEqual([]);
    expect(s.filter((m) => m.labels.pod_uid !== undefined || m.labels.volume !== undefined)).toEqual([]);
    expect(value(s, 'tmpfs_exporter_poll_errors_total', { reason: 'statfs' })).toBe(1);
    expect(value(s, 'tmpfs_exporter_build_info', { mode: 'path' })).toBe(1);
    expect(lines.some((l) => l.includes('"reason":"statfs"') && l.includes(missing))).toBe(true);
  });
});

describe('counting directory entries', () => {
  it('streams the whole directory within the budget, and stops at the deadline with _truncated 1', async () => {
    const dir = tempDir('tmpfs-count-');
    const n = 3000;
    for (let i = 0; i < n; i++) writeFileSync(join(dir, `f${i}`), '');
    expect(await countEntries(dir, Date.now() + 60_000)).toEqual({ count: n, truncated: false });
    // A deadline already passed: the count stops at the first check (after a batch of 512 entries) and says so.
    const cut = await countEntries(dir, 0);
    expect(cut.truncated).toBe(true);
    expect(cut.count).toBeGreaterThanOrEqual(512);
    expect(cut.count).toBeLessThan(n);
    // Exactly one check's worth of entries is complete, not truncated, even past the deadline.
    const exact = tempDir('tmpfs-count-');
    for (let i = 0; i < 512; i++) writeFileSync(join(exact, `f${i}`), '');
    expect(await countEntries(exact, 0)).toEqual({ count: 512, truncated: false });

    const { x } = exporter({ mode: 'path', paths: [dir], countBudgetMs: 0 });
    const s = await poll(x);
    expect(value(s, 'tmpfs_volume_directory_entries_truncated', { mountpoint: dir })).toBe(1);
    expect(value(s, 'tmpfs_volume_directory_entries', { mountpoint: dir })).toBeLessThan(n);
  });

  it('a volume that vanishes between statfs and counting is left out, not counted as a failure', async () => {
    const failures: never[] = [];
    const gone = join(tempDir('tmpfs-gone-'), 'deleted-pod-volume');
    const stats = { type: TMPFS_MAGIC, bsize: 4096, blocks: 16, bfree: 16, bavail: 16, files: 100, ffree: 99 };
    expect(await countAll([{ ref: { labels: { mountpoint: gone }, path: gone }, stats }], 1000, failures)).toEqual([]);
    expect(failures).toEqual([]);
    expect(emptyDirSubdir).toBe(join('volumes', 'kubernetes.io~empty-dir'));
  });
});

describe('serving', () => {
  it('/readyz is 503 until the first poll, /metrics serves the last poll and never polls itself', async () => {
    const dir = tempDir('tmpfs-serve-');
    const { x } = exporter({ mode: 'path', paths: [dir], intervalMs: 60_000 });
    const port = await freePort();
    await x.listen(port, '127.0.0.1');
    const base = `http://127.0.0.1:${port}`;
    try {
      expect((await fetch(`${base}/readyz`)).status).toBe(503);
      expect((await fetch(`${base}/healthz`)).status).toBe(200);
      x.start();
      await x.pollOnce();
      expect((await fetch(`${base}/readyz`)).status).toBe(200);
      const polls = x.polls;
      writeFileSync(join(dir, 'new-file'), '');
      for (let i = 0; i < 5; i++) {
        const s = parseMetrics(await (await fetch(`${base}/metrics`)).text());
        expect(value(s, 'tmpfs_volume_directory_entries', { mountpoint: dir })).toBe(0); // the file came after the poll
      }
      expect(x.polls).toBe(polls);
    } finally {
      await x.stop();
    }
  });
});
