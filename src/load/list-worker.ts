/**
 * The worker thread of threaded-list-stream.ts: reads a JSON List dump from disk, finds its items (list-scanner.ts)
 * and plans what of each the loader leaves unread (unread-fields.ts), and hands each chunk with its items' positions and
 * plans to the main thread, which parses them. It never parses an item: that stays on the main thread, where the values
 * are needed (a parsed value cannot cross threads without a copy that costs as much as parsing it again).
 */
import { open } from 'node:fs/promises';
import { parentPort, workerData } from 'node:worker_threads';
import { ListScanner, NotAListError, type ItemLayout } from './list-scanner.js';
import { UnreadFieldPlanner } from './unread-fields.js';
import { ENTRY, ITEM_SLOTS, ROW_HEAD, ROWS_PER_CHUNK, SLOTS, type ListWorkerData, type ListWorkerMessage, type ListWorkerReply } from './list-worker-protocol.js';

const { path, chunkBytes } = workerData as ListWorkerData;
const port = parentPort!;
const planner = new UnreadFieldPlanner();

/** A chunk's buffer and its rows, made up to SLOTS times, then taken back from the main thread. */
interface Slot {
  bytes: Buffer;
  rows: Float64Array;
}

const free: Slot[] = [];
let made = 0;
let stopped = false;
let waiting: (() => void) | undefined;
port.on('message', (reply: ListWorkerReply) => {
  if (reply.type === 'stop') stopped = true;
  else free.push({ bytes: Buffer.from(reply.bytes), rows: reply.rows });
  waiting?.();
  waiting = undefined;
});

/** A slot to fill; undefined once the main thread wants no more. */
async function takeSlot(): Promise<Slot | undefined> {
  for (;;) {
    if (stopped) return undefined;
    const slot = free.pop();
    if (slot !== undefined) return slot;
    if (made < SLOTS) {
      made++;
      return { bytes: Buffer.allocUnsafeSlow(chunkBytes), rows: new Float64Array(ROWS_PER_CHUNK * ITEM_SLOTS) };
    }
    await new Promise<void>((resolve) => (waiting = resolve));
  }
}

/** The rows of the chunk being scanned: its slot's, then `more` (grown as needed). */
let slotRows: Float64Array = new Float64Array(0);
let more = new Float64Array(0);
let count = 0;

/** The row of item `index` of the chunk: an array and the position of the row in it. */
function row(index: number): [Float64Array, number] {
  if (index < ROWS_PER_CHUNK) return [slotRows, index * ITEM_SLOTS];
  const at = (index - ROWS_PER_CHUNK) * ITEM_SLOTS;
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

/** Reads the file a chunk ahead: the next read runs on libuv's pool while this thread scans. */
async function run(): Promise<void> {
  // Items scanned byte by byte (compact JSON, an item cut by a chunk boundary) are handed on as their bytes.
  const scanner = new ListScanner(planItem, (bytes) => bytes);
  const file = await open(path, 'r');
  let reading: Promise<{ slot: Slot; length: number } | undefined> | undefined;
  const readAt = async (offset: number) => {
    const slot = await takeSlot();
    if (slot === undefined) return undefined;
    const { bytesRead } = await file.read(slot.bytes, 0, chunkBytes, offset);
    return { slot, length: bytesRead };
  };
  try {
    let offset = 0;
    reading = readAt(0);
    for (;;) {
      const read = await reading;
      if (read === undefined) return;
      const { slot, length } = read;
      if (length === 0) break;
      reading = readAt(offset + length);
      const bytes = length === chunkBytes ? slot.bytes : slot.bytes.subarray(0, length);
      slotRows = slot.rows;
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
      // The buffer goes to the main thread: what the scanner still needs of it is copied now.
      scanner.copyHeldPieces(slot.bytes);
      const moreRows = count > ROWS_PER_CHUNK ? more.slice(0, (count - ROWS_PER_CHUNK) * ITEM_SLOTS) : undefined;
      const message: ListWorkerMessage = { type: 'chunk', bytes: slot.bytes.buffer as ArrayBuffer, length, offset, count, rows: slot.rows, moreRows, spanning };
      const transfer = [slot.bytes.buffer as ArrayBuffer, slot.rows.buffer as ArrayBuffer, ...spanning.map((piece) => piece.buffer as ArrayBuffer)];
      port.postMessage(message, moreRows ? [...transfer, moreRows.buffer] : transfer);
      offset += length;
    }
    const shell = scanner.finish();
    port.postMessage({ type: 'done', shell: shell.value, itemCount: shell.itemCount } satisfies ListWorkerMessage);
  } finally {
    await reading?.catch(() => undefined);
    await file.close();
    port.unref(); // nothing more to hear: the thread ends when its last read is done
  }
}

run().catch((error: unknown) => {
  const kind = error instanceof NotAListError ? 'not-a-list' : error instanceof SyntaxError ? 'syntax' : 'other';
  port.postMessage({ type: 'error', kind, message: error instanceof Error ? error.message : String(error) } satisfies ListWorkerMessage);
  port.unref();
});
