/**
 * Fingerprints identify a finding across runs: they survive reformatting, reordering of containers and moving a
 * manifest to another file, because they hash what the finding is about, never where it was read.
 */
import { createHash, hash } from 'node:crypto';
import type { FieldPath, ObjectRef } from '../model/object.js';
import { formatPath } from '../model/object.js';

export function fingerprint(ruleId: string, object: ObjectRef, path: FieldPath, containerName: string | undefined, discriminator = ''): string {
  return `${ruleId}@${fingerprintHash(ruleId, object, path, containerName, discriminator)}`;
}

/** The fingerprint after `ruleId@`: what the engine keeps of it (src/engine/rule-finding.ts). */
export function fingerprintHash(ruleId: string, object: ObjectRef, path: FieldPath, containerName: string | undefined, discriminator = ''): string {
  // Without a container, no index is replaced: the path as written is the stable one.
  return stableFingerprintHash(ruleId, object, containerName === undefined ? formatPath(path) : stablePath(path, containerName), containerName, discriminator);
}

/** fingerprintHash of a path already in its stable form (see stablePath; the engine remembers those per path). */
export function stableFingerprintHash(ruleId: string, object: ObjectRef, stable: string, containerName: string | undefined, discriminator: string): string {
  const identity = `${ruleId}\u0000${object.kind}\u0000${object.namespace ?? ''}\u0000${object.name}\u0000${containerName ?? ''}\u0000${stable}\u0000${discriminator}`;
  // The same object in two clusters is two findings; without cluster names, fingerprints stay as they always were.
  const scoped = object.cluster !== undefined ? `${object.cluster}\u0000${identity}` : identity;
  return sha256Prefix(scoped);
}

/** The path as a finding on a container's field hashes it: reordering containers keeps fingerprints. */
export function stablePath(path: FieldPath, containerName: string): string {
  return formatPath(stablePathSegments(path, containerName));
}

/** Replaces list indices of containers with their names, so that reordering containers keeps fingerprints. */
function stablePathSegments(path: FieldPath, containerName: string): FieldPath {
  return path.map((segment, index) => (isContainerIndex(path, index) ? `name=${containerName}` : segment));
}

/** Whether the segment at `index` is a list index of containers (init, ephemeral or not). */
export function isContainerIndex(path: FieldPath, index: number): boolean {
  const previous = path[index - 1];
  return typeof path[index] === 'number' && (previous === 'containers' || previous === 'initContainers' || previous === 'ephemeralContainers');
}

/**
 * The first 16 hex digits of the SHA-256. crypto.hash (Node.js 20.12+) hashes without createHash's Hash object, and
 * its hex output without a Buffer: a large estate hashes 800,000 fingerprints, and a Buffer each (with its
 * ArrayBuffer) made hashing 4 times slower (3.5 µs a fingerprint, 2.8 s at 150,000 pods).
 */
const sha256Prefix: (text: string) => string =
  typeof hash === 'function' ? (text) => hash('sha256', text).slice(0, 16) : (text) => createHash('sha256').update(text).digest('hex').slice(0, 16);

/**
 * A fingerprint's 16 hex digits as two 32-bit integers, as findings keep them (src/engine/rule-finding.ts): 16 bytes
 * in the finding rather than a string of its own, and no slice of the 64-digit hex kept alive with it.
 */
export function hashWords(hex: string): [high: number, low: number] {
  return [parseInt(hex.slice(0, 8), 16) | 0, parseInt(hex.slice(8, 16), 16) | 0];
}

/** The 16 hex digits of hashWords, back. */
export function hashHex(high: number, low: number): string {
  const d = HEX_BYTES;
  return d[high >>> 24] + d[(high >>> 16) & 255] + d[(high >>> 8) & 255] + d[high & 255] + d[low >>> 24] + d[(low >>> 16) & 255] + d[(low >>> 8) & 255] + d[low & 255];
}

/**
 * Every byte's two hex digits: a JSON report of 800,000 findings writes as many fingerprints, four times as fast as
 * with toString(16) and padStart. A table of 65,536 four-digit strings was as fast alone, and slower in a report: at
 * 1.3 MB, its look-ups missed the cache.
 */
const HEX_BYTES: readonly string[] = Array.from({ length: 256 }, (_, value) => value.toString(16).padStart(2, '0'));
