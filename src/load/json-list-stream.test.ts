import { describe, expect, it } from 'vitest';
import { NotAListError, streamListItems, type StreamedItem } from './json-list-stream.js';

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
