/**
 * The day upstream support of each Kubernetes minor ends: the "End Of Life Date" of kubernetes.io/releases/1.N
 * (for v1.30, the day it was reached: 2025-07-15; for the others the published one). After it a minor gets no patch
 * release, security fixes included. Minors before v1.19 ended before it did; minors after the last listed one are not
 * judged (their dates are not published yet).
 */
export const END_OF_LIFE: ReadonlyMap<number, string> = new Map([
  [19, '2021-10-28'],
  [20, '2022-02-28'],
  [21, '2022-06-28'],
  [22, '2022-10-28'],
  [23, '2023-02-28'],
  [24, '2023-07-28'],
  [25, '2023-10-28'],
  [26, '2024-02-28'],
  [27, '2024-06-28'],
  [28, '2024-10-28'],
  [29, '2025-02-28'],
  [30, '2025-07-15'],
  [31, '2025-10-28'],
  [32, '2026-02-28'],
  [33, '2026-06-28'],
  [34, '2026-10-27'],
  [35, '2027-02-28'],
  [36, '2027-06-28'],
]);

const OLDEST_LISTED = Math.min(...END_OF_LIFE.keys());

/**
 * When the minor's support ends or ended (`before`: some time before that day, for a minor older than the table);
 * undefined for a minor newer than the table.
 */
export function endOfLife(minor: number): { date: string; before: boolean } | undefined {
  const date = END_OF_LIFE.get(Math.max(minor, OLDEST_LISTED));
  return date === undefined ? undefined : { date, before: minor < OLDEST_LISTED };
}

/** The oldest minor still supported on `today` (an ISO date); undefined when the table has none left. */
export function oldestSupported(today: string): number | undefined {
  return [...END_OF_LIFE].find(([, end]) => end >= today)?.[0];
}
