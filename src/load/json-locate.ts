/**
 * Field path → byte offset inside one JSON value, by walking its bytes. JSON.parse gives no positions and a YAML
 * parser is far too slow for dumps with thousands of findings; this walks only the keys on the path and skips
 * every other value in one pass over its bytes.
 */
import type { FieldPath } from '../model/object.js';

const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/** The offset of the deepest key or element on `path` that exists within bytes[start, end), or `start`. */
export function jsonPathOffset(bytes: Uint8Array, start: number, end: number, path: FieldPath): number {
  let position = skipWhitespace(bytes, start, end);
  let found = position;
  for (const segment of path) {
    const opener = bytes[position];
    if (opener === 0x7b && typeof segment === 'string') {
      const member = findMember(bytes, position, end, segment);
      if (!member) break;
      found = member.keyOffset;
      position = member.valueOffset;
    } else if (opener === 0x5b && typeof segment === 'number') {
      const element = findElement(bytes, position, end, segment);
      if (element === undefined) break;
      found = element;
      position = element;
    } else {
      break;
    }
  }
  return found;
}

const encoder = new TextEncoder();

function findMember(bytes: Uint8Array, open: number, end: number, key: string): { keyOffset: number; valueOffset: number } | undefined {
  const wanted = encoder.encode(JSON.stringify(key));
  let position = skipWhitespace(bytes, open + 1, end);
  while (position < end && bytes[position] !== 0x7d) {
    const keyOffset = position;
    const keyEnd = skipString(bytes, position, end);
    const matches = sameBytes(bytes, keyOffset, keyEnd, wanted) || (hasEscape(bytes, keyOffset, keyEnd) && JSON.parse(Buffer.from(bytes.subarray(keyOffset, keyEnd)).toString('utf8')) === key);
    position = skipWhitespace(bytes, keyEnd, end);
    position = skipWhitespace(bytes, position + 1, end); // the colon
    if (matches) return { keyOffset, valueOffset: position };
    position = skipWhitespace(bytes, skipValue(bytes, position, end), end);
    if (bytes[position] === 0x2c) position = skipWhitespace(bytes, position + 1, end);
  }
  return undefined;
}

function findElement(bytes: Uint8Array, open: number, end: number, index: number): number | undefined {
  let position = skipWhitespace(bytes, open + 1, end);
  for (let current = 0; position < end && bytes[position] !== 0x5d; current++) {
    if (current === index) return position;
    position = skipWhitespace(bytes, skipValue(bytes, position, end), end);
    if (bytes[position] === 0x2c) position = skipWhitespace(bytes, position + 1, end);
  }
  return undefined;
}

function skipValue(bytes: Uint8Array, position: number, end: number): number {
  const first = bytes[position];
  if (first === QUOTE) return skipString(bytes, position, end);
  if (first === 0x7b || first === 0x5b) {
    let depth = 0;
    for (let i = position; i < end; i++) {
      const byte = bytes[i];
      if (byte === QUOTE) i = skipString(bytes, i, end) - 1;
      else if (byte === 0x7b || byte === 0x5b) depth++;
      else if (byte === 0x7d || byte === 0x5d) {
        depth--;
        if (depth === 0) return i + 1;
      }
    }
    return end;
  }
  let i = position;
  while (i < end && bytes[i] !== 0x2c && bytes[i] !== 0x7d && bytes[i] !== 0x5d && bytes[i] > 0x20) i++;
  return i;
}

/** From an opening quote to just past its closing quote. */
function skipString(bytes: Uint8Array, position: number, end: number): number {
  for (let i = position + 1; i < end; i++) {
    if (bytes[i] === BACKSLASH) i++;
    else if (bytes[i] === QUOTE) return i + 1;
  }
  return end;
}

function skipWhitespace(bytes: Uint8Array, position: number, end: number): number {
  let i = position;
  while (i < end && (bytes[i] === 0x20 || bytes[i] === 0x0a || bytes[i] === 0x0d || bytes[i] === 0x09)) i++;
  return i;
}

/** 1-based line and column of `offset`, counting from a known line and column at `from`. */
export function positionAfter(bytes: Uint8Array, from: number, line: number, column: number, offset: number): { line: number; column: number } {
  let currentLine = line;
  let lineStart = from - (column - 1);
  for (let i = from; i < offset; i++) {
    if (bytes[i] === 0x0a) {
      currentLine++;
      lineStart = i + 1;
    }
  }
  // Columns count characters, not bytes: decode the line's prefix.
  const prefix = Buffer.from(bytes.subarray(lineStart, offset)).toString('utf8');
  return { line: currentLine, column: prefix.length + 1 };
}

function sameBytes(bytes: Uint8Array, start: number, end: number, wanted: Uint8Array): boolean {
  if (end - start !== wanted.length) return false;
  for (let i = 0; i < wanted.length; i++) if (bytes[start + i] !== wanted[i]) return false;
  return true;
}

function hasEscape(bytes: Uint8Array, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (bytes[i] === BACKSLASH) return true;
  return false;
}

/** The byte range of the value at `path` (a key's value or an element), or undefined when the path is absent. */
export function jsonValueRange(bytes: Uint8Array, start: number, end: number, path: FieldPath): readonly [number, number] | undefined {
  let position = skipWhitespace(bytes, start, end);
  for (const segment of path) {
    const opener = bytes[position];
    if (opener === 0x7b && typeof segment === 'string') {
      const member = findMember(bytes, position, end, segment);
      if (!member) return undefined;
      position = member.valueOffset;
    } else if (opener === 0x5b && typeof segment === 'number') {
      const element = findElement(bytes, position, end, segment);
      if (element === undefined) return undefined;
      position = element;
    } else {
      return undefined;
    }
  }
  return [position, skipValue(bytes, position, end)];
}
