// One interval for every open stream's deadlines (first token, idle, heartbeat) instead of timers per stream: a
// stream registers one check and owns no Timeout. The interval runs only while streams are open and never keeps
// the process alive.
export class Ticker {
  private readonly checks = new Set<(now: number) => void>();
  private interval: ReturnType<typeof setInterval> | undefined;

  constructor(readonly periodMs: number) {}

  /** Calls check(now) every period until the returned function is called. */
  add(check: (now: number) => void): () => void {
    this.checks.add(check);
    if (!this.interval) {
      this.interval = setInterval(() => {
        const now = Date.now();
        for (const c of this.checks) c(now);
      }, this.periodMs);
      this.interval.unref();
    }
    return () => {
      if (this.checks.delete(check) && this.checks.size === 0 && this.interval) {
        clearInterval(this.interval);
        this.interval = undefined;
      }
    };
  }
}

/** A fifth of the shortest deadline, between 10 ms and 1 s: no deadline is checked later than a fifth of the
 *  shortest one after it passed (with the defaults — 60 s timeouts, 15 s heartbeats — a check per second). */
export const tickPeriod = (...deadlinesMs: number[]) => Math.min(1_000, Math.max(10, Math.floor(Math.min(...deadlinesMs) / 5)));
