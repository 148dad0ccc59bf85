import { describe, expect, it } from 'vitest';
import { jsonPathOffset, positionAfter } from './json-locate.js';

const text = JSON.stringify(
  { metadata: { name: 'web', labels: { 'a"b': 'x', app: 'web' } }, spec: { containers: [{ name: 'a', image: 'x:1' }, { name: 'ü', securityContext: { privileged: true } }] } },
  null,
  2,
);
const bytes = new TextEncoder().encode(text);
const at = (path: Array<string | number>) => {
  const offset = jsonPathOffset(bytes, 0, bytes.length, path);
  return positionAfter(bytes, 0, 1, 1, offset);
};
const lineOf = (needle: string) => text.split('\n').findIndex((line) => line.includes(needle)) + 1;

describe('jsonPathOffset', () => {
  it('finds nested keys and array elements, past values that contain quotes and brackets', () => {
    expect(at(['spec', 'containers', 1, 'securityContext', 'privileged'])).toEqual({ line: lineOf('"privileged"'), column: 11 });
    expect(at(['metadata', 'labels', 'app']).line).toBe(lineOf('"app"'));
    expect(at(['metadata', 'labels', 'a"b']).line).toBe(lineOf('"a\\"b"'));
  });

  it('stops at the deepest part of the path that exists', () => {
    expect(at(['spec', 'containers', 0, 'securityContext', 'privileged']).line).toBe(lineOf('"name": "a"') - 1);
    expect(at(['nothing'])).toEqual({ line: 1, column: 1 });
  });

  it('counts columns in characters, not bytes', () => {
    const offset = jsonPathOffset(bytes, 0, bytes.length, ['spec', 'containers', 1, 'securityContext']);
    expect(positionAfter(bytes, 0, 1, 1, offset).column).toBe(9);
  });
});
