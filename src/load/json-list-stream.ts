/**
 * Reads a `kubectl get -o json` List dump as a stream, item by item, so that dumps larger than V8's largest string
 * (about 512 MB) load with memory proportional to the objects kept, not to the file.
 *
 * A byte-level scanner finds where each element of the top-level `items` array starts and ends (tracking strings,
 * escapes and nesting), and each element is handed to JSON.parse on its own. Streaming JSON libraries build every
 * value token by token in JavaScript and are an order of magnitude slower than the native JSON.parse used here.
 */
export interface StreamedItem {
  value: unknown;
  index: number;
  /** 1-based line and column where the item starts. */
  line: number;
  column: number;
  /** Byte offsets of the item's text in the input: [start, end). */
  start: number;
  end: number;
}

export interface ListShell {
  /** The top-level object without its items (apiVersion, kind, metadata). */
  value: unknown;
  itemCount: number;
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const COMMA = 0x2c;
const NEWLINE = 0x0a;

export class NotAListError extends Error {}

/**
 * Yields every item of the top-level `items` array. Returns the shell (the top-level object without items) when done.
 * Throws NotAListError when the top-level value has no `items` array, and SyntaxError on malformed JSON.
 */
export async function* streamListItems(chunks: AsyncIterable<Uint8Array>): AsyncGenerator<StreamedItem, ListShell> {
  let depth = 0;
  let inString = false;
  let escaped = false;
  let line = 1;
  let lineStart = 0; // absolute offset of the current line's first byte
  let offset = 0; // absolute offset of the current chunk's first byte
  // Where we are relative to the items array.
  let inItems = false;
  let itemsDone = false;
  let expectingItemsArray = false;
  let itemParts = null as Uint8Array[] | null; // asserted: closures assign it, so no narrowing to null
  let itemStartInChunk = 0;
  let itemLine = 0;
  let itemColumn = 0;
  let itemStart = 0;
  let index = 0;
  // The top-level key currently being read at depth 1, to recognise "items".
  let keyBytes: number[] | null = null;
  let lastKey = '';
  const shellParts: Uint8Array[] = [];
  let shellStartInChunk = 0;
  const decoder = new TextDecoder();

  for await (const chunk of chunks) {
    shellStartInChunk = 0;
    for (let i = 0; i < chunk.length; i++) {
      const byte = chunk[i];
      if (byte === NEWLINE) {
        line++;
        lineStart = offset + i + 1;
      }
      if (inString) {
        if (escaped) escaped = false;
        else if (byte === BACKSLASH) escaped = true;
        else if (byte === QUOTE) {
          inString = false;
          if (keyBytes) {
            lastKey = String.fromCharCode(...keyBytes);
            keyBytes = null;
          }
        } else if (keyBytes && keyBytes.length < 16) keyBytes.push(byte);
        continue;
      }
      if (byte === QUOTE) {
        inString = true;
        if (depth === 1 && !inItems) keyBytes = [];
        if (inItems && depth === 2 && itemParts === null) startItem(i);
        continue;
      }
      if (byte === OPEN_BRACE || byte === OPEN_BRACKET) {
        if (inItems && depth === 2 && itemParts === null) startItem(i);
        depth++;
        if (byte === OPEN_BRACKET && depth === 2 && expectingItemsArray) {
          inItems = true;
          expectingItemsArray = false;
          // The shell keeps "items": [] — the items themselves are yielded.
          shellParts.push(chunk.subarray(shellStartInChunk, i + 1));
        }
        continue;
      }
      if (byte === CLOSE_BRACE || byte === CLOSE_BRACKET) {
        depth--;
        if (inItems && depth === 2 && itemParts !== null) {
          yield finishItem(chunk, i + 1);
        } else if (inItems && depth === 1) {
          if (itemParts !== null) yield finishItem(chunk, i); // a scalar last item
          inItems = false;
          itemsDone = true;
          shellStartInChunk = i;
        }
        continue;
      }
      if (byte === COMMA && inItems && depth === 2) {
        if (itemParts !== null) yield finishItem(chunk, i); // a scalar item: handed over for a clear error downstream
        continue;
      }
      if (depth === 1 && !inItems && byte === 0x3a /* : */) {
        expectingItemsArray = lastKey === 'items' && !itemsDone;
        continue;
      }
      if (inItems && depth === 2 && itemParts === null && byte > 0x20) startItem(i);
    }
    if (itemParts !== null) {
      itemParts.push(chunk.subarray(itemStartInChunk));
      itemStartInChunk = 0;
    }
    if (!inItems) shellParts.push(chunk.subarray(shellStartInChunk));
    offset += chunk.length;
  }
  if (depth !== 0 || inString) throw new SyntaxError(`unexpected end of JSON input at line ${line}`);
  if (!itemsDone) throw new NotAListError('the top-level value has no items array');
  // The shell is the file without the items' text: `{"apiVersion": "v1", "items": [], "kind": "List", …}`.
  return { value: JSON.parse(decoder.decode(concat(shellParts))), itemCount: index };

  function startItem(i: number): void {
    itemParts = [];
    itemStartInChunk = i;
    itemLine = line;
    itemColumn = offset + i - lineStart + 1;
    itemStart = offset + i;
  }

  function finishItem(chunk: Uint8Array, end: number): StreamedItem {
    const parts = itemParts!;
    parts.push(chunk.subarray(itemStartInChunk, end));
    itemParts = null;
    const text = decoder.decode(parts.length === 1 ? parts[0] : concat(parts)).trim();
    const item: StreamedItem = { value: JSON.parse(text), index: index++, line: itemLine, column: itemColumn, start: itemStart, end: offset + end };
    return item;
  }
}

function concat(parts: Uint8Array[]): Uint8Array {
  let length = 0;
  for (const part of parts) length += part.length;
  const out = new Uint8Array(length);
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}
