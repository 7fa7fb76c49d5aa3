/**
 * Wraps a job's `reportProgress` so a download reports at most every `intervalMs` (and always its last value),
 * never a smaller fraction than before: each report is a store write and a message to subscribers.
 */
export function throttledProgress(report: (fraction: number) => Promise<void>, intervalMs = 200): (fraction: number, force?: boolean) => Promise<void> {
  let last = -1;
  let lastAt = 0;
  return async (fraction, force = false) => {
    if (fraction <= last) return;
    const now = Date.now();
    if (!force && now - lastAt < intervalMs) return;
    last = fraction;
    lastAt = now;
    await report(fraction);
  };
}
