/**
 * The worker of ./json-findings-threaded.ts: writes the JSON text of the blocks of findings it is sent, in order,
 * straight to the report's file descriptor. It keeps the texts findings share as the main thread sends them, in the
 * same order, and one buffer it encodes into: nothing it writes crosses back to the main thread.
 */
import { writeSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { BATCH } from './json-chunks.js';
import { blockChunks, type FindingBlock } from './json-finding-blocks.js';
import type { FindingsWorkerData, FindingsWorkerMessage, FindingsWorkerReply } from './json-findings-protocol.js';

const port = parentPort!;
const { fd, inner, indent } = workerData as FindingsWorkerData;
const texts: string[] = [];
const encoder = new TextEncoder();
/** Bytes waiting to be written: flushed when about a megabyte is there. */
let bytes = new Uint8Array(4 << 20);
let length = 0;
const FLUSH_BYTES = 1 << 20;

/** The first failure: once a block could not be written, no later one is, so that the output has no gap. */
let failure: FindingsWorkerReply | undefined;

port.on('message', (message: FindingsWorkerMessage) => {
  let reply: FindingsWorkerReply;
  try {
    if (failure !== undefined) reply = failure;
    else if (message.type === 'end') {
      append(`\n${indent}]`);
      flush();
      reply = { type: 'ended' };
    } else {
      for (let index = 0; index < message.texts.length; index++) texts.push(message.texts[index]);
      const block: FindingBlock = { ...message.block, strings: split(message.strings, message.ends) };
      for (const piece of blockChunks(block, texts, inner, BATCH)) {
        append(piece);
        if (length >= FLUSH_BYTES) flush();
      }
      reply = { type: 'written', first: block.first };
    }
  } catch (error) {
    // A system error (a full disk, a closed pipe) keeps its code and call, as the main thread's own write would.
    const { code, syscall } = error as NodeJS.ErrnoException;
    reply = failure = { type: 'failed', message: error instanceof Error ? error.message : String(error), code, syscall };
  }
  port.postMessage(reply);
});

/** The block's strings, sent joined (see FindingsList.writeTo). */
function split(joined: string, ends: Int32Array): string[] {
  const strings = new Array<string>(ends.length);
  let start = 0;
  for (let index = 0; index < ends.length; index++) {
    strings[index] = joined.slice(start, ends[index]);
    start = ends[index];
  }
  return strings;
}

function append(text: string): void {
  // UTF-8 takes at most 3 bytes per UTF-16 unit.
  if (length + text.length * 3 > bytes.length) {
    flush();
    if (text.length * 3 > bytes.length) bytes = new Uint8Array(text.length * 3);
  }
  length += encoder.encodeInto(text, bytes.subarray(length)).written;
}

/** Writes what waits, all of it: a pipe may take a part at a time, or none for now (EAGAIN: it is full). */
function flush(): void {
  let written = 0;
  while (written < length) {
    try {
      written += writeSync(fd, bytes, written, length - written);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EAGAIN') throw error;
      Atomics.wait(PAUSE, 0, 0, 5);
    }
  }
  length = 0;
}

const PAUSE = new Int32Array(new SharedArrayBuffer(4));

port.postMessage({ type: 'ready' } satisfies FindingsWorkerReply);
