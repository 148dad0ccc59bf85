/**
 * JSON files, read the fast way: a List dump is streamed item by item and parsed natively; anything else (a single
 * object, malformed JSON) goes back to the text path, whose YAML parser names the line of a syntax error.
 */
import { createReadStream } from 'node:fs';
import type { FieldPath, K8sObject, SourceRef } from '../model/object.js';
import type { InputProblem } from './problems.js';
import { addObject } from './to-object.js';
import { NotAListError, streamListBatches, type StreamedItem } from './json-list-stream.js';
import { ReadOnThisThread, threadedListBatches } from './threaded-list-stream.js';
import { jsonValueRange } from './json-locate.js';
import { UnreadFieldSkipper } from './unread-fields.js';
import { blankJsonValue, isSecretKind, SECRET_VALUE_PATHS } from './sanitize.js';
import { isRecord } from '../model/json.js';
import type { StringPool } from './string-pool.js';
import { LoadLedger } from './load-ledger.js';
import { timed, timedAsync } from '../engine/timings.js';

export type JsonLoad = { handled: true; objects: K8sObject[]; problems: InputProblem[] } | { handled: false };

/** How a List on disk is read. */
export interface JsonReadOptions {
  /** On two threads (threaded-list-stream.ts), for a file read from disk. */
  threaded?: boolean;
  /** Bytes read at a time. */
  chunkBytes?: number;
}

/**
 * Streams a List from `source` (a file path, or the file's bytes already in memory). Each object kept is noted in
 * `ledger` as it is read: the caller takes the notes when the file is handled, and drops them when it is not.
 */
export async function loadJsonList(source: string | Buffer, name: string, cluster: string | undefined, strings?: StringPool, ledger?: LoadLedger, read: JsonReadOptions = {}): Promise<JsonLoad> {
  const chunkBytes = read.chunkBytes ?? 1 << 20;
  if (typeof source === 'string' && read.threaded === true) {
    // Noted apart, so that a read begun again on this thread starts from an empty ledger.
    const notes = ledger !== undefined ? new LoadLedger() : undefined;
    try {
      const loaded = await timedAsync(`load: ${name} on two threads`, () => loadItems(threadedListBatches(source, chunkBytes), source, name, cluster, strings, notes));
      if (loaded.handled && notes !== undefined) ledger!.absorb(notes);
      return loaded;
    } catch (error) {
      if (!(error instanceof ReadOnThisThread)) throw error;
      // Said with the timings (KUBETHREAT_TIMINGS=1): the read goes on as it would have on one thread.
      timed(`load: ${name} read again on one thread (${error.message})`, () => undefined);
    }
  }
  const chunks: AsyncIterable<Uint8Array> = typeof source === 'string' ? createReadStream(source, { highWaterMark: chunkBytes }) : single(source);
  // Items are parsed without what addObject would drop unread (managedFields, most statuses, a controller's Pod's spec).
  return loadItems(streamListBatches(chunks, undefined, new UnreadFieldSkipper().parse), source, name, cluster, strings, ledger);
}

async function loadItems(batches: AsyncIterable<StreamedItem[]>, source: string | Buffer, name: string, cluster: string | undefined, strings?: StringPool, ledger?: LoadLedger): Promise<JsonLoad> {
  const result = { objects: [] as K8sObject[], problems: [] as InputProblem[] };
  // Pods of controllers are analysed through the controller: kept without their spec (see partial-pods.ts).
  const options = { partialManagedPods: true, dropBookkeeping: true, strings: strings?.forJsonValues(), ledger };
  // Items of a dump read from disk are located to the object: its bytes are not kept (see locate.ts).
  const ItemSource = listItemSourceOf(name, cluster, typeof source === 'string');
  try {
    for await (const batch of batches) {
      for (const item of batch) {
        const ref = new ItemSource(item.line, item.column, item.index, item.start, item.end);
        const kept = addObject(item.value, ref, result, describeItem, options);
        if (typeof source === 'string') continue;
        // The buffer is kept to locate fields: a skipped item may be a Secret nobody recognised, so it goes entirely.
        if (!kept) blankJsonValue(source, item.start, item.end);
        else if (isSecretItem(item.value)) blankSecretValues(source, item.start, item.end);
      }
    }
  } catch (error) {
    if (error instanceof NotAListError || error instanceof SyntaxError) return { handled: false };
    throw error;
  }
  return { handled: true, ...result };
}

/** How a problem names an item (made only for a problem, not for each of the items). */
const describeItem = (source: SourceRef): string => `item ${String(source.pathInDocument[1])} of the List`;

/**
 * Where an item of a List is: its path in the document and its byte span are made when asked for, from plain
 * numbers, rather than kept as two arrays per object (about 60 of the 100 bytes of a SourceRef, i.e. 25 MB of
 * the references of a 150,000-pod dump). The file and cluster, the same for every item of a file, are held by the
 * prototype (see listItemSourceOf).
 */
abstract class ListItemSource implements SourceRef {
  declare readonly file: string;
  declare cluster?: string;
  declare readonly fieldsUnlocated?: boolean;
  constructor(
    readonly line: number,
    readonly column: number,
    private readonly index: number,
    private readonly start: number,
    private readonly end: number,
  ) {}

  get document(): number {
    return 0;
  }

  get pathInDocument(): FieldPath {
    return ['items', this.index];
  }

  get byteSpan(): readonly [number, number] {
    return [this.start, this.end];
  }
}

/**
 * The class of the items of one file, whose prototype holds the file, the cluster and whether fields are located: an
 * own field is 8 bytes of each of the 400,000 items of a 150,000-pod dump, and an own cluster (added after
 * construction) a property array of 40. Writable, so that a cluster set later on one item (a snapshot's annotation)
 * stays that item's own.
 */
function listItemSourceOf(file: string, cluster: string | undefined, fieldsUnlocated: boolean): new (line: number, column: number, index: number, start: number, end: number) => ListItemSource {
  class ItemOfFile extends ListItemSource {}
  Object.defineProperty(ItemOfFile.prototype, 'file', { value: file, writable: true, enumerable: true, configurable: true });
  if (fieldsUnlocated) Object.defineProperty(ItemOfFile.prototype, 'fieldsUnlocated', { value: true, configurable: true });
  if (cluster !== undefined) Object.defineProperty(ItemOfFile.prototype, 'cluster', { value: cluster, writable: true, enumerable: true, configurable: true });
  return ItemOfFile;
}

function isSecretItem(value: unknown): boolean {
  return isRecord(value) && isSecretKind(String(value.apiVersion ?? ''), String(value.kind ?? ''));
}

/** The buffer is kept to locate fields: the Secret's values are blanked in it first. */
function blankSecretValues(buffer: Buffer, start: number, end: number): void {
  for (const path of SECRET_VALUE_PATHS) {
    const range = jsonValueRange(buffer, start, end, path);
    if (range) blankJsonValue(buffer, range[0], range[1]);
  }
}

async function* single(buffer: Buffer): AsyncGenerator<Uint8Array> {
  yield buffer;
}

/** Whether a file's first meaningful byte opens a JSON object. */
export function looksLikeJson(head: Buffer): boolean {
  for (const byte of head) {
    if (byte === 0x20 || byte === 0x0a || byte === 0x0d || byte === 0x09) continue;
    return byte === 0x7b; // {
  }
  return false;
}
