// Child processes started by tests (a Pushgateway, an exporter under test): each is recorded here and stopped
// when its test file ends (testing/vitest-setup.ts), and killed if the worker exits first.
import type { ChildProcess } from 'node:child_process';

const running = new Set<ChildProcess>();

export function track(proc: ChildProcess): ChildProcess {
  running.add(proc);
  proc.once('exit', () => running.delete(proc));
  return proc;
}

/** SIGTERM, then SIGKILL after 3 s; resolves when the process has exited. */
export async function stopProcess(proc: ChildProcess): Promise<void> {
  if (proc.exitCode !== null || proc.signalCode !== null) return;
  await new Promise<void>((resolve) => {
    const kill = setTimeout(() => proc.kill('SIGKILL'), 3000);
    proc.once('exit', () => {
      clearTimeout(kill);
      resolve();
    });
    proc.kill('SIGTERM');
  });
}

export async function stopAllProcesses(): Promise<void> {
  await Promise.all([...running].map(stopProcess));
}

process.once('exit', () => {
  for (const p of running) p.kill('SIGKILL');
});
