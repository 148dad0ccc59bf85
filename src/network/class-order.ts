/**
 * The order of pod classes, and what tells them apart: classKey, the JSON of [namespace, sorted label pairs, sorted
 * distinct ports, hostNetwork]. Class ids follow that text, and which pod of a namespace a verdict names as its
 * witness follows the ids, so the order is part of the output.
 *
 * Writing the key for every pod group was 19 MB of garbage and most of the classes' time at 50,000 pods; the index
 * compares groups' traits instead (compareTraits), in the order their keys would have, and writes no key at all.
 */
import type { ContainerPort, PodGroup } from './pod-groups.js';

export function classKey(group: PodGroup): string {
  let key = `[${JSON.stringify(group.namespace)},[`;
  const labelKeys = sortSmall(Object.keys(group.podLabels));
  for (let position = 0; position < labelKeys.length; position++) {
    const label = labelKeys[position];
    key += `${position === 0 ? '' : ','}[${JSON.stringify(label)},${JSON.stringify(group.podLabels[label])}]`;
  }
  key += '],[';
  const ports = distinctPortTexts(group.ports);
  for (let position = 0; position < ports.length; position++) key += `${position === 0 ? '' : ','}${JSON.stringify(ports[position])}`;
  return `${key}],${group.hostNetwork ? 'true' : 'false'}]`;
}

/** What classKey reads of a group, read once for the comparisons of a sort. */
export interface ClassTraits {
  group: PodGroup;
  labelKeys: readonly string[];
  ports: readonly string[];
}

export function classTraits(group: PodGroup): ClassTraits {
  return { group, labelKeys: sortSmall(Object.keys(group.podLabels)), ports: distinctPortTexts(group.ports) };
}

/**
 * classKey(a.group) against classKey(b.group) for groups of one namespace, part by part. In the key a list that goes
 * on where the other ends is the smaller (`,` or `[` or `"` against `]`), and `false` comes before `true`.
 */
export function compareTraits(a: ClassTraits, b: ClassTraits): number {
  const labelsA = a.group.podLabels;
  const labelsB = b.group.podLabels;
  const shared = Math.min(a.labelKeys.length, b.labelKeys.length);
  for (let position = 0; position < shared; position++) {
    const keyA = a.labelKeys[position];
    const keyB = b.labelKeys[position];
    const order = compareJsonTexts(keyA, keyB) || compareJsonTexts(labelsA[keyA], labelsB[keyB]);
    if (order !== 0) return order;
  }
  if (a.labelKeys.length !== b.labelKeys.length) return a.labelKeys.length > b.labelKeys.length ? -1 : 1;
  const sharedPorts = Math.min(a.ports.length, b.ports.length);
  for (let position = 0; position < sharedPorts; position++) {
    const order = compareJsonTexts(a.ports[position], b.ports[position]);
    if (order !== 0) return order;
  }
  if (a.ports.length !== b.ports.length) return a.ports.length > b.ports.length ? -1 : 1;
  return a.group.hostNetwork === b.group.hostNetwork ? 0 : a.group.hostNetwork ? 1 : -1;
}

/**
 * JSON.stringify(a) against JSON.stringify(b) by code units, without writing either. Up to their first difference
 * the texts are the strings themselves, unless a character there is one JSON escapes (then the texts are compared);
 * where one string ends, its closing quote meets the other's next character. A JSON string is never a prefix of
 * another, so the first difference decides a key too.
 */
export function compareJsonTexts(a: string, b: string): number {
  if (a === b) return 0;
  const shared = Math.min(a.length, b.length);
  for (let position = 0; position < shared; position++) {
    const codeA = a.charCodeAt(position);
    const codeB = b.charCodeAt(position);
    if (isEscaped(codeA) || isEscaped(codeB)) return compareTexts(JSON.stringify(a), JSON.stringify(b));
    if (codeA !== codeB) return codeA < codeB ? -1 : 1;
  }
  const next = (a.length > b.length ? a : b).charCodeAt(shared);
  if (isEscaped(next)) return compareTexts(JSON.stringify(a), JSON.stringify(b));
  // The shorter one's closing quote (0x22) against the longer one's character.
  const shorterFirst = QUOTE < next;
  return a.length < b.length === shorterFirst ? -1 : 1;
}

const QUOTE = 0x22;

/** Characters JSON.stringify writes otherwise: control characters, quote, backslash, and surrogates (a lone one). */
function isEscaped(code: number): boolean {
  return code < 0x20 || code === QUOTE || code === 0x5c || (code >= 0xd800 && code <= 0xdfff);
}

export function compareTexts(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

const NO_PORTS: readonly string[] = [];

function distinctPortTexts(ports: readonly ContainerPort[]): readonly string[] {
  if (ports.length === 0) return NO_PORTS;
  const texts = sortSmall(ports.map(portText));
  return texts.length < 2 ? texts : texts.filter((text, position) => position === 0 || text !== texts[position - 1]);
}

export const portText = (port: ContainerPort): string => `${port.name ?? ''}/${port.port}/${port.protocol}`;

/**
 * Sorts by code units (as Array#sort does strings) in place; a few labels or ports are sorted by insertion, since
 * Array#sort copies even a three-element array into a work array first (9 MB for the classes of 50,000 pods).
 */
function sortSmall(texts: string[]): string[] {
  if (texts.length > 8) return texts.sort();
  for (let next = 1; next < texts.length; next++) {
    const text = texts[next];
    let position = next - 1;
    for (; position >= 0 && texts[position] > text; position--) texts[position + 1] = texts[position];
    texts[position + 1] = text;
  }
  return texts;
}
