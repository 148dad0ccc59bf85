/**
 * A worker thread's messages, awaited one at a time, for the workers that read a large dump
 * (src/load/threaded-list-stream.ts) and write a large report (src/report/json-findings-threaded.ts). The worker's
 * error, or its exit, arrives as a message too: the one its owner makes of it, so that whoever waits is woken.
 */
import type { Worker } from 'node:worker_threads';

/** What ended a worker: an uncaught error (its module could not load, or it threw), or its exit. */
export type WorkerFailure = { error: Error } | { exitCode: number };

export class WorkerInbox<M> {
  private readonly queue: M[] = [];
  private waiting: ((message: M) => void) | undefined;

  constructor(worker: Worker, failed: (failure: WorkerFailure) => M) {
    worker.on('message', (message: M) => this.push(message));
    worker.on('error', (error) => this.push(failed({ error })));
    worker.on('exit', (exitCode) => this.push(failed({ exitCode })));
  }

  next(): Promise<M> {
    const message = this.queue.shift();
    if (message !== undefined) return Promise.resolve(message);
    return new Promise((resolve) => (this.waiting = resolve));
  }

  private push(message: M): void {
    const waiting = this.waiting;
    this.waiting = undefined;
    if (waiting !== undefined) waiting(message);
    else this.queue.push(message);
  }
}
