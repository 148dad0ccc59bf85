/**
 * What the list worker (list-worker.ts) and the main thread (threaded-list-stream.ts) say to each other.
 */
import { PLAN_SLOTS } from './unread-fields.js';

/** What the worker is given. */
export interface ListWorkerData {
  path: string;
  /** Bytes read at a time. */
  chunkBytes: number;
  /** Int32 flags shared with the main thread: IN_FLIGHT and STOP. */
  control: SharedArrayBuffer;
}

/** Chunks posted and not yet parsed by the main thread; the worker waits at MAX_CHUNKS_IN_FLIGHT. */
export const IN_FLIGHT = 0;
/** Set by the main thread when it wants no more chunks. */
export const STOP = 1;
/** Enough to keep the main thread fed, few enough that the file is not read far ahead into memory. */
export const MAX_CHUNKS_IN_FLIGHT = 8;

export type ListWorkerMessage =
  | {
      type: 'chunk';
      /** The chunk's bytes, now the main thread's. */
      bytes: ArrayBuffer;
      /** Where the chunk starts in the file. */
      offset: number;
      /** A row of ITEM_SLOTS numbers per item ending in the chunk, in order. */
      items: Float64Array;
      /** The bytes of each ENTRY.scannedSpanning item, in order. */
      spanning: Uint8Array[];
    }
  | { type: 'done'; shell: unknown; itemCount: number }
  | { type: 'error'; kind: 'syntax' | 'not-a-list' | 'other'; message: string };

/**
 * How an item was found, the first number of its row; then its index in the List, line, column, start and end in the
 * file, and (for layoutPlanned) the plan of unread-fields.ts (PLAN_SLOTS numbers, positions in the chunk).
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

export const ITEM_SLOTS = 6 + PLAN_SLOTS;
