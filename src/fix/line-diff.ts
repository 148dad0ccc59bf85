/**
 * A line diff (Myers' O((N+M)·D) algorithm, with the common head and tail stripped first): the alignment the
 * reformatting-proof YAML merge and the unified diff are built on. Written here rather than taken from npm because
 * both callers need the raw alignment, not a patch, and it is eighty lines.
 */

/** A run of lines: `equal` in both, or `change`: a[aStart, aEnd) replaced by b[bStart, bEnd) (either may be empty). */
export interface DiffChunk {
  kind: 'equal' | 'change';
  aStart: number;
  aEnd: number;
  bStart: number;
  bEnd: number;
}

/** Past this many differences the middle is reported as one change: a diff that large is no longer read line by line. */
const MAX_DIFFERENCES = 2000;

export function diffLines(a: readonly string[], b: readonly string[]): DiffChunk[] {
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  const pairs = middlePairs(a.slice(head, a.length - tail), b.slice(head, b.length - tail)).map(([x, y]) => [x + head, y + head] as const);
  const matched: Array<readonly [number, number]> = [];
  for (let index = 0; index < head; index++) matched.push([index, index]);
  matched.push(...pairs);
  for (let index = tail; index > 0; index--) matched.push([a.length - index, b.length - index]);
  return chunksFromMatches(matched, a.length, b.length);
}

/** The matched line pairs (indexes into a and b, increasing) of a shortest edit script. */
function middlePairs(a: readonly string[], b: readonly string[]): Array<readonly [number, number]> {
  const n = a.length;
  const m = b.length;
  if (n === 0 || m === 0) return [];
  const max = Math.min(n + m, MAX_DIFFERENCES);
  const offset = max + 1;
  let frontier = new Int32Array(2 * max + 3);
  const trace: Int32Array[] = [];
  for (let d = 0; d <= max; d++) {
    // Step d reads diagonals -d-1 … d+1 of the previous frontier: only those are kept for the way back.
    trace.push(frontier.slice(offset - d - 1, offset + d + 2));
    const next = frontier.slice();
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && frontier[offset + k - 1] < frontier[offset + k + 1]) ? frontier[offset + k + 1] : frontier[offset + k - 1] + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      next[offset + k] = x;
      if (x >= n && y >= m) return backtrack(trace, d, n, m);
    }
    frontier = next;
  }
  return []; // too different: everything in the middle is one change
}

function backtrack(trace: Int32Array[], depth: number, n: number, m: number): Array<readonly [number, number]> {
  const pairs: Array<readonly [number, number]> = [];
  let x = n;
  let y = m;
  for (let d = depth; d > 0; d--) {
    const frontier = trace[d]; // the frontier before step d, from diagonal -d-1
    const at = (k: number): number => frontier[k + d + 1];
    const k = x - y;
    const down = k === -d || (k !== d && at(k - 1) < at(k + 1));
    const previousK = down ? k + 1 : k - 1;
    const previousX = at(previousK);
    const previousY = previousX - previousK;
    const startX = down ? previousX : previousX + 1;
    const startY = startX - k;
    while (x > startX && y > startY) pairs.push([--x, --y]);
    x = previousX;
    y = previousY;
  }
  while (x > 0 && y > 0) pairs.push([--x, --y]);
  return pairs.reverse();
}

function chunksFromMatches(matched: ReadonlyArray<readonly [number, number]>, aLength: number, bLength: number): DiffChunk[] {
  const chunks: DiffChunk[] = [];
  let x = 0;
  let y = 0;
  const push = (kind: DiffChunk['kind'], aEnd: number, bEnd: number): void => {
    if (aEnd === x && bEnd === y) return;
    const previous = chunks.at(-1);
    if (previous && previous.kind === kind) {
      previous.aEnd = aEnd;
      previous.bEnd = bEnd;
    } else chunks.push({ kind, aStart: x, aEnd, bStart: y, bEnd });
    x = aEnd;
    y = bEnd;
  };
  for (const [ax, by] of matched) {
    push('change', ax, by);
    push('equal', ax + 1, by + 1);
  }
  push('change', aLength, bLength);
  return chunks;
}

/** Text → lines, each without its line break; a final line break does not make an empty last line. */
export function splitLines(text: string): string[] {
  if (text === '') return [];
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  return lines;
}
