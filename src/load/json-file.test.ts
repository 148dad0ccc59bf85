import { describe, expect, it } from 'vitest';
import { loadJsonList } from './json-file.js';

const list = (items: unknown[]): Buffer => Buffer.from(JSON.stringify({ apiVersion: 'v1', kind: 'List', items }, null, 4));
const configMap = (name: string) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: 'shop' } });

describe('loadJsonList', () => {
  it('gives every item its file, cluster, position and byte span; a cluster set later on one item is its own', async () => {
    const bytes = list([configMap('a'), configMap('b')]);
    const loaded = await loadJsonList(bytes, 'dump.json', 'east');
    if (!loaded.handled) throw new Error('not handled');
    const [a, b] = loaded.objects;
    expect([a.source.file, a.source.cluster, a.source.line, a.source.column, a.source.pathInDocument]).toEqual(['dump.json', 'east', 5, 9, ['items', 0]]);
    expect([b.source.file, b.source.cluster, b.source.pathInDocument]).toEqual(['dump.json', 'east', ['items', 1]]);
    const [start, end] = b.source.byteSpan!;
    expect(JSON.parse(bytes.toString('utf8', start, end))).toEqual(configMap('b'));
    a.source.cluster = 'west';
    expect([a.source.cluster, b.source.cluster]).toEqual(['west', 'east']);
    const other = await loadJsonList(list([configMap('c')]), 'other.json', undefined);
    if (!other.handled) throw new Error('not handled');
    expect([other.objects[0].source.file, other.objects[0].source.cluster]).toEqual(['other.json', undefined]);
  });
});
