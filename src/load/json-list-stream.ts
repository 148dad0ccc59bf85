/**
 * Reads a `kubectl get -o json` List dump as a stream, item by item, so that dumps larger than V8's largest string
 * (about 512 MB) load with memory proportional to the objects kept, not to the file.
 *
 * A byte-level scanner finds where each element of the top-level `items` array starts and ends (tracking strings,
 * escapes and nesting), and each element is handed to JSON.parse on its own. Streaming JSON libraries build every
 * value token by token in JavaScript and are an order of magnitude slower than the native JSON.parse used here.
 * Strings are skipped with Buffer.indexOf and lines are counted with it too, so the JavaScript loop only sees the
 * bytes between strings.
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
const COLON = 0x3a;
const NEWLINE = 0x0a;

export class NotAListError extends Error {}

/**
 * Yields every item of the top-level `items` array. Returns the shell (the top-level object without items) when done.
 * Throws NotAListError when the top-level value has no `items` array, and SyntaxError on malformed JSON.
 */
export async function* streamListItems(chunks: AsyncIterable<Uint8Array>): AsyncGenerator<StreamedItem, ListShell> {
  let depth = 0;
  let inString = false;
  /** Backslashes at the end of the previous chunk, inside a string. */
  let carriedBackslashes = 0;
  let line = 1;
  let lineStart = 0; // absolute offset of the current line's first byte
  let countedUpTo = 0; // absolute offset up to which newlines are counted
  let offset = 0; // absolute offset of the current chunk's first byte
  let inItems = false;
  let itemsDone = false;
  let expectingItemsArray = false;
  let itemParts = null as Buffer[] | null; // asserted: closures assign it, so no narrowing to null
  let itemStartInChunk = 0;
  let itemLine = 0;
  let itemColumn = 0;
  let itemStart = 0;
  let index = 0;
  // The last string read at depth 1 outside the items, to recognise the key "items".
  let keyStartInChunk = -1;
  let keyParts: Buffer[] = [];
  let lastKey = '';
  const shellParts: Buffer[] = [];
  let shellStartInChunk = 0;

  for await (const input of chunks) {
    const chunk = Buffer.isBuffer(input) ? input : Buffer.from(input.buffer, input.byteOffset, input.byteLength);
    const length = chunk.length;
    shellStartInChunk = 0;
    let i = 0;
    while (i < length) {
      if (inString) {
        const close = closingQuote(chunk, i, carriedBackslashes);
        carriedBackslashes = 0;
        if (close === -1) {
          carriedBackslashes = trailingBackslashes(chunk, i);
          i = length;
          break;
        }
        inString = false;
        if (keyStartInChunk !== -1) {
          keyParts.push(chunk.subarray(keyStartInChunk, close));
          lastKey = keyParts.length === 1 ? keyParts[0].toString('utf8') : Buffer.concat(keyParts).toString('utf8');
          keyParts = [];
          keyStartInChunk = -1;
        }
        i = close + 1;
        continue;
      }
      const byte = chunk[i];
      if (byte <= 0x20) {
        i++; // whitespace: most of a pretty-printed dump outside its strings
        continue;
      }
      if (depth > 2 && byte !== QUOTE && byte !== OPEN_BRACE && byte !== CLOSE_BRACE && byte !== OPEN_BRACKET && byte !== CLOSE_BRACKET) {
        i++; // inside an item only strings and nesting matter
        continue;
      }
      if (byte === QUOTE) {
        if (inItems && depth === 2 && itemParts === null) startItem(chunk, i);
        inString = true;
        if (depth === 1 && !inItems) keyStartInChunk = i + 1;
        i++;
        continue;
      }
      if (byte === OPEN_BRACE || byte === OPEN_BRACKET) {
        if (inItems && depth === 2 && itemParts === null) startItem(chunk, i);
        depth++;
        if (byte === OPEN_BRACKET && depth === 2 && expectingItemsArray) {
          inItems = true;
          expectingItemsArray = false;
          shellParts.push(chunk.subarray(shellStartInChunk, i + 1)); // the shell keeps "items": [ … ]
        }
      } else if (byte === CLOSE_BRACE || byte === CLOSE_BRACKET) {
        depth--;
        if (inItems && depth === 2 && itemParts !== null) {
          yield finishItem(chunk, i + 1);
        } else if (inItems && depth === 1) {
          if (itemParts !== null) yield finishItem(chunk, i); // a scalar last item
          inItems = false;
          itemsDone = true;
          shellStartInChunk = i;
        }
      } else if (byte === COMMA && inItems && depth === 2) {
        if (itemParts !== null) yield finishItem(chunk, i); // a scalar item: handed over for a clear error downstream
      } else if (byte === COLON && depth === 1 && !inItems) {
        expectingItemsArray = lastKey === 'items' && !itemsDone;
      } else if (inItems && depth === 2 && itemParts === null) {
        startItem(chunk, i);
      }
      i++;
    }
    if (itemParts !== null) {
      itemParts.push(chunk.subarray(itemStartInChunk));
      itemStartInChunk = 0;
    }
    if (keyStartInChunk !== -1) {
      keyParts.push(chunk.subarray(keyStartInChunk)); // a key that goes on in the next chunk
      keyStartInChunk = 0;
    }
    if (!inItems) shellParts.push(chunk.subarray(shellStartInChunk));
    countLines(chunk, length);
    offset += length;
  }
  if (depth !== 0 || inString) throw new SyntaxError(`unexpected end of JSON input at line ${line}`);
  if (!itemsDone) throw new NotAListError('the top-level value has no items array');
  // The shell is the file without the items' text: `{"apiVersion": "v1", "items": [], "kind": "List", …}`.
  return { value: JSON.parse(Buffer.concat(shellParts).toString('utf8')), itemCount: index };

  /** Counts the newlines of the current chunk up to (not including) position `end`. */
  function countLines(chunk: Buffer, end: number): void {
    let at = Math.max(countedUpTo - offset, 0);
    for (;;) {
      const next = chunk.indexOf(NEWLINE, at);
      if (next === -1 || next >= end) break;
      line++;
      lineStart = offset + next + 1;
      at = next + 1;
    }
    countedUpTo = offset + end;
  }

  function startItem(chunk: Buffer, i: number): void {
    countLines(chunk, i);
    itemParts = [];
    itemStartInChunk = i;
    itemLine = line;
    itemColumn = offset + i - lineStart + 1;
    itemStart = offset + i;
  }

  function finishItem(chunk: Buffer, end: number): StreamedItem {
    const parts = itemParts!;
    parts.push(chunk.subarray(itemStartInChunk, end));
    itemParts = null;
    const text = (parts.length === 1 ? parts[0] : Buffer.concat(parts)).toString('utf8');
    return { value: JSON.parse(text), index: index++, line: itemLine, column: itemColumn, start: itemStart, end: offset + end };
  }
}

/** The position of the quote that closes a string, or -1 when the string goes on past the chunk. */
function closingQuote(chunk: Buffer, from: number, carried: number): number {
  let at = from;
  for (;;) {
    const quote = chunk.indexOf(QUOTE, at);
    if (quote === -1) return -1;
    let backslashes = 0;
    let k = quote - 1;
    while (k >= from && chunk[k] === BACKSLASH) {
      backslashes++;
      k--;
    }
    if (k < from) backslashes += carried; // the run of backslashes began in the previous chunk
    if (backslashes % 2 === 0) return quote;
    at = quote + 1;
  }
}

function trailingBackslashes(chunk: Buffer, from: number): number {
  let count = 0;
  for (let k = chunk.length - 1; k >= from && chunk[k] === BACKSLASH; k--) count++;
  return count;
}
