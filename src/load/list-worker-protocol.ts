/**
 * What the list worker (list-worker.ts) and the main thread (threaded-list-stream.ts) share and say to each other.
 *
 * The chunks and the rows describing their items go through memory both threads see: a ring of SLOTS chunks, each
 * with room for ROWS_PER_SLOT rows. Nothing of the sort is allocated per chunk: buffers made on the worker and let go
 * on the main thread were returned to the worker's allocator only when the main thread's collector got to them, and
 * the worker's allocator kept them (150 MB more at the peak of a 150,000-pod dump's analysis).
 */
import { PLAN_SLOTS } from './unread-fields.js';

/** What the worker is given. */
export interface ListWorkerData {
  path: string;
  /** Bytes read at a time: the size of a slot of `chunks`. */
  chunkBytes: number;
  /** SLOTS chunks of chunkBytes. */
  chunks: SharedArrayBuffer;
  /** SLOTS × ROWS_PER_SLOT rows of ITEM_SLOTS numbers. */
  rows: SharedArrayBuffer;
  /** Int32 flags: IN_FLIGHT and STOP. */
  control: SharedArrayBuffer;
}

/** Chunks in the ring, filled by the worker and read by the main thread in turn. */
export const SLOTS = 8;
/** Rows a slot has room for; the rows of a chunk of more items come with its message. */
export const ROWS_PER_SLOT = 4096;

/** Index in `control` of the chunks posted and not yet let go by the main thread; the worker waits at SLOTS. */
export const IN_FLIGHT = 0;
/** Index in `control` of the flag the main thread sets when it wants no more chunks. */
export const STOP = 1;

export type ListWorkerMessage =
  | {
      type: 'chunk';
      /** The chunk's slot in the ring. */
      slot: number;
      /** Its length, up to chunkBytes. */
      length: number;
      /** Where it starts in the file. */
      offset: number;
      /** Items ending in the chunk: their rows are the slot's, then `moreRows`. */
      count: number;
      moreRows?: Float64Array;
      /** The bytes of each ENTRY.scannedSpanning item, in order. */
      spanning: Uint8Array[];
    }
  | { type: 'done'; shell: unknown; itemCount: number }
  | { type: 'error'; kind: 'syntax' | 'not-a-list' | 'other'; message: string };

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
