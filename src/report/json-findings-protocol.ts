/** The messages between ./json-findings-threaded.ts and its worker, ./json-findings-worker.ts. */
import type { FindingBlock } from './json-finding-blocks.js';

/** What the worker is started with: the file descriptor it writes to, and the indentation of the list's lines. */
export interface FindingsWorkerData {
  fd: number;
  inner: string;
  indent: string;
}

/**
 * A block to write, with the texts added since the last block; its strings come joined, `ends` where each ends.
 * Then `end`, when every block was sent: the worker closes the list.
 */
export type FindingsWorkerMessage =
  | { type: 'block'; texts: string[]; block: Omit<FindingBlock, 'strings'>; strings: string; ends: Int32Array }
  | { type: 'end' };

/** The worker's module is loaded; a block written (`first` its first finding); the list closed; or why the worker could not go on. */
export type FindingsWorkerReply = { type: 'ready' } | { type: 'written'; first: number } | { type: 'ended' } | { type: 'failed'; message: string; code?: string; syscall?: string };
