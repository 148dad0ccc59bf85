/** Values of the JSON report that its writers share (./json.ts, ./json-finding-texts.ts). */
import type { Acceptance } from '../config/types.js';

/** An accepted risk as the team wrote it, with where: the selector fields it was given, reason, expiry, owner. */
export function jsonAcceptance(acceptance: Acceptance): Record<string, unknown> {
  const out: Record<string, unknown> = { rule: acceptance.rule };
  for (const key of ['fingerprint', 'object', 'container', 'namespace'] as const) if (acceptance[key] !== undefined) out[key] = acceptance[key];
  out.reason = acceptance.reason;
  out.expires = acceptance.expires;
  if (acceptance.owner !== undefined) out.owner = acceptance.owner;
  out.source = acceptance.source;
  return out;
}

/**
 * JSON.stringify escapes C0 controls but not DEL, the C1 controls (U+009B is a CSI) or the bidirectional overrides:
 * escaped too, so a report printed to a terminal cannot be driven by a hostile name. Still the same JSON value.
 */
export function escapeControls(text: string): string {
  return text.replace(/[\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
