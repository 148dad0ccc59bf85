/** Policy versions as Pod Security Admission spells them: `latest` or `v1.N`. */
import type { PssVersion } from './types.js';
import { kubernetesMinorOf } from '../../model/kubernetes-version.js';

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

/**
 * The policy version Pod Security Admission applies on a cluster of the given Kubernetes version. PSA runs the
 * checks its API server was built with: `latest` is that release's policy, and so is any pinned version newer than
 * the release (PSA treats a version it does not know yet as its latest). Without a cluster version, the version
 * stays as written, and `latest` is the newest policy this evaluator knows.
 */
export function pssVersionOnCluster(version: PssVersion, kubernetesVersion: string | undefined): PssVersion {
  const clusterMinor = kubernetesMinorOf(kubernetesVersion);
  if (clusterMinor === undefined || clusterMinor >= LATEST_POLICY_MINOR) return version;
  return policyMinor(version) > clusterMinor ? `v1.${clusterMinor}` : version;
}

/** A version as a finding names it: as written, and what it means on this cluster when that differs (latest → v1.30). */
export function pssVersionText(written: PssVersion, applied: PssVersion): string {
  return written === applied ? written : `${written}, which is ${applied} on this cluster`;
}
