/**
 * What the list worker (list-worker.ts) and the main thread (threaded-list-stream.ts) say to each other.
 *
 * A chunk and the rows describing its items are handed over (transferred, not copied), and handed back when the main
 * thread has read them, to be filled again: at most SLOTS of each exist. Buffers made on the worker for each chunk and
 * let go on the main thread were returned to the worker's allocator only when the main thread's collector got to them,
 * and the allocator kept them (150 MB more at the peak of a 150,000-pod dump's analysis). Memory shared by the two
 * threads is no answer: Buffer.indexOf and toString cost twice as much on it, per call, and both are called for every
 * line and every item.
 */
import { PLAN_SLOTS } from './unread-fields.js';

/** What the worker is given. */
export interface ListWorkerData {
  path: string;
  /** Bytes read at a time. */
  chunkBytes: number;
}

/** Chunks (with their rows) the worker may have in hand or in the main thread's: it waits for one back at SLOTS. */
export const SLOTS = 8;
/** Rows in a chunk's row buffer; the rows of a chunk of more items come with its message. */
export const ROWS_PER_CHUNK = 2048;

/** From the worker. */
export type ListWorkerMessage =
  | {
      type: 'chunk';
      /** The chunk's buffer, of chunkBytes; the chunk is its first `length` bytes. */
      bytes: ArrayBuffer;
      length: number;
      /** Where the chunk starts in the file. */
      offset: number;
      /** Items ending in the chunk: their rows are those of `rows`, then `moreRows`. */
      count: number;
      rows: Float64Array;
      moreRows?: Float64Array;
      /** The bytes of each ENTRY.scannedSpanning item, in order. */
      spanning: Uint8Array[];
    }
  | { type: 'done'; shell: unknown; itemCount: number }
  | { type: 'error'; kind: 'syntax' | 'not-a-list' | 'other'; message: string };

/** From the main thread: a chunk read, its buffers given back; or no more chunks wanted. */
export type ListWorkerReply = { type: 'free'; bytes: ArrayBuffer; rows: Float64Array } | { type: 'stop' };

/**
 * A row describes an item: how it was found (ENTRY), its index in the List, line, column, start and end in the file,
 * then (for ENTRY.layoutPlanned) the plan of unread-fields.ts, PLAN_SLOTS numbers, positions in the chunk.
 */
export const ENTRY = {
  /** By layout, with parts to leave out: parsed with parsePlanned. */
  layoutPlanned: 0,
  /** By layout, nothing to leave out: parsed whole. */
  layoutWhole: 1,
  /** Byte by byte, inside the chunk. */
  scannedInChunk: 2,
  /** Byte by byte, across chunks: its bytes come with the message. */
  scannedSpanning: 3,
} as const;

export const ROW_HEAD = 6;
export const ITEM_SLOTS = ROW_HEAD + PLAN_SLOTS;
