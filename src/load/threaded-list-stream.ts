/**
 * A JSON List dump read on two threads: a worker (list-worker.ts) reads the file, finds the items and plans what of
 * each is left unread, while this thread parses the items and builds the model. The worker's part is a third of the
 * load's time on this thread (1.3 s of a 150,000-pod dump's 7 s); the parse cannot move, since a parsed value crosses
 * threads only as a copy that costs as much as parsing it again.
 *
 * The items are those streamListBatches yields, the same values in the same order. One case differs on the way: an item
 * the worker found by layout that does not parse here (a layout that misled, or a malformed item). The worker cannot
 * know, since it does not parse, so the whole read is refused with ReadOnThisThread and the caller reads the file again
 * on this thread, where the scanner handles such an item (list-scanner.ts). So is a read whose worker fails (it cannot
 * start, its module is missing, the file cannot be read): the read on this thread says what is wrong, as ever.
 */
import { Worker } from 'node:worker_threads';
import { WorkerInbox } from '../engine/worker-inbox.js';
import { NotAListError, type ListShell, type StreamedItem } from './list-scanner.js';
import { parsePlanned } from './unread-fields.js';
import { ENTRY, ITEM_SLOTS, ROW_HEAD, ROWS_PER_CHUNK, type ListWorkerData, type ListWorkerMessage, type ListWorkerReply } from './list-worker-protocol.js';

/**
 * The worker's module, compiled: this file is src/load/, dist/load/ or the bundle in dist/cli/, each two levels below
 * the package's root. Tests run the compiled worker (npm test builds first).
 */
const WORKER_MODULE = new URL('../../dist/load/list-worker.js', import.meta.url);

/** The threaded read cannot give the items as streamListBatches would: read the file again on this thread. */
export class ReadOnThisThread extends Error {}

/**
 * Yields the items of the List in `path`, in input order, a chunk's items at a time. Throws NotAListError and
 * SyntaxError as streamListBatches does, and ReadOnThisThread (see the file comment).
 */
export async function* threadedListBatches(path: string, chunkBytes = 1 << 20): AsyncGenerator<StreamedItem[], ListShell> {
  const data: ListWorkerData = { path, chunkBytes };
  let worker: Worker;
  try {
    worker = new Worker(WORKER_MODULE, { workerData: data });
  } catch (error) {
    throw new ReadOnThisThread(`cannot start the list worker: ${String(error)}`);
  }
  const inbox = new WorkerInbox<ListWorkerMessage>(worker, (failure) => ({
    type: 'error',
    kind: 'other',
    message: 'error' in failure ? `the list worker failed: ${failure.error.message}` : `the list worker stopped (exit code ${failure.exitCode})`,
  }));
  /** The owners whose first Pod's spec was read (see parsePlanned). */
  const specsRead = new Set<string>();
  try {
    for (;;) {
      const message = await inbox.next();
      if (message.type === 'error') {
        if (message.kind === 'syntax') throw new SyntaxError(message.message);
        if (message.kind === 'not-a-list') throw new NotAListError(message.message);
        throw new ReadOnThisThread(message.message);
      }
      if (message.type === 'done') return { value: message.shell, itemCount: message.itemCount };
      yield itemsOf(message, specsRead);
      // The items are in the model now (a template spec left unread was settled by addObject): the buffers go back.
      const free: ListWorkerReply = { type: 'free', bytes: message.bytes, rows: message.rows };
      worker.postMessage(free, [message.bytes, message.rows.buffer as ArrayBuffer]);
    }
  } finally {
    // The worker stops before its next chunk, closes the file and ends.
    worker.postMessage({ type: 'stop' } satisfies ListWorkerReply);
  }
}

/** The items of one chunk, parsed. */
function itemsOf(message: Extract<ListWorkerMessage, { type: 'chunk' }>, specsRead: Set<string>): StreamedItem[] {
  const { length, offset, count, rows: chunkRows, moreRows, spanning } = message;
  const chunk = Buffer.from(message.bytes, 0, length);
  const batch: StreamedItem[] = [];
  let spanned = 0;
  for (let index = 0; index < count; index++) {
    const rows = index < ROWS_PER_CHUNK ? chunkRows : moreRows!;
    const row = (index < ROWS_PER_CHUNK ? index : index - ROWS_PER_CHUNK) * ITEM_SLOTS;
    const entry = rows[row];
    const start = rows[row + 4];
    const end = rows[row + 5];
    let value: unknown;
    if (entry === ENTRY.layoutPlanned || entry === ENTRY.layoutWhole) {
      try {
        value = parsePlanned(chunk, start - offset, end - offset, entry === ENTRY.layoutPlanned, rows, row + ROW_HEAD, specsRead);
      } catch {
        throw new ReadOnThisThread(`item ${rows[row + 1]} is not where its layout says`);
      }
    } else if (entry === ENTRY.scannedInChunk) {
      value = JSON.parse(chunk.toString('utf8', start - offset, end - offset));
    } else {
      const bytes = spanning[spanned++];
      value = JSON.parse(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8'));
    }
    batch.push({ value, index: rows[row + 1], line: rows[row + 2], column: rows[row + 3], start, end });
  }
  return batch;
}
