import { describe, expect, it } from 'vitest';
import { NotAListError, streamListBatches, streamListItems, type StreamedItem } from './json-list-stream.js';
import { randomDump } from '../testing/random-lists.js';

async function collect(text: string, chunkSize: number): Promise<{ items: StreamedItem[]; shell: unknown }> {
  const bytes = new TextEncoder().encode(text);
  async function* chunks(): AsyncGenerator<Uint8Array> {
    for (let i = 0; i < bytes.length; i += chunkSize) yield bytes.subarray(i, i + chunkSize);
  }
  const items: StreamedItem[] = [];
  const iterator = streamListItems(chunks());
  for (;;) {
    const next = await iterator.next();
    if (next.done) return { items, shell: next.value.value };
    items.push(next.value);
  }
}

const dump = JSON.stringify(
  {
    apiVersion: 'v1',
    kind: 'List',
    items: [
      { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'a', annotations: { tricky: 'quotes " and } braces ] and \\ "items": [' } } },
      { apiVersion: 'v1', kind: 'Service', metadata: { name: 'b' }, spec: { ports: [{ port: 80 }] } },
      { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'ünïcödé' } },
    ],
    metadata: { resourceVersion: '' },
  },
  null,
  4,
);

describe('streamListItems', () => {
  it.each([1, 7, 64, 1 << 20])('yields the same items as JSON.parse, with chunks of %i bytes', async (size) => {
    const { items, shell } = await collect(dump, size);
    expect(items.map((item) => item.value)).toEqual(JSON.parse(dump).items);
    expect(shell).toEqual({ apiVersion: 'v1', kind: 'List', items: [], metadata: { resourceVersion: '' } });
  });

  it('gives the line and column where each item starts', async () => {
    const { items } = await collect(dump, 13);
    const lines = dump.split('\n');
    for (const item of items) {
      expect(lines[item.line - 1].slice(item.column - 1).startsWith('{')).toBe(true);
    }
    expect(items.map((item) => item.index)).toEqual([0, 1, 2]);
  });

  it('handles an empty List and compact JSON', async () => {
    expect((await collect('{"kind":"List","apiVersion":"v1","items":[]}', 5)).items).toEqual([]);
    const compact = await collect('{"items":[{"kind":"A"},{"kind":"B"}],"kind":"PodList"}', 3);
    expect(compact.items.map((item) => item.value)).toEqual([{ kind: 'A' }, { kind: 'B' }]);
  });

  it('refuses a single object and truncated input', async () => {
    await expect(collect('{"kind":"Pod","metadata":{"name":"x"}}', 4)).rejects.toBeInstanceOf(NotAListError);
    await expect(collect(dump.slice(0, dump.length - 40), 16)).rejects.toBeInstanceOf(SyntaxError);
  });
});

/** Item spans the slow, obvious way: every byte of the text, tracking strings, escapes and depth. */
function referenceSpans(bytes: Uint8Array): Array<{ start: number; end: number; line: number; column: number }> {
  const spans: Array<{ start: number; end: number; line: number; column: number }> = [];
  let depth = 0;
  let inString = false;
  let line = 1;
  let lineStart = 0;
  let itemStart = -1;
  let startLine = 0;
  let startColumn = 0;
  let lastKey = '';
  let keyStart = -1;
  let inItems = false;
  let afterItemsKey = false;
  const open = (at: number): void => {
    if (inItems && depth === 2 && itemStart === -1) [itemStart, startLine, startColumn] = [at, line, at - lineStart + 1];
  };
  for (let i = 0; i < bytes.length; i++) {
    const c = String.fromCharCode(bytes[i]);
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') {
        inString = false;
        if (keyStart !== -1) lastKey = new TextDecoder().decode(bytes.subarray(keyStart, i));
        keyStart = -1;
      }
      continue;
    }
    if (c === '\n') [line, lineStart] = [line + 1, i + 1];
    if (/\s/.test(c)) continue;
    const closeScalar = (end: number): void => {
      if (itemStart !== -1) spans.push({ start: itemStart, end, line: startLine, column: startColumn });
      itemStart = -1;
    };
    if (c === '"') {
      open(i);
      inString = true;
      if (depth === 1 && !inItems) keyStart = i + 1;
    } else if (c === '{' || c === '[') {
      open(i);
      depth++;
      if (c === '[' && depth === 2 && afterItemsKey) inItems = true;
      afterItemsKey = false;
    } else if (c === '}' || c === ']') {
      depth--;
      if (inItems && depth === 2) closeScalar(i + 1);
      else if (inItems && depth === 1) {
        closeScalar(i);
        inItems = false;
      }
    } else if (c === ',' && inItems && depth === 2) closeScalar(i);
    else if (c === ':' && depth === 1 && !inItems) afterItemsKey = lastKey === 'items';
    else open(i);
  }
  return spans;
}

/** A small deterministic generator, so a failure names the seed that shows it. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return state / 2 ** 32;
  };
}

describe('streamListItems against a byte-by-byte reading', () => {
  it('finds the same items, spans, lines and columns for random lists, layouts and chunk sizes', async () => {
    for (let seed = 1; seed <= 300; seed++) {
      const next = random(seed);
      const dump = randomDump(next);
      const bytes = new TextEncoder().encode(dump);
      const chunkSize = [1, 3, 17, 100, 1 << 20][Math.floor(next() * 5)];
      const context = `seed ${seed}, chunks of ${chunkSize}`;
      const { items } = await collect(dump, chunkSize).catch((error: unknown) => {
        throw new Error(`${context}: ${String(error)}\n${dump}`);
      });
      const expected = referenceSpans(bytes);
      expect(items.map((item) => item.value), context).toEqual(JSON.parse(dump).items);
      expect(
        items.map(({ start, end, line, column }) => ({ start, end, line, column })),
        context,
      ).toEqual(expected);
    }
  });

  it('yields the same items in batches', async () => {
    const bytes = new TextEncoder().encode(dump);
    async function* chunks(): AsyncGenerator<Uint8Array> {
      for (let i = 0; i < bytes.length; i += 50) yield bytes.subarray(i, i + 50);
    }
    const batches: StreamedItem[][] = [];
    for await (const batch of streamListBatches(chunks(), 2)) batches.push(batch);
    expect(batches.map((batch) => batch.length).every((length) => length <= 2)).toBe(true);
    expect(batches.flat()).toEqual((await collect(dump, 50)).items);
  });

  it('reports a malformed item of a pretty-printed dump', async () => {
    const broken = dump.replace('"name": "b"', '"name": b');
    for (const size of [7, 1 << 20]) await expect(collect(broken, size)).rejects.toBeInstanceOf(SyntaxError);
  });
});
