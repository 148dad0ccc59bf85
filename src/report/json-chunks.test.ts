import { describe, expect, it } from 'vitest';
import { jsonChunks } from './json-chunks.js';

describe('jsonChunks', () => {
  it('gives exactly the bytes of JSON.stringify(value, null, 2), whatever the depth and size of the streamed arrays', () => {
    const many = Array.from({ length: 1234 }, (_, index) => ({ id: index, name: `line\none ${index}`, tags: index % 3 === 0 ? [] : ['a', { b: [index] }] }));
    const document = (arrays: { many: unknown; empty: unknown; nested: unknown; scalars: unknown }) => ({
      head: { text: 'kubethreat-streamed-array-0', list: [1, 2] },
      many: arrays.many,
      empty: arrays.empty,
      deeper: { runs: [{ results: arrays.nested, after: true }] },
      scalars: arrays.scalars,
    });
    const expected = `${JSON.stringify(document({ many, empty: [], nested: many.slice(0, 2), scalars: [1, 'two', null] }), null, 2)}\n`;
    const chunks = [
      ...jsonChunks((streamed) =>
        document({
          many: streamed({ items: many, render: (item) => item }),
          empty: streamed({ items: [], render: (item) => item }),
          nested: streamed({ items: many.slice(0, 2), render: (item) => item }),
          scalars: streamed({ items: [1, 'two', null], render: (item) => item }),
        }),
      ),
    ];
    expect(chunks.join('')).toBe(expected);
    // Pieces, not one string: a large array is rendered a batch at a time.
    expect(chunks.length).toBeGreaterThan(5);
    expect(Math.max(...chunks.map((chunk) => chunk.length))).toBeLessThan(expected.length / 2);
  });

  it('puts each element on one line when asked, for the same JSON value', () => {
    const items = [{ a: [1, { b: 'x\ny' }] }, { c: null }];
    const text = [...jsonChunks((streamed) => ({ top: { items: streamed({ items, render: (item) => item, oneLine: true }) } }))].join('');
    expect(text).toBe('{\n  "top": {\n    "items": [\n      {"a":[1,{"b":"x\\ny"}]},\n      {"c":null}\n    ]\n  }\n}\n');
    expect(JSON.parse(text)).toEqual({ top: { items } });
  });

  it('renders each element through the given function and escapes every piece', () => {
    const text = [...jsonChunks((streamed) => ({ names: streamed({ items: ['a\u009bb'], render: (name) => ({ name }) }) }), (piece) => piece.replaceAll('\u009b', '\\u009b'))].join('');
    expect(text).toBe('{\n  "names": [\n    {\n      "name": "a\\u009bb"\n    }\n  ]\n}\n');
    expect(JSON.parse(text)).toEqual({ names: [{ name: 'a\u009bb' }] });
  });
});
