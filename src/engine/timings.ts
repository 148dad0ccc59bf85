/**
 * Phase timings for profiling (`KUBETHREAT_TIMINGS=1` prints them on standard error). Off by default: then `timed`
 * only calls the function. Not part of any report: times are not deterministic.
 */
let sink: ((phase: string, milliseconds: number) => void) | undefined;

export function recordTimings(to: ((phase: string, milliseconds: number) => void) | undefined): void {
  sink = to;
}

export function timed<T>(phase: string, run: () => T): T {
  if (!sink) return run();
  const started = performance.now();
  try {
    return run();
  } finally {
    sink(phase, performance.now() - started);
  }
}

export async function timedAsync<T>(phase: string, run: () => Promise<T>): Promise<T> {
  if (!sink) return run();
  const started = performance.now();
  try {
    return await run();
  } finally {
    sink(phase, performance.now() - started);
  }
}
