/** Writing a report where the user asked: standard output or a file. */
import { open } from 'node:fs/promises';
import { WorkerUnavailable, type ThreadedPiece } from '../report/json-findings-threaded.js';
import type { Output } from './io.js';
import { timed } from '../engine/timings.js';

/**
 * Writes a report piece by piece, to a file (replaced, as writeFile would) or to standard output. A piece a worker
 * thread can write (the findings of a large JSON report) is written by it to the file's descriptor, or to standard
 * output's when it has one and nothing waits in its queue; otherwise here.
 */
export async function writeReport(pieces: Iterable<string | ThreadedPiece>, to: Output | string): Promise<void> {
  if (typeof to !== 'string') {
    // A pipe takes the report as fast as its reader reads: without waiting for it to drain, a report of a large
    // estate (a gigabyte at 150,000 pods) would pile up in memory.
    const stream = to as Output & Partial<Pick<NodeJS.WritableStream, 'once' | 'emit'>> & { fd?: unknown; writableLength?: number };
    const write = async (text: string): Promise<void> => {
      if (stream.write(text) === false && stream.once !== undefined) await new Promise((resolve) => stream.once!('drain', resolve));
    };
    for (const piece of pieces) {
      if (typeof piece === 'string') {
        await write(piece);
        continue;
      }
      const fd = typeof stream.fd === 'number' && stream.writableLength === 0 ? stream.fd : undefined;
      let written = false;
      try {
        written = fd !== undefined && (await writtenBy(piece, fd));
      } catch (error) {
        // The reader closed the pipe (kubethreat scan … | head): the stream is told, as when its own write meets the
        // closed pipe, and its listener ends the run quietly (bin/kubethreat.js).
        if ((error as NodeJS.ErrnoException).code !== 'EPIPE' || stream.emit === undefined) throw error;
        stream.emit('error', error);
        return;
      }
      if (!written) for (const text of piece.chunks()) await write(text);
    }
    return;
  }
  const file = await open(to, 'w');
  // One write in flight while the next piece is built: the disk and the renderer work at the same time.
  let inFlight: Promise<unknown> = Promise.resolve();
  const write = async (text: string): Promise<void> => {
    await inFlight;
    inFlight = file.write(text);
  };
  try {
    for (const piece of pieces) {
      if (typeof piece === 'string') {
        await write(piece);
        continue;
      }
      await inFlight; // what comes before the piece is in the file
      if (!(await writtenBy(piece, file.fd))) for (const text of piece.chunks()) await write(text);
    }
    await inFlight;
  } finally {
    await inFlight.catch(() => undefined); // its error, if any, was thrown above
    await file.close();
  }
}

/**
 * Whether a worker wrote the piece: false when it could not start, and nothing was written. KUBETHREAT_TIMINGS=1
 * says which (`render: findings on two threads`, or `render: findings on one thread (why)`).
 */
async function writtenBy(piece: ThreadedPiece, fd: number): Promise<boolean> {
  try {
    await piece.writeTo(fd);
  } catch (error) {
    if (!(error instanceof WorkerUnavailable)) throw error;
    timed(`render: findings on one thread (${error.message})`, () => undefined);
    return false;
  }
  timed('render: findings on two threads', () => undefined);
  return true;
}
