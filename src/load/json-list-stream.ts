/**
 * Reads a `kubectl get -o json` List dump as a stream, item by item, so that dumps larger than V8's largest string
 * (about 512 MB) load with memory proportional to the objects kept, not to the file. Each element of the top-level
 * `items` array is handed to the native JSON.parse on its own: streaming JSON libraries build every value token by
 * token in JavaScript and are an order of magnitude slower. list-scanner.ts finds where the elements are.
 */
import { ListScanner, type ItemParser, type ListShell, type StreamedItem } from './list-scanner.js';

export { NotAListError, type ItemParser, type ListShell, type StreamedItem } from './list-scanner.js';

/**
 * Yields every item of the top-level `items` array. Returns the shell (the top-level object without items) when done.
 * Throws NotAListError when the top-level value has no `items` array, and SyntaxError on malformed JSON.
 */
export async function* streamListItems(chunks: AsyncIterable<Uint8Array>): AsyncGenerator<StreamedItem, ListShell> {
  const scanner = new ListScanner();
  for await (const chunk of chunks) for (const item of scanner.scan(asBuffer(chunk))) yield item;
  return scanner.finish();
}

/**
 * The same items, in input order, a batch at a time (at most `size` items, never spanning two chunks): one await per
 * batch rather than per item, for callers that handle hundreds of thousands of items. `parseItem` parses the items
 * found by layout, instead of JSON.parse.
 */
export async function* streamListBatches(chunks: AsyncIterable<Uint8Array>, size = 256, parseItem?: ItemParser): AsyncGenerator<StreamedItem[], ListShell> {
  const scanner = new ListScanner(parseItem);
  for await (const chunk of chunks) {
    let batch: StreamedItem[] = [];
    for (const item of scanner.scan(asBuffer(chunk))) {
      batch.push(item);
      if (batch.length === size) {
        yield batch;
        batch = [];
      }
    }
    if (batch.length > 0) yield batch;
  }
  return scanner.finish();
}

function asBuffer(input: Uint8Array): Buffer {
  return Buffer.isBuffer(input) ? input : Buffer.from(input.buffer, input.byteOffset, input.byteLength);
}

