// Runs `promtool test rules` over a directory of test files in as few invocations as possible: ONE
// container (or, without Docker, one local process) per call, however many files. See README.md.
//
// Mode (PROMTOOL_MODE): `container` | `local` | `auto` (default). auto uses a container when a Docker
// daemon answers and falls back to the local `promtool` binary, with one console.warn line, when none does.
// Image: $PROMTOOL_IMAGE when set; otherwise prom/prometheus:v2.48.1 (the cluster's version) when it is
// present locally, else homelab-observability/promtool:local when that is present (these machines: built by
// scripts/build-promtool-image.sh), else prom/prometheus:v2.48.1 again and testcontainers pulls it.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { WaitStrategy } from 'testcontainers';

export const officialImage = 'prom/prometheus:v2.48.1';
export const localBuildImage = 'homelab-observability/promtool:local';
const containerDir = '/rules-test';
const runTimeoutMs = 120_000;

export type PromtoolMode = 'container' | 'local';

export interface PromtoolRun {
  readonly mode: PromtoolMode;
  /** Image in container mode, binary path in local mode. */
  readonly tool: string;
  readonly exitCode: number;
  readonly stdout: string;
  readonly stderr: string;
  readonly wallMs: number;
}

export interface FileResult {
  readonly file: string;
  readonly ok: boolean;
  /** promtool's own failure text for this file (its expected-versus-got blocks), '' when ok. */
  readonly message: string;
}

export interface SuiteResult {
  readonly run: PromtoolRun;
  readonly files: ReadonlyMap<string, FileResult>;
}

/**
 * Runs `promtool test rules <files…>` once. `dir` holds everything the files need (rule files referenced
 * by relative paths); `files` are relative to `dir`. Throws when promtool itself could not run (exit code
 * other than 0/1, or output that does not account for every file); test failures are results, not throws.
 */
export async function runPromtoolTests(dir: string, files: readonly string[]): Promise<SuiteResult> {
  if (files.length === 0) throw new Error('runPromtoolTests: no test files');
  const mode = await resolveMode();
  const started = Date.now();
  const raw = mode === 'local' ? await runLocal(dir, files) : await runContainer(dir, files);
  const run: PromtoolRun = { mode, ...raw, wallMs: Date.now() - started };
  if (run.exitCode !== 0 && run.exitCode !== 1) {
    throw new Error(`promtool (${run.mode}, ${run.tool}) exited ${run.exitCode}:\n${run.stdout}\n${run.stderr}`);
  }
  return { run, files: parsePromtoolOutput(files, run.stdout, run.stderr, mode === 'container' ? containerDir : '') };
}

/**
 * Splits promtool's combined output into one result per file. promtool prints `Unit Testing:  <file>` and
 * then `  SUCCESS` on stdout for each file, and for a failed file `  FAILED:` plus its errors on stderr,
 * in file order. Pairing the failed files (stdout) with the FAILED blocks (stderr) in order needs no
 * interleaving of the two streams.
 */
export function parsePromtoolOutput(files: readonly string[], stdout: string, stderr: string, prefix = ''): Map<string, FileResult> {
  const shown = (f: string) => (prefix ? `${prefix}/${f}` : f);
  const status = new Map<string, boolean>();
  let current: string | undefined;
  for (const line of stdout.split('\n')) {
    const m = /^Unit Testing:\s+(.+?)\s*$/.exec(line);
    if (m) {
      current = m[1]!;
      status.set(current, false);
    } else if (current && line.trim() === 'SUCCESS') {
      status.set(current, true);
    }
  }
  const blocks = stderr.split(/^ {2}FAILED:\s*$/m).slice(1).map((b) => b.replace(/^\n+|\s+$/g, ''));
  const failed = files.filter((f) => status.get(shown(f)) === false);
  const missing = files.filter((f) => !status.has(shown(f)));
  if (missing.length > 0 || blocks.length !== failed.length) {
    throw new Error(
      `cannot map promtool output to test files (${missing.length} file(s) not reported, ${failed.length} failed ` +
        `file(s) but ${blocks.length} FAILED block(s)):\n--- stdout\n${stdout}\n--- stderr\n${stderr}`,
    );
  }
  const results = new Map<string, FileResult>();
  for (const f of files) results.set(f, { file: f, ok: true, message: '' });
  failed.forEach((f, i) => results.set(f, { file: f, ok: false, message: blocks[i]! }));
  return results;
}

// ---------------------------------------------------------------------------------------------------------
// Mode and image selection

let modePromise: Promise<PromtoolMode> | undefined;

/** Which way promtool runs in this process (decided once). */
export function resolveMode(): Promise<PromtoolMode> {
  modePromise ??= decideMode();
  return modePromise;
}

async function decideMode(): Promise<PromtoolMode> {
  const wanted = (process.env.PROMTOOL_MODE ?? 'auto').toLowerCase();
  if (wanted === 'local') return 'local';
  if (wanted !== 'container' && wanted !== 'auto') {
    throw new Error(`PROMTOOL_MODE must be container, local or auto, not ${JSON.stringify(process.env.PROMTOOL_MODE)}`);
  }
  const tc = await testcontainers();
  try {
    await tc.getContainerRuntimeClient();
    return 'container';
  } catch (err) {
    if (wanted === 'container') throw new Error(`PROMTOOL_MODE=container but no Docker daemon can be reached: ${String(err)}`);
    console.warn(`rules-test: no Docker daemon reachable, running the local promtool binary (${localBinary()}) instead of a container`);
    return 'local';
  }
}

let imagePromise: Promise<string> | undefined;

/** The image promtool runs in (decided once per process; the rule is in README.md). */
export function resolveImage(): Promise<string> {
  imagePromise ??= (async () => {
    const fromEnv = process.env.PROMTOOL_IMAGE?.trim();
    if (fromEnv) return fromEnv;
    const tc = await testcontainers();
    const client = await tc.getContainerRuntimeClient();
    for (const candidate of [officialImage, localBuildImage]) {
      if (await client.image.exists(tc.ImageName.fromString(candidate))) return candidate;
    }
    return officialImage;
  })();
  return imagePromise;
}

type Testcontainers = typeof import('testcontainers');
let tcPromise: Promise<Testcontainers> | undefined;

/** testcontainers, imported only after Ryuk is disabled (its image would need a pull; we remove our own containers). */
function testcontainers(): Promise<Testcontainers> {
  process.env.TESTCONTAINERS_RYUK_DISABLED = 'true';
  tcPromise ??= import('testcontainers');
  return tcPromise;
}

function localBinary(): string {
  return process.env.PROMTOOL_BIN?.trim() || 'promtool';
}

// ---------------------------------------------------------------------------------------------------------
// The two ways to run

type RawRun = Omit<PromtoolRun, 'mode' | 'wallMs'>;

async function runLocal(dir: string, files: readonly string[]): Promise<RawRun> {
  const tool = localBinary();
  try {
    const { stdout, stderr } = await promisify(execFile)(tool, ['test', 'rules', ...files], {
      cwd: dir,
      maxBuffer: 64 * 1024 * 1024,
      timeout: runTimeoutMs,
    });
    return { tool, exitCode: 0, stdout, stderr };
  } catch (err) {
    const e = err as NodeJS.ErrnoException & { code?: number | string; stdout?: string; stderr?: string };
    if (typeof e.code !== 'number') throw new Error(`cannot run ${tool}: ${e.message}`);
    return { tool, exitCode: e.code, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
  }
}

async function runContainer(dir: string, files: readonly string[]): Promise<RawRun> {
  const tc = await testcontainers();
  const image = await resolveImage();
  const waiter = new ExitWaitStrategy();
  const container = await new tc.GenericContainer(image)
    .withEntrypoint(['/bin/promtool'])
    .withCommand(['test', 'rules', ...files.map((f) => `${containerDir}/${f}`)])
    .withCopyDirectoriesToContainer([{ source: dir, target: containerDir }])
    .withWaitStrategy(waiter)
    .start();
  await container.stop({ remove: true });
  if (!waiter.result) throw new Error(`promtool container (${image}) ended without a result`);
  return { tool: image, ...waiter.result };
}

/**
 * "Ready" means "exited": waits for promtool to finish, then reads its exit code and its stdout and
 * stderr as separate streams (the container is removed afterwards, so they are read here).
 */
class ExitWaitStrategy implements WaitStrategy {
  result: { exitCode: number; stdout: string; stderr: string } | undefined;
  private timeoutMs = runTimeoutMs;

  async waitUntilReady(container: Parameters<WaitStrategy['waitUntilReady']>[0]): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`promtool did not finish within ${this.timeoutMs} ms`)), this.timeoutMs);
    });
    try {
      const { StatusCode } = (await Promise.race([container.wait(), timeout])) as { StatusCode: number };
      const logs = (await container.logs({ stdout: true, stderr: true, follow: false })) as unknown as Buffer;
      this.result = { exitCode: StatusCode, ...demux(logs) };
    } finally {
      clearTimeout(timer);
    }
  }
  withStartupTimeout(ms: number): this {
    this.timeoutMs = ms;
    return this;
  }
  isStartupTimeoutSet(): boolean {
    return true;
  }
  getStartupTimeout(): number {
    return this.timeoutMs;
  }
}

/** Docker's multiplexed log format (no TTY): 8-byte frames [stream, 0, 0, 0, size32be] + payload. */
function demux(buf: Buffer): { stdout: string; stderr: string } {
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  let i = 0;
  while (i + 8 <= buf.length) {
    const kind = buf[i]!;
    const size = buf.readUInt32BE(i + 4);
    const payload = buf.subarray(i + 8, i + 8 + size);
    (kind === 2 ? err : out).push(payload);
    i += 8 + size;
  }
  return { stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') };
}
