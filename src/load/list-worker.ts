/**
 * The worker thread of threaded-list-stream.ts: reads a JSON List dump from disk, finds its items (list-scanner.ts)
 * and plans what of each the loader leaves unread (unread-fields.ts), and hands each chunk with its items' positions and
 * plans to the main thread, which parses them. It never parses an item: that stays on the main thread, where the values
 * are needed (a parsed value cannot cross threads without a copy that costs as much as parsing it again).
 */
import { closeSync, openSync, readSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { ListScanner, NotAListError, type ItemLayout } from './list-scanner.js';
import { UnreadFieldPlanner } from './unread-fields.js';
import { ENTRY, IN_FLIGHT, ITEM_SLOTS, ROW_HEAD, ROWS_PER_SLOT, SLOTS, STOP, type ListWorkerData, type ListWorkerMessage } from './list-worker-protocol.js';

const { path, chunkBytes, chunks, rows: sharedRows, control } = workerData as ListWorkerData;
const port = parentPort!;
const flags = new Int32Array(control);
const planner = new UnreadFieldPlanner();

/** The rows of the chunk being scanned: its slot's, then `more` (grown as needed). */
let slotRows: Float64Array = new Float64Array(0);
let more = new Float64Array(0);
let count = 0;

/** The row of item `index` of the chunk: an array and the position of the row in it. */
function row(index: number): [Float64Array, number] {
  if (index < ROWS_PER_SLOT) return [slotRows, index * ITEM_SLOTS];
  const at = (index - ROWS_PER_SLOT) * ITEM_SLOTS;
  if (at + ITEM_SLOTS > more.length) {
    const grown = new Float64Array(Math.max(more.length * 2, ITEM_SLOTS * 256));
    grown.set(more);
    more = grown;
  }
  return [more, at];
}

/** Items found by layout are planned, not parsed: the plan goes into the item's row, the value says which way. */
const LAYOUT_PLANNED = { entry: ENTRY.layoutPlanned };
const LAYOUT_WHOLE = { entry: ENTRY.layoutWhole };
const planItem = (chunk: Buffer, start: number, end: number, layout: ItemLayout): unknown => {
  const [rows, at] = row(count);
  return planner.plan(chunk, start, end, layout, rows, at + ROW_HEAD) ? LAYOUT_PLANNED : LAYOUT_WHOLE;
};

/** Waits for a free slot while the main thread reads the others; false when it asked to stop. */
function mayGoOn(): boolean {
  for (;;) {
    if (Atomics.load(flags, STOP) !== 0) return false;
    const inFlight = Atomics.load(flags, IN_FLIGHT);
    if (inFlight < SLOTS) return true;
    Atomics.wait(flags, IN_FLIGHT, inFlight, 1000);
  }
}

function run(): void {
  // Items scanned byte by byte (compact JSON, an item cut by a chunk boundary) are handed on as their bytes.
  const scanner = new ListScanner(planItem, (bytes) => bytes);
  const file = openSync(path, 'r');
  try {
    let offset = 0;
    for (let sequence = 0; ; sequence++) {
      if (!mayGoOn()) return;
      const slot = sequence % SLOTS;
      const chunk = Buffer.from(chunks, slot * chunkBytes, chunkBytes);
      const length = readSync(file, chunk, 0, chunkBytes, offset);
      if (length === 0) break;
      const bytes = length === chunkBytes ? chunk : chunk.subarray(0, length);
      slotRows = new Float64Array(sharedRows, slot * ROWS_PER_SLOT * ITEM_SLOTS * Float64Array.BYTES_PER_ELEMENT, ROWS_PER_SLOT * ITEM_SLOTS);
      count = 0;
      const spanning: Uint8Array[] = [];
      for (const item of scanner.scan(bytes)) {
        const [rows, at] = row(count);
        const value = item.value;
        if (value === LAYOUT_PLANNED || value === LAYOUT_WHOLE) rows[at] = (value as { entry: number }).entry;
        else if (item.start >= offset) rows[at] = ENTRY.scannedInChunk;
        else {
          rows[at] = ENTRY.scannedSpanning;
          spanning.push(new Uint8Array(value as Buffer)); // a copy of its own: the joined pieces may sit in Buffer's pool
        }
        rows[at + 1] = item.index;
        rows[at + 2] = item.line;
        rows[at + 3] = item.column;
        rows[at + 4] = item.start;
        rows[at + 5] = item.end;
        count++;
      }
      // The slot is filled again later: what the scanner still needs of it is copied now.
      scanner.copyHeldPieces(chunk);
      const moreRows = count > ROWS_PER_SLOT ? more.slice(0, (count - ROWS_PER_SLOT) * ITEM_SLOTS) : undefined;
      Atomics.add(flags, IN_FLIGHT, 1);
      const message: ListWorkerMessage = { type: 'chunk', slot, length, offset, count, moreRows, spanning };
      port.postMessage(message, [...spanning.map((piece) => piece.buffer as ArrayBuffer), ...(moreRows ? [moreRows.buffer] : [])]);
      offset += length;
    }
    const shell = scanner.finish();
    port.postMessage({ type: 'done', shell: shell.value, itemCount: shell.itemCount } satisfies ListWorkerMessage);
  } finally {
    closeSync(file);
  }
}

try {
  run();
} catch (error) {
  const kind = error instanceof NotAListError ? 'not-a-list' : error instanceof SyntaxError ? 'syntax' : 'other';
  port.postMessage({ type: 'error', kind, message: error instanceof Error ? error.message : String(error) } satisfies ListWorkerMessage);
}
