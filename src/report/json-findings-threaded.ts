/**
 * The findings list of a JSON report, written on two threads when it is large: this one describes the findings,
 * block after block (./json-finding-texts.ts), and a worker (./json-findings-worker.ts) writes their text to the
 * report's file descriptor as they come. On one thread, writing the report took 5 s at 150,000 pods (950 MB, 811,000
 * findings); on two, about 3 s, describing a finding costing about as much as writing it. Nothing written crosses
 * back: the worker's 6 MB blocks of bytes sent back to this thread made V8 collect this thread's heap nine times
 * (external memory), and the report took longer than on one thread.
 *
 * An output without a file descriptor (a test's) gets the same text from `chunks()`, on this thread, as does a
 * report too small to be worth a worker (src/report/json.ts).
 */
import { Worker } from 'node:worker_threads';
import { WorkerInbox } from '../engine/worker-inbox.js';
import type { Finding } from '../engine/finding.js';
import { BATCH } from './json-chunks.js';
import { blockChunks } from './json-finding-blocks.js';
import { FindingTexts } from './json-finding-texts.js';
import type { FindingsWorkerData, FindingsWorkerMessage, FindingsWorkerReply } from './json-findings-protocol.js';

/**
 * The worker's module, compiled: this file is src/report/, dist/report/ or the bundle in dist/cli/, each two levels
 * below the package's root. Tests run the compiled worker (npm test builds first).
 */
const WORKER_MODULE = new URL('../../dist/report/json-findings-worker.js', import.meta.url);

/** Findings a block: about 5 MB of text, a few milliseconds to describe. */
const BLOCK = 4096;

/** Blocks described ahead of the worker: it writes one while the next waits, and memory holds only a few. */
const BLOCKS_IN_FLIGHT = 3;

/** The worker could not start: nothing was written, and the list can still be written on this thread. */
export class WorkerUnavailable extends Error {}

/** A piece of a report that a worker thread can write straight to a file descriptor (see src/cli/write-report.ts). */
export interface ThreadedPiece {
  /** Written by a worker; resolves once all is written, rejects with WorkerUnavailable or the write's error. */
  writeTo(fd: number): Promise<void>;
  /** The same text, written on this thread. */
  chunks(): Iterable<string>;
}

/**
 * The findings as the report's list (see StreamedArray.chunks in ./json-chunks.ts), findings.length > 0: written on
 * this thread (chunks), or by a worker (writeTo).
 */
export class FindingsList implements ThreadedPiece {
  constructor(
    private readonly findings: readonly Finding[],
    private readonly inner: string,
    private readonly indent: string,
    /** For tests. */
    private readonly options: { blockSize?: number; workerModule?: URL } = {},
  ) {}

  *chunks(): Generator<string> {
    const texts = new FindingTexts();
    const size = this.options.blockSize ?? BLOCK;
    for (let from = 0; from < this.findings.length; from += size) {
      yield* blockChunks(texts.describe(this.findings, from, Math.min(this.findings.length, from + size)), texts.texts, this.inner, BATCH);
    }
    yield `\n${this.indent}]`;
  }

  async writeTo(fd: number): Promise<void> {
    const data: FindingsWorkerData = { fd, inner: this.inner, indent: this.indent };
    let worker: Worker;
    try {
      worker = new Worker(this.options.workerModule ?? WORKER_MODULE, { workerData: data });
    } catch (error) {
      throw new WorkerUnavailable(`cannot start the report's worker: ${String(error)}`);
    }
    const inbox = new WorkerInbox<FindingsWorkerReply>(worker, (failure) => ({
      type: 'failed',
      message: 'error' in failure ? failure.error.message : `the report's worker stopped (exit code ${failure.exitCode})`,
    }));
    try {
      // Ready once its module is loaded: until then nothing is written, and the list can still be written here.
      const first = await inbox.next();
      if (first.type !== 'ready') throw new WorkerUnavailable(`cannot start the report's worker: ${first.type === 'failed' ? first.message : first.type}`);
      const texts = new FindingTexts();
      const size = this.options.blockSize ?? BLOCK;
      let inFlight = 0;
      for (let from = 0; from < this.findings.length; from += size) {
        for (; inFlight >= BLOCKS_IN_FLIGHT; inFlight--) await nextReply(inbox);
        const { strings, ...block } = texts.describe(this.findings, from, Math.min(this.findings.length, from + size));
        // One string rather than thousands: each string of a message costs its own copy on the way.
        const ends = new Int32Array(strings.length);
        let end = 0;
        for (let index = 0; index < strings.length; index++) ends[index] = end += strings[index].length;
        const message: FindingsWorkerMessage = { type: 'block', texts: texts.unsent(), block, strings: strings.join(''), ends };
        worker.postMessage(message, [block.columns.buffer as ArrayBuffer, block.related.buffer as ArrayBuffer, ends.buffer as ArrayBuffer]);
        inFlight++;
      }
      for (; inFlight > 0; inFlight--) await nextReply(inbox);
      worker.postMessage({ type: 'end' } satisfies FindingsWorkerMessage);
      await nextReply(inbox);
    } finally {
      await worker.terminate();
    }
  }
}

/** The worker's next reply, a `written` or the `ended` after them (it replies in order); a failure is thrown. */
async function nextReply(inbox: WorkerInbox<FindingsWorkerReply>): Promise<void> {
  const reply = await inbox.next();
  if (reply.type === 'failed') throw Object.assign(new Error(reply.message), reply.code !== undefined ? { code: reply.code, syscall: reply.syscall } : {});
}
