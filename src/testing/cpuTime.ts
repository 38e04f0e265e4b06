// Test helper: speed budgets in unit tests measure the CPU time this process spent, not wall-clock time.
// On a busy machine (CI with other jobs, both cores taken) wall-clock time includes every moment the test was
// waiting for a core; CPU time does not, so a budget that holds on an idle machine still holds under load.
// Vitest runs each test file in its own forked process, so process.cpuUsage() is this file's work (plus GC).

/** CPU milliseconds (user + system) spent running fn, and its result. */
export function cpuMs<T>(fn: () => T): { ms: number; value: T } {
  const start = process.cpuUsage();
  const value = fn();
  const used = process.cpuUsage(start);
  return { ms: (used.user + used.system) / 1000, value };
}
