/** Policy versions as Pod Security Admission spells them: `latest` or `v1.N`. */
import type { PssVersion } from './types.js';

/** The newest policy version whose checks this evaluator mirrors; `latest` means this one. */
export const LATEST_POLICY_MINOR = 37;

const VERSION_PATTERN = /^v1\.(0|[1-9][0-9]*)$/;

/** Validates a version label value exactly as PSA does (`api.ParseVersion`); undefined when PSA would reject it. */
export function parsePssVersion(text: string): PssVersion | undefined {
  if (text === 'latest') return 'latest';
  const match = VERSION_PATTERN.exec(text);
  if (!match || !Number.isSafeInteger(Number(match[1]))) return undefined;
  return text as PssVersion;
}

/**
 * The minor number checks compare against. Versions newer than the newest known one behave as `latest`,
 * which is what PSA does with a pinned version it has not heard of yet.
 */
export function policyMinor(version: PssVersion = 'latest'): number {
  const parsed = parsePssVersion(version);
  if (parsed === undefined) throw new RangeError(`not a Pod Security policy version: ${JSON.stringify(version)}`);
  if (parsed === 'latest') return LATEST_POLICY_MINOR;
  return Math.min(Number(parsed.slice('v1.'.length)), LATEST_POLICY_MINOR);
}

export function minorOfMinVersion(minVersion: `v1.${number}`): number {
  return Number(minVersion.slice('v1.'.length));
}
