/**
 * Acceptance dates are calendar days in UTC, written YYYY-MM-DD. An acceptance applies through the whole of its
 * `expires` day and stops at the first instant of the next day (UTC), whatever the time zone of the machine.
 */

/** Whether YYYY-MM-DD names a real day (2026-02-30 does not). */
export function isCalendarDate(text: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** The UTC day of an instant, YYYY-MM-DD: what `expires` is compared with. */
export function utcDay(now: Date): string {
  return now.toISOString().slice(0, 10);
}

/** Inclusive: on its expiry day an acceptance still applies. Both sides are YYYY-MM-DD, so text order is date order. */
export function isInForce(expires: string, today: string): boolean {
  return today <= expires;
}
