/** Line and column of a field of a parsed YAML document, for messages that point at what is wrong. */
import { isMap, isScalar, isSeq, type Document, type LineCounter, type Node as YamlNode } from 'yaml';

export type ConfigPath = ReadonlyArray<string | number>;

export interface Position {
  line: number;
  column: number;
}

/**
 * The position of the value at `path`, or of the key when `at` is 'key'. A path that does not exist (a missing
 * field) resolves to the deepest ancestor that does, so a "missing reason" points at the entry that lacks it.
 */
export function positionOf(document: Document, lineCounter: LineCounter, path: ConfigPath, at: 'value' | 'key' = 'value'): Position {
  let node = document.contents as YamlNode | null;
  let offset = node?.range?.[0] ?? 0;
  for (const segment of path) {
    const next = childOf(node, segment);
    if (!next) break;
    node = next.value;
    offset = at === 'key' && segment === path[path.length - 1] && next.keyOffset !== undefined ? next.keyOffset : (next.value?.range?.[0] ?? next.keyOffset ?? offset);
  }
  const position = lineCounter.linePos(offset);
  return { line: position.line, column: position.col };
}

function childOf(node: YamlNode | null, segment: string | number): { value: YamlNode | null; keyOffset?: number } | undefined {
  if (isMap(node)) {
    for (const pair of node.items) {
      const key = isScalar(pair.key) ? pair.key.value : pair.key;
      if (String(key) === String(segment)) {
        return { value: (pair.value as YamlNode | null) ?? null, keyOffset: isScalar(pair.key) ? pair.key.range?.[0] : undefined };
      }
    }
    return undefined;
  }
  if (isSeq(node) && typeof segment === 'number') {
    const item = node.items[segment] as YamlNode | undefined;
    return item ? { value: item } : undefined;
  }
  return undefined;
}

/** accept[2].expires, rules.privileged-container.severity */
export function fieldName(path: ConfigPath): string {
  let out = '';
  for (const segment of path) out += typeof segment === 'number' ? `[${segment}]` : out === '' ? segment : `.${segment}`;
  return out;
}
