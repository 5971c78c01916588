// What the exporter benchmarks measure, written once: percentiles, a process's memory from /proc, and `/metrics`
// under closed-loop scrapers.
import { readFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { performance } from 'node:perf_hooks';

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** A memory figure of /proc/<pid>/status in MB (VmHWM: peak RSS; VmRSS: now). */
export function procStatus(pid: number, field: string): number {
  const m = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : NaN;
}

/** `scrapers` closed-loop GETs of `url` for `seconds`; the latency of each, in ms. */
export async function scrapePhase(url: string, scrapers: number, seconds: number): Promise<number[]> {
  const agent = new Agent({ keepAlive: true, maxSockets: scrapers });
  const latencies: number[] = [];
  const deadline = performance.now() + seconds * 1000;
  const one = (): Promise<void> =>
    new Promise((resolve, reject) => {
      const t0 = performance.now();
      const req = request(url, { agent }, (res) => {
        res.on('data', () => undefined);
        res.on('end', () => {
          if (res.statusCode !== 200) reject(new Error(`HTTP ${res.statusCode}`));
          latencies.push(performance.now() - t0);
          resolve();
        });
      });
      req.on('error', reject);
      req.end();
    });
  await Promise.all(
    Array.from({ length: scrapers }, async () => {
      while (performance.now() < deadline) await one();
    }),
  );
  agent.destroy();
  return latencies;
}
