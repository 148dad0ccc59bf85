/**
 * Finds the elements of a JSON List's top-level `items` array, chunk by chunk, and parses each one. Two ways:
 * - by layout: kubectl prints an item's closing brace on a line of its own, indented as its opening brace, and a
 *   JSON string cannot hold a raw line break, so the first such line after the opening brace is a candidate end,
 *   looked for at each line break (which the line count visits anyway). JSON.parse then proves it: when the
 *   candidate text parses, it is exactly the item (a JSON value has one end). The item's bytes are never read in
 *   JavaScript; a byte-by-byte scan cost about as much as the JSON.parse itself (0.5 s of a 116 MB dump).
 * - by scanning: a byte-level scanner tracks strings, escapes and nesting (strings skipped with Buffer.indexOf). It
 *   reads the top level, the items that do not follow the layout (compact JSON), and those cut by a chunk boundary.
 * The first item whose layout misleads turns the layout way off for the rest of the input, so an unusual file costs
 * at most one wasted parse.
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
const SPACE = 0x20;
const TAB = 0x09;

export class NotAListError extends Error {}

/**
 * Parses an item found by layout, at [start, end) of `chunk`; throws SyntaxError as JSON.parse does. The loader's parser
 * skips what it never reads (see unread-fields.ts), knowing the item's layout from what the scanner saw on its way.
 */
export type ItemParser = (chunk: Buffer, start: number, end: number, layout: ItemLayout) => unknown;

/**
 * Reads an item the scanner found byte by byte, from its bytes (a view of the chunk, or the pieces of an item that
 * spans chunks joined): JSON.parse unless told otherwise (a scan on another thread hands the bytes on unparsed).
 */
export type ScannedItemReader = (bytes: Buffer) => unknown;

const parseBytes: ScannedItemReader = (bytes) => JSON.parse(bytes.toString('utf8'));

/** How an item found by layout is laid out. */
export interface ItemLayout {
  /** Bytes of indentation of the item's opening line. */
  indent: number;
  /** Of its first inner line: that of the item's own keys; -1 when that line is not indented deeper than the item. */
  childIndent: number;
  /**
   * Where the lines at childIndent start: the item's keys, and the closing lines of the values that span lines.
   * Reused for the next item.
   */
  childLines: number[];
}

/** The scanner's state between chunks; `scan` yields the items that end in a chunk, `finish` checks the end. */
export class ListScanner {
  private depth = 0;
  private inString = false;
  /** Backslashes at the end of the previous chunk, inside a string. */
  private carriedBackslashes = 0;
  private line = 1;
  /** Absolute offset of the current line's first byte. */
  private lineStart = 0;
  /** Absolute offset up to which newlines are counted. */
  private countedUpTo = 0;
  /** Absolute offset of the current chunk's first byte. */
  private offset = 0;
  private inItems = false;
  private itemsDone = false;
  private expectingItemsArray = false;
  /** The pieces of the item being scanned (null between items). */
  private itemParts: Buffer[] | null = null;
  private itemStartInChunk = 0;
  private itemLine = 0;
  private itemColumn = 0;
  private itemStart = 0;
  private index = 0;
  /** The last string read at depth 1 outside the items, to recognise the key "items". */
  private keyStartInChunk = -1;
  private keyParts: Buffer[] = [];
  private lastKey = '';
  private readonly shellParts: Buffer[] = [];
  private shellStartInChunk = 0;
  /** Whether items are still found by layout (see the file comment). */
  private layoutHolds = true;
  /** The item being scanned was looked for by layout and its closing line was not in the chunk. */
  private layoutMissed = false;

  /** The layout of the item being parsed, for parseItem (one object for all the items). */
  private readonly layout: ItemLayout = { indent: 0, childIndent: -1, childLines: [] };

  constructor(
    private readonly parseItem?: ItemParser,
    private readonly readScanned: ScannedItemReader = parseBytes,
  ) {}

  *scan(chunk: Buffer): Generator<StreamedItem> {
    const length = chunk.length;
    this.shellStartInChunk = 0;
    let i = 0;
    while (i < length) {
      if (this.inString) {
        const close = closingQuote(chunk, i, this.carriedBackslashes);
        if (close === -1) {
          const trailing = trailingBackslashes(chunk, i);
          // A chunk of nothing but backslashes (1-byte chunks, a long run) continues the run of the previous one.
          this.carriedBackslashes = trailing === length - i ? this.carriedBackslashes + trailing : trailing;
          i = length;
          break;
        }
        this.carriedBackslashes = 0;
        this.inString = false;
        if (this.keyStartInChunk !== -1) {
          this.keyParts.push(chunk.subarray(this.keyStartInChunk, close));
          this.lastKey = this.keyParts.length === 1 ? this.keyParts[0].toString('utf8') : Buffer.concat(this.keyParts).toString('utf8');
          this.keyParts = [];
          this.keyStartInChunk = -1;
        }
        i = close + 1;
        continue;
      }
      const byte = chunk[i];
      if (byte <= SPACE) {
        i++; // whitespace: most of a pretty-printed dump outside its strings
        continue;
      }
      if (this.depth > 2 && byte !== CLOSE_BRACE && byte !== CLOSE_BRACKET) {
        i = this.skipNested(chunk, i); // inside an item only strings and nesting matter
        continue;
      }
      const startsItem = this.inItems && this.depth === 2 && this.itemParts === null;
      if (byte === QUOTE) {
        if (startsItem) this.startItem(chunk, i);
        this.inString = true;
        if (this.depth === 1 && !this.inItems) this.keyStartInChunk = i + 1;
        i++;
        continue;
      }
      if (byte === OPEN_BRACE || byte === OPEN_BRACKET) {
        if (startsItem) {
          const item = this.layoutHolds ? this.itemByLayout(chunk, i, byte === OPEN_BRACE ? CLOSE_BRACE : CLOSE_BRACKET) : undefined;
          if (item !== undefined) {
            yield item;
            i = item.end - this.offset;
            continue;
          }
          this.startItem(chunk, i);
        }
        this.depth++;
        if (byte === OPEN_BRACKET && this.depth === 2 && this.expectingItemsArray) {
          this.inItems = true;
          this.expectingItemsArray = false;
          this.shellParts.push(chunk.subarray(this.shellStartInChunk, i + 1)); // the shell keeps "items": [ … ]
        }
      } else if (byte === CLOSE_BRACE || byte === CLOSE_BRACKET) {
        this.depth--;
        if (this.inItems && this.depth === 2 && this.itemParts !== null) {
          yield this.finishItem(chunk, i + 1);
        } else if (this.inItems && this.depth === 1) {
          if (this.itemParts !== null) yield this.finishItem(chunk, i); // a scalar last item
          this.inItems = false;
          this.itemsDone = true;
          this.shellStartInChunk = i;
        }
      } else if (byte === COMMA && this.inItems && this.depth === 2) {
        if (this.itemParts !== null) yield this.finishItem(chunk, i); // a scalar item: handed over for a clear error downstream
      } else if (byte === COLON && this.depth === 1 && !this.inItems) {
        this.expectingItemsArray = this.lastKey === 'items' && !this.itemsDone;
      } else if (startsItem) {
        this.startItem(chunk, i);
      }
      i++;
    }
    if (this.itemParts !== null) {
      this.itemParts.push(chunk.subarray(this.itemStartInChunk));
      this.itemStartInChunk = 0;
    }
    if (this.keyStartInChunk !== -1) {
      this.keyParts.push(chunk.subarray(this.keyStartInChunk)); // a key that goes on in the next chunk
      this.keyStartInChunk = 0;
    }
    if (!this.inItems) this.shellParts.push(chunk.subarray(this.shellStartInChunk));
    this.countLines(chunk, length);
    this.offset += length;
  }

  /**
   * Copies what the scanner holds of `chunk`, the chunk it last scanned (the start of an item, a key or the shell that
   * goes on in the next one), so that the chunk's buffer can be handed to another thread or filled again.
   */
  copyHeldPieces(chunk: Buffer): void {
    const own = (part: Buffer): Buffer => (part.buffer === chunk.buffer ? Buffer.from(part) : part);
    if (this.itemParts !== null) this.itemParts = this.itemParts.map(own);
    this.keyParts = this.keyParts.map(own);
    for (let k = 0; k < this.shellParts.length; k++) this.shellParts[k] = own(this.shellParts[k]);
  }

  finish(): ListShell {
    if (this.depth !== 0 || this.inString) throw new SyntaxError(`unexpected end of JSON input at line ${this.line}`);
    if (!this.itemsDone) throw new NotAListError('the top-level value has no items array');
    // The shell is the file without the items' text: `{"apiVersion": "v1", "items": [], "kind": "List", …}`.
    return { value: JSON.parse(Buffer.concat(this.shellParts).toString('utf8')), itemCount: this.index };
  }

  /**
   * Skips bytes inside an item (depth > 2) up to a bracket that closes depth 3, which is left to the caller, or to
   * the end of the chunk. Locals rather than fields: this loop reads every byte of an item not found by layout.
   */
  private skipNested(chunk: Buffer, from: number): number {
    const length = chunk.length;
    let depth = this.depth;
    let i = from;
    while (i < length) {
      const byte = chunk[i];
      if (byte === QUOTE) {
        const close = closingQuote(chunk, i + 1, 0);
        if (close === -1) {
          this.inString = true;
          this.carriedBackslashes = trailingBackslashes(chunk, i + 1);
          i = length;
          break;
        }
        i = close + 1;
      } else if (byte === OPEN_BRACE || byte === OPEN_BRACKET) {
        depth++;
        i++;
      } else if (byte === CLOSE_BRACE || byte === CLOSE_BRACKET) {
        if (depth === 3) break;
        depth--;
        i++;
      } else {
        i++;
      }
    }
    this.depth = depth;
    return i;
  }

  /**
   * The item opening at `i`, when it sits on a line of its own and the first line after it holding only its closing
   * byte (at its indentation) ends it; undefined otherwise (the scanner then reads it byte by byte). The lines are
   * counted on the way: the closing line is looked for at each line break, which the line count visits anyway (a
   * Buffer.indexOf of the whole closing line was slower than both, since a dump is mostly spaces).
   */
  private itemByLayout(chunk: Buffer, i: number, closer: number): StreamedItem | undefined {
    this.countLines(chunk, i);
    const indentStart = this.lineStart - this.offset;
    if (indentStart < 0) return undefined; // the line began in the previous chunk: its indentation is not at hand
    for (let k = indentStart; k < i; k++) {
      if (chunk[k] !== SPACE && chunk[k] !== TAB) {
        this.layoutHolds = false; // not on a line of its own: compact JSON, or `}, {`
        return undefined;
      }
    }
    const line = this.line;
    const lineStart = this.lineStart;
    const column = i - indentStart + 1;
    const indent = i - indentStart;
    const length = chunk.length;
    let end = -1;
    let at = i + 1;
    // The lines of the item's own keys, for parseItem: a byte read at each line, which the loop visits anyway.
    const childLines = this.layout.childLines;
    childLines.length = 0;
    // Measured on the first inner line (undefined until then); -1 when there is none to measure or no parseItem.
    let childIndent: number | undefined = this.parseItem !== undefined ? undefined : -1;
    for (;;) {
      const newline = chunk.indexOf(NEWLINE, at);
      if (newline === -1) break;
      this.line++;
      this.lineStart = this.offset + newline + 1;
      at = newline + 1;
      const closeAt = at + indent;
      if (closeAt < length && chunk[closeAt] === closer && chunk.compare(chunk, indentStart, i, at, closeAt) === 0) {
        end = closeAt + 1;
        break;
      }
      if (childIndent === undefined) {
        let spaces = 0;
        while (chunk[at + spaces] === SPACE) spaces++;
        childIndent = spaces > indent ? spaces : -1;
      }
      if (childIndent > 0 && chunk[at + childIndent] !== SPACE) childLines.push(at);
    }
    let value: unknown;
    if (end === -1) {
      this.layoutMissed = true; // the item goes on in the next chunk, or its layout differs (see finishItem)
    } else {
      try {
        if (this.parseItem === undefined) value = JSON.parse(chunk.toString('utf8', i, end));
        else {
          this.layout.indent = indent;
          this.layout.childIndent = childIndent ?? -1;
          value = this.parseItem(chunk, i, end, this.layout);
        }
      } catch {
        this.layoutHolds = false; // the scanner reads it, and reports it if it is malformed
        end = -1;
      }
    }
    if (end === -1) {
      // The scanner starts the item where it opens: the lines counted past it are counted again.
      this.line = line;
      this.lineStart = lineStart;
      return undefined;
    }
    this.countedUpTo = this.offset + end;
    return { value, index: this.index++, line, column, start: this.offset + i, end: this.offset + end };
  }

  /** Counts the newlines of the current chunk up to (not including) position `end`. */
  private countLines(chunk: Buffer, end: number): void {
    let at = Math.max(this.countedUpTo - this.offset, 0);
    for (;;) {
      const next = chunk.indexOf(NEWLINE, at);
      if (next === -1 || next >= end) break;
      this.line++;
      this.lineStart = this.offset + next + 1;
      at = next + 1;
    }
    this.countedUpTo = this.offset + end;
  }

  private startItem(chunk: Buffer, i: number): void {
    this.countLines(chunk, i);
    this.itemParts = [];
    this.itemStartInChunk = i;
    this.itemLine = this.line;
    this.itemColumn = this.offset + i - this.lineStart + 1;
    this.itemStart = this.offset + i;
  }

  private finishItem(chunk: Buffer, end: number): StreamedItem {
    const parts = this.itemParts!;
    this.itemParts = null;
    // Looked for by layout, not found, yet ended in the same chunk: this input lays its items out otherwise.
    if (this.layoutMissed && parts.length === 0) this.layoutHolds = false;
    this.layoutMissed = false;
    let bytes: Buffer;
    if (parts.length === 0) bytes = chunk.subarray(this.itemStartInChunk, end);
    else {
      parts.push(chunk.subarray(this.itemStartInChunk, end));
      bytes = Buffer.concat(parts);
    }
    return { value: this.readScanned(bytes), index: this.index++, line: this.itemLine, column: this.itemColumn, start: this.itemStart, end: this.offset + end };
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
