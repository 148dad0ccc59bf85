/**
 * Duplicate keys in a YAML mapping, found in one linear pass. The YAML library's own `uniqueKeys` check compares
 * every pair of keys, which turns a 40,000-key mapping into minutes of CPU; this one uses a set per mapping.
 */
import { isAlias, isMap, isPair, isScalar, isSeq, type Node as YamlNode } from 'yaml';

/** The key node of the first repeated key (in text order), or undefined when every mapping has unique keys. */
export function firstDuplicateKey(root: YamlNode | null): YamlNode | undefined {
  let first: YamlNode | undefined;
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const node = stack.pop();
    if (isAlias(node)) continue; // an alias repeats a node already checked where it was anchored
    if (isSeq(node)) {
      for (const item of node.items) stack.push(item);
    } else if (isMap(node)) {
      const seen = new Set<string>();
      for (const pair of node.items) {
        if (!isPair(pair)) continue;
        if (isScalar(pair.key)) {
          const key = String(pair.key.value);
          if (seen.has(key) && startsBefore(pair.key, first)) first = pair.key;
          seen.add(key);
        } else {
          stack.push(pair.key);
        }
        stack.push(pair.value);
      }
    }
  }
  return first;
}

function startsBefore(node: YamlNode, other: YamlNode | undefined): boolean {
  return other === undefined || (node.range?.[0] ?? Infinity) < (other.range?.[0] ?? Infinity);
}
