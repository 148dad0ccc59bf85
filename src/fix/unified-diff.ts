/**
 * Unified diffs (`diff -u`, `git diff`), as `git apply` and `patch -p1` read them. Pure: text in, text out.
 */
import { diffLines, splitLines, type DiffChunk } from './line-diff.js';

export interface UnifiedDiffOptions {
  /** Lines of context around each change (3, as diff -u). */
  context?: number;
  /**
   * Lines of the old text (0-based) that must not be printed: Secret values. Context stops short of them, so a hunk
   * next to a Secret gets less context rather than showing it.
   */
  sensitive?: (line: number) => boolean;
}

/** The diff of one file; '' when nothing changed. `oldName` undefined: a new file (--- /dev/null). */
export function unifiedDiff(oldName: string | undefined, newName: string, oldText: string, newText: string, options: UnifiedDiffOptions = {}): string {
  if (oldText === newText) return '';
  const a = splitLines(oldText);
  const b = splitLines(newText);
  const context = options.context ?? 3;
  const sensitive = options.sensitive ?? (() => false);
  const changes = diffLines(a, b).filter((chunk) => chunk.kind === 'change');
  const hunks = groupHunks(changes, a.length, context, sensitive);
  const header = `--- ${oldName === undefined ? '/dev/null' : `a/${oldName}`}\n+++ b/${newName}\n`;
  return header + hunks.map((hunk) => renderHunk(hunk, a, b, oldText.endsWith('\n') || oldText === '', newText.endsWith('\n') || newText === '')).join('');
}

interface Hunk {
  aStart: number;
  aEnd: number;
  bStart: number;
  bEnd: number;
  changes: DiffChunk[];
}

function groupHunks(changes: readonly DiffChunk[], aLength: number, context: number, sensitive: (line: number) => boolean): Hunk[] {
  const hunks: Hunk[] = [];
  for (const change of changes) {
    const previous = hunks.at(-1);
    if (previous && change.aStart - previous.changes.at(-1)!.aEnd <= 2 * context) {
      previous.changes.push(change);
      continue;
    }
    hunks.push({ aStart: 0, aEnd: 0, bStart: 0, bEnd: 0, changes: [change] });
  }
  for (const hunk of hunks) {
    const first = hunk.changes[0];
    const last = hunk.changes.at(-1)!;
    let before = 0;
    while (before < context && first.aStart - before - 1 >= 0 && !sensitive(first.aStart - before - 1)) before++;
    let after = 0;
    while (after < context && last.aEnd + after < aLength && !sensitive(last.aEnd + after)) after++;
    hunk.aStart = first.aStart - before;
    hunk.bStart = first.bStart - before;
    hunk.aEnd = last.aEnd + after;
    hunk.bEnd = last.bEnd + after;
  }
  return hunks;
}

function renderHunk(hunk: Hunk, a: readonly string[], b: readonly string[], aEndsWithNewline: boolean, bEndsWithNewline: boolean): string {
  const lines: string[] = [];
  const noNewline = '\\ No newline at end of file';
  const emit = (prefix: string, text: string, isLastOfA: boolean, isLastOfB: boolean): void => {
    lines.push(prefix + text);
    if ((isLastOfA && !aEndsWithNewline && prefix !== '+') || (isLastOfB && !bEndsWithNewline && prefix === '+')) lines.push(noNewline);
  };
  let x = hunk.aStart;
  let y = hunk.bStart;
  for (const change of [...hunk.changes, { aStart: hunk.aEnd, aEnd: hunk.aEnd, bStart: hunk.bEnd, bEnd: hunk.bEnd } as DiffChunk]) {
    while (x < change.aStart) {
      const lastA = x === a.length - 1;
      const lastB = y === b.length - 1;
      // A line that ends one file without a newline but has one in the other cannot be context: it is a change.
      if ((lastA && !aEndsWithNewline) !== (lastB && !bEndsWithNewline)) {
        emit('-', a[x], lastA, false);
        emit('+', b[y], false, lastB);
      } else emit(' ', a[x], lastA, lastB);
      x++;
      y++;
    }
    for (; x < change.aEnd; x++) emit('-', a[x], x === a.length - 1, false);
    for (; y < change.bEnd; y++) emit('+', b[y], false, y === b.length - 1);
  }
  const range = (start: number, count: number): string => (count === 1 ? `${start + 1}` : `${count === 0 ? start : start + 1},${count}`);
  return `@@ -${range(hunk.aStart, hunk.aEnd - hunk.aStart)} +${range(hunk.bStart, hunk.bEnd - hunk.bStart)} @@\n${lines.join('\n')}\n`;
}
