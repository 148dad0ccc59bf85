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

  /** A change in the original's terms: lines [originalStart, originalEnd) become `lines`; before-lines it covers. */
  interface Replacement {
    beforeStart: number;
    beforeEnd: number;
    originalStart: number;
    originalEnd: number;
    lines: string[];
  }
  const between = (start: number, end: number): Replacement => {
    while (start > 0 && !isAnchor(start - 1)) start--;
    while (end < b.length && !isAnchor(end)) end++;
    return {
      beforeStart: start,
      beforeEnd: end,
      originalStart: start === 0 ? 0 : toOriginal[start - 1] + 1,
      originalEnd: end === b.length ? o.length : toOriginal[end],
      lines: a.slice(start === 0 ? 0 : toAfter[start - 1] + 1, end === b.length ? a.length : toAfter[end]),
    };
  };
  const insertion = (at: number, position: number, lines: string[]): Replacement => ({ beforeStart: at, beforeEnd: at, originalStart: position, originalEnd: position, lines });

  const replacements: Replacement[] = [];
  for (const change of changes) {
    if (change.kind !== 'change') continue;
    const added = a.slice(change.bStart, change.bEnd);
    const at = change.aStart;
    let next: Replacement;
    // Added lines need one neighbour the original shares: the line before, else the one after (the line before may
    // be one the library prints its own way, `resources: {}` for `resources:` and `{}`, which is then kept).
    if (at === change.aEnd && at > 0 && isAnchor(at - 1)) next = insertion(at, toOriginal[at - 1] + 1, added);
    else if (at === change.aEnd && (at === b.length || isAnchor(at))) next = insertion(at, at === b.length ? o.length : toOriginal[at], added);
    else next = between(change.aStart, change.aEnd);
    const previous = replacements.at(-1);
    if (previous && (next.originalStart < previous.originalEnd || next.beforeStart < previous.beforeEnd)) {
      replacements[replacements.length - 1] = between(Math.min(previous.beforeStart, next.beforeStart), Math.max(previous.beforeEnd, next.beforeEnd));
    } else replacements.push(next);
  }

  const out: string[] = [];
  let copied = 0;
  for (const replacement of replacements) {
    out.push(...o.slice(copied, replacement.originalStart), ...replacement.lines);
    copied = replacement.originalEnd;
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
