/**
 * Carrying an edit over to the text as the user wrote it. A YAML (or JSON) library prints a document its own way:
 * indentation, flow-collection padding, comment spacing, line folding. Printing the edited document would rewrite
 * every line the printer formats differently. Instead:
 *   before = the library's printing of the document as read, after = its printing of the edited document;
 *   the changes from before to after are the edit, and the lines `before` shares with the original anchor them.
 * Each change replaces the original lines between its anchors, so only the lines around the edit are touched
 * (a change next to a reformatted line takes that line with it, printed the library's way).
 */
import { diffLines, splitLines, type DiffChunk } from './line-diff.js';

export function carryOver(original: string, before: string, after: string): string {
  if (before === after) return original;
  const crlf = original.includes('\r\n');
  const o = splitLines(crlf ? original.replace(/\r\n/g, '\n') : original);
  const b = splitLines(before);
  const a = splitLines(after);
  const changes = diffLines(b, a);
  const toOriginal = middleLineMap(diffLines(o.map(loosely), b.map(loosely)), b.length, 'second');
  const toAfter = middleLineMap(changes, b.length, 'first');
  const isAnchor = (line: number): boolean => toOriginal[line] >= 0 && toAfter[line] >= 0;

  const ranges: Array<[number, number]> = [];
  for (const change of changes) {
    if (change.kind !== 'change') continue;
    let start = change.aStart;
    let end = change.aEnd;
    while (start > 0 && !isAnchor(start - 1)) start--;
    while (end < b.length && !isAnchor(end)) end++;
    const previous = ranges.at(-1);
    if (previous && start <= previous[1]) previous[1] = Math.max(previous[1], end);
    else ranges.push([start, end]);
  }

  const out: string[] = [];
  let copied = 0;
  for (const [start, end] of ranges) {
    const originalStart = start === 0 ? 0 : toOriginal[start - 1] + 1;
    const originalEnd = end === b.length ? o.length : toOriginal[end];
    const afterStart = start === 0 ? 0 : toAfter[start - 1] + 1;
    const afterEnd = end === b.length ? a.length : toAfter[end];
    out.push(...o.slice(copied, originalStart), ...a.slice(afterStart, afterEnd));
    copied = originalEnd;
  }
  out.push(...o.slice(copied));
  const newline = crlf ? '\r\n' : '\n';
  const endsWithNewline = original === '' || original.endsWith('\n');
  return out.join(newline) + (endsWithNewline && out.length > 0 ? newline : '');
}

/** For each line of `before` (the middle text, on the given side of the diff), the line it equals on the other side, or -1. */
function middleLineMap(chunks: readonly DiffChunk[], length: number, middleIs: 'first' | 'second'): Int32Array {
  const map = new Int32Array(length).fill(-1);
  for (const chunk of chunks) {
    if (chunk.kind !== 'equal') continue;
    const [from, to] = middleIs === 'second' ? [chunk.bStart, chunk.aStart] : [chunk.aStart, chunk.bStart];
    for (let index = 0; index < chunk.aEnd - chunk.aStart; index++) map[from + index] = to + index;
  }
  return map;
}

/**
 * A line as the anchoring compares it: the library pads flow collections (`[ "ALL" ]`) and puts one space before a
 * comment. Indentation stays significant: it is what tells two `name: x` lines apart.
 */
function loosely(line: string): string {
  const indent = line.length - line.trimStart().length;
  const content = line
    .slice(indent)
    .trimEnd()
    .replace(/([[{])\s+/g, '$1')
    .replace(/\s+([\]}])/g, '$1')
    .replace(/\s+#/g, ' #');
  return line.slice(0, indent) + content;
}
