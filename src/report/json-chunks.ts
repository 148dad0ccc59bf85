/**
 * Pretty-printed JSON in pieces, for documents larger than V8's longest string (about 512 MB: a JSON report of a
 * 50,000-pod cluster is bigger). The document is stringified with its large arrays left out, then each of those
 * arrays is rendered a batch of elements at a time, as JSON.stringify(value, null, 2) would render it (joining the
 * pieces gives the same bytes), or with each element on one line.
 */
import { randomUUID } from 'node:crypto';

/**
 * A large array inside the document: its elements are rendered lazily, `render` turning one into its JSON value, or
 * the whole array is written by its owner (WrittenArray).
 */
export type StreamedArray<T = unknown, C = never> = RenderedArray<T> | WrittenArray<C>;

export interface RenderedArray<T = unknown> {
  items: readonly T[];
  render: (item: T) => unknown;
  /**
   * One element per line, without inner indentation: a third smaller and faster to write, and one finding per line
   * suits grep. The JSON value is the same.
   */
  oneLine?: boolean;
}

export interface WrittenArray<C = never> {
  /**
   * Writes the whole array, for a caller that can build it faster than JSON.stringify of each element (./json.ts,
   * ./sarif.ts): as with oneLine, `[\n`, then each element on a line of its own, after `inner` and separated by
   * `,\n`, then `\n${indent}]`; `[]` when empty. The pieces are written as they are: the caller escapes them as the
   * document's `escape` would (it can do so once for the pieces many elements share, rather than over every byte). A
   * piece of another type than string (C) is the caller's to expand.
   */
  chunks: (inner: string, indent: string) => Iterable<string | C>;
}

/**
 * Elements per piece: enough that pieces are few, few enough that a piece (about 60 KB of findings) stays below V8's
 * large-object size (128 KB). A larger piece is allocated in the old generation, where it waits for a full
 * collection: at 150,000 pods, 500 findings a piece left 700 MB of written report on the heap.
 */
export const BATCH = 50;

/**
 * Builds the document with `placeholder(array)` standing where a large array goes, and yields it in pieces. The
 * builder receives the placeholder function so that the large arrays can sit anywhere in the document.
 */
export type Placeholder<C = never> = <T>(array: StreamedArray<T, C>) => string;

export function* jsonChunks<C = never>(build: (placeholder: Placeholder<C>) => unknown, escape: (text: string) => string = (text) => text): Generator<string | C> {
  // Random, so that no string of the input (an object named like a placeholder) can be taken for one.
  const run = `kubethreat-streamed-array-${randomUUID()}-`;
  const arrays: Array<StreamedArray<unknown, C>> = [];
  const placeholder: Placeholder<C> = (array) => {
    arrays.push(array as StreamedArray<unknown, C>);
    return `${run}${arrays.length - 1}`;
  };
  const skeleton = JSON.stringify(build(placeholder), null, 2);
  const marker = new RegExp(`"${run}(\\d+)"`, 'g');
  let position = 0;
  for (let match = marker.exec(skeleton); match !== null; match = marker.exec(skeleton)) {
    yield escape(skeleton.slice(position, match.index));
    const lineStart = skeleton.lastIndexOf('\n', match.index) + 1;
    const indent = skeleton.slice(lineStart, lineStart + (/^ */.exec(skeleton.slice(lineStart))?.[0].length ?? 0));
    yield* arrayChunks(arrays[Number(match[1])], indent, escape);
    position = match.index + match[0].length;
  }
  yield `${escape(skeleton.slice(position))}\n`;
}

function* arrayChunks<C>(array: StreamedArray<unknown, C>, indent: string, escape: (text: string) => string): Generator<string | C> {
  const inner = `${indent}  `;
  if ('chunks' in array) {
    yield* array.chunks(inner, indent);
    return;
  }
  if (array.items.length === 0) {
    yield '[]';
    return;
  }
  const newline = `\n${inner}`;
  let batch: string[] = [];
  for (let index = 0; index < array.items.length; index++) {
    const item = array.items[index];
    batch.push(index === 0 ? '[\n' : ',\n', inner);
    batch.push(array.oneLine === true ? JSON.stringify(array.render(item)) : JSON.stringify(array.render(item), null, 2).replaceAll('\n', newline));
    if ((index + 1) % BATCH === 0) {
      yield escape(batch.join(''));
      batch = [];
    }
  }
  batch.push(`\n${indent}]`);
  yield escape(batch.join(''));
}
