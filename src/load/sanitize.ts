/**
 * Secret values never enter the model: they are dropped here, the moment an object is read.
 * The keys are kept (names are not secret and tell which credentials a Secret holds).
 */
import { isMap, type Node as YamlNode } from 'yaml';
import { isRecord } from '../model/json.js';

/** The annotation in which `kubectl apply` keeps a copy of the whole object it applied (a Secret's values included). */
export const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

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

/**
 * Kinds whose payload is secret material. Any apiVersion: a Secret with a mistyped apiVersion is still someone's
 * password, and dropping a value we did not need costs nothing.
 */
export function isSecretKind(_apiVersion: string, kind: string): boolean {
  return kind === 'Secret';
}

/** Fields whose values are secret material in a Secret, as paths from the object root. */
export const SECRET_VALUE_PATHS: ReadonlyArray<readonly string[]> = [['data'], ['stringData'], ['binaryData'], ['metadata', 'annotations', LAST_APPLIED]];

/**
 * Overwrites the given ranges of a text with spaces (line breaks kept), so that the text the locator keeps for
 * positions holds no secret value while every other offset, line and column stays where it was.
 */
export function blankRanges(text: string, ranges: ReadonlyArray<readonly [number, number]>): string {
  if (ranges.length === 0) return text;
  const sorted = [...ranges].sort((a, b) => a[0] - b[0]);
  let out = '';
  let at = 0;
  for (const [start, end] of sorted) {
    if (start < at) continue;
    out += text.slice(at, start) + text.slice(start, end).replace(/[^\r\n]/g, ' ');
    at = end;
  }
  return out + text.slice(at);
}

/** The same for bytes, in place; the first and last byte (quotes or brackets) stay so the JSON stays valid. */
export function blankJsonValue(bytes: Uint8Array, start: number, end: number): void {
  for (let i = start + 1; i < end - 1; i++) if (bytes[i] !== 0x0a && bytes[i] !== 0x0d) bytes[i] = 0x20;
}

/** Whether a parsed value is a Secret (the values in its text are then blanked). */
export function isSecretValue(value: unknown): boolean {
  return isRecord(value) && isSecretKind(String(value.apiVersion ?? ''), String(value.kind ?? ''));
}

/** Where a Secret's values are in YAML text: the value nodes of data, stringData, binaryData and last-applied. */
export function secretValueRanges(objectNode: YamlNode | null): Array<readonly [number, number]> {
  const ranges: Array<readonly [number, number]> = [];
  for (const path of SECRET_VALUE_PATHS) {
    let node: unknown = objectNode;
    for (const key of path) node = isMap(node) ? node.get(key, true) : undefined;
    const range = (node as YamlNode | undefined)?.range;
    if (range) ranges.push([range[0], range[1]]);
  }
  return ranges;
}
