/**
 * Secret values never enter the model: they are dropped here, the moment an object is read.
 * The keys are kept (names are not secret and tell which credentials a Secret holds).
 */
import { isRecord } from '../model/json.js';

const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

export interface SanitizedSecret {
  raw: Record<string, unknown>;
  keys: string[];
}

export function dropSecretValues(raw: Record<string, unknown>): SanitizedSecret {
  const keys = new Set<string>();
  for (const field of ['data', 'stringData', 'binaryData']) {
    const value = raw[field];
    if (isRecord(value)) for (const key of Object.keys(value)) keys.add(key);
    delete raw[field];
  }
  // kubectl apply keeps the whole previous object, values included, in this annotation.
  const metadata = raw.metadata;
  if (isRecord(metadata) && isRecord(metadata.annotations)) delete metadata.annotations[LAST_APPLIED];
  return { raw, keys: [...keys].sort() };
}

/** Kinds whose payload is secret material. */
export function isSecretKind(apiVersion: string, kind: string): boolean {
  return kind === 'Secret' && (apiVersion === 'v1' || apiVersion === '');
}
