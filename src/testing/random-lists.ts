/** Test support: random JSON Lists in the layouts seen in practice, and deliberately misleading ones. */

function randomValue(next: () => number, depth: number): unknown {
  const pick = next();
  if (depth > 3 || pick < 0.35) {
    const strings = ['plain', 'quote " and \\', '} ] { [', 'ünï', '\\\\', 'a\nb', '"items": [', '        }'];
    return next() < 0.7 ? strings[Math.floor(next() * strings.length)] : Math.floor(next() * 100);
  }
  const size = Math.floor(next() * 4);
  if (pick < 0.55) return Array.from({ length: size }, () => randomValue(next, depth + 1));
  return Object.fromEntries(Array.from({ length: size }, (_, k) => [`k${k}`, randomValue(next, depth + 1)]));
}

/**
 * A List in one of the layouts seen in practice, or a deliberately misleading one: random items, and `among` (if
 * given) each at a random place among them.
 */
export function randomDump(next: () => number, among: readonly unknown[] = []): string {
  const items: unknown[] = Array.from({ length: 1 + Math.floor(next() * 6) }, () => ({ kind: 'Thing', spec: randomValue(next, 1) }));
  for (const item of among) items.splice(Math.floor(next() * (items.length + 1)), 0, item);
  const list = { apiVersion: 'v1', items, kind: 'List' };
  const layout = Math.floor(next() * 6);
  if (layout === 0) return JSON.stringify(list);
  if (layout === 1) return JSON.stringify(list, null, '\t');
  if (layout === 2) return JSON.stringify(list, null, 4).replace(/\n/g, '\r\n');
  // `}, {` on one line, as some printers join items
  if (layout === 3) return JSON.stringify(list, null, 2).replace(/\n {4}\},\n {4}\{/g, '\n    }, {');
  // a nested closing bracket moved to the item's indentation: the first closing line found is not the item's end
  if (layout === 4) return JSON.stringify(list, null, 2).replace(/\n {6,}([}\]])/, '\n    $1');
  return JSON.stringify(list, null, 4);
}
