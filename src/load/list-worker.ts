/**
 * The worker thread of threaded-list-stream.ts: reads a JSON List dump from disk, finds its items (list-scanner.ts)
 * and plans what of each the loader leaves unread (unread-fields.ts), and hands each chunk with its items' positions and
 * plans to the main thread, which parses them. It never parses an item: that stays on the main thread, where the values
 * are needed (a parsed value cannot cross threads without a copy that costs as much as parsing it again).
 */
import { closeSync, openSync, readSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { ListScanner, NotAListError, type ItemLayout } from './list-scanner.js';
import { PLAN_SLOTS, UnreadFieldPlanner } from './unread-fields.js';
import { ENTRY, ITEM_SLOTS, type ListWorkerData, type ListWorkerMessage, IN_FLIGHT, STOP, MAX_CHUNKS_IN_FLIGHT } from './list-worker-protocol.js';

const { path, chunkBytes, control } = workerData as ListWorkerData;
const port = parentPort!;
const flags = new Int32Array(control);

/** The rows of the chunk being scanned, grown as needed; one row per item (see ITEM_SLOTS). */
let rows = new Float64Array(ITEM_SLOTS * 256);
let count = 0;
const planner = new UnreadFieldPlanner();

/** Items found by layout are planned, not parsed: the plan goes into the item's row, the value says which way. */
const LAYOUT_PLANNED = { entry: ENTRY.layoutPlanned };
const LAYOUT_WHOLE = { entry: ENTRY.layoutWhole };
const planItem = (chunk: Buffer, start: number, end: number, layout: ItemLayout): unknown => {
  ensureRow();
  return planner.plan(chunk, start, end, layout, rows, count * ITEM_SLOTS + (ITEM_SLOTS - PLAN_SLOTS)) ? LAYOUT_PLANNED : LAYOUT_WHOLE;
};

function ensureRow(): void {
  if ((count + 1) * ITEM_SLOTS <= rows.length) return;
  const grown = new Float64Array(rows.length * 2);
  grown.set(rows);
  rows = grown;
}

function post(message: ListWorkerMessage, transfer: ArrayBuffer[] = []): void {
  port.postMessage(message, transfer);
}

/** Waits while the main thread has MAX_CHUNKS_IN_FLIGHT chunks to parse; false when it asked to stop. */
function mayGoOn(): boolean {
  for (;;) {
    if (Atomics.load(flags, STOP) !== 0) return false;
    const inFlight = Atomics.load(flags, IN_FLIGHT);
    if (inFlight < MAX_CHUNKS_IN_FLIGHT) return true;
    Atomics.wait(flags, IN_FLIGHT, inFlight, 1000);
  }
}

function run(): void {
  // Items scanned byte by byte (compact JSON, an item cut by a chunk boundary) are handed on as their bytes.
  const scanner = new ListScanner(planItem, (bytes) => bytes);
  const file = openSync(path, 'r');
  try {
    let offset = 0;
    for (;;) {
      if (!mayGoOn()) return;
      // A buffer of its own for each chunk: the scanner keeps views of the pieces of an item that goes on.
      const chunk = Buffer.allocUnsafeSlow(chunkBytes);
      const length = readSync(file, chunk, 0, chunkBytes, offset);
      if (length === 0) break;
      const bytes = length === chunkBytes ? chunk : chunk.subarray(0, length);
      count = 0;
      const spanning: Uint8Array[] = [];
      for (const item of scanner.scan(bytes)) {
        ensureRow();
        const row = count * ITEM_SLOTS;
        const value = item.value;
        if (value === LAYOUT_PLANNED || value === LAYOUT_WHOLE) rows[row] = (value as { entry: number }).entry;
        else if (item.start >= offset) rows[row] = ENTRY.scannedInChunk;
        else {
          rows[row] = ENTRY.scannedSpanning;
          spanning.push(new Uint8Array(value as Buffer)); // an exact copy: the joined pieces may sit in Buffer's pool
        }
        rows[row + 1] = item.index;
        rows[row + 2] = item.line;
        rows[row + 3] = item.column;
        rows[row + 4] = item.start;
        rows[row + 5] = item.end;
        count++;
      }
      // A copy goes to the main thread, which owns it from then on: the scanner may still hold views of this one.
      const copy = new Uint8Array(bytes);
      const items = rows.slice(0, count * ITEM_SLOTS);
      Atomics.add(flags, IN_FLIGHT, 1);
      post({ type: 'chunk', bytes: copy.buffer, offset, items, spanning }, [copy.buffer, items.buffer, ...spanning.map((piece) => piece.buffer as ArrayBuffer)]);
      offset += length;
    }
    const shell = scanner.finish();
    post({ type: 'done', shell: shell.value, itemCount: shell.itemCount });
  } finally {
    closeSync(file);
  }
}

try {
  run();
} catch (error) {
  const kind = error instanceof NotAListError ? 'not-a-list' : error instanceof SyntaxError ? 'syntax' : 'other';
  post({ type: 'error', kind, message: error instanceof Error ? error.message : String(error) });
}
