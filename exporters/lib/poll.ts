// The poll loop every exporter of this package runs: poll now, then every intervalMs counted from the start of
// the previous poll (a slow poll delays the next one; polls never overlap), never per scrape. A poll that throws
// is reported and the loop goes on.
export class PollLoop {
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;

  constructor(
    private readonly intervalMs: () => number,
    private readonly now: () => number,
    private readonly poll: () => Promise<void>,
    private readonly crashed: (err: Error) => void,
  ) {}

  start(): void {
    const loop = async (): Promise<void> => {
      const started = this.now();
      try {
        await this.poll();
      } catch (err) {
        this.crashed(err as Error);
      }
      if (this.stopped) return;
      this.timer = setTimeout(() => void loop(), Math.max(0, this.intervalMs() - (this.now() - started)));
    };
    void loop();
  }

  /** No poll starts after this; one under way finishes (the caller awaits it). */
  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
  }
}
