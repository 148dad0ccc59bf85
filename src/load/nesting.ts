/**
 * Guards against documents nested deeper than any Kubernetes object, before and after parsing. The YAML parser and
 * everything after it recurse once per level, so a hostile file (100,000 brackets) would otherwise cost seconds and
 * end in a stack overflow. Both checks are iterative and linear.
 */

/** No built-in Kubernetes object nests deeper than about 30 levels; CRDs stay well under 100. */
export const DEFAULT_MAX_DEPTH = 200;

/**
 * Where nesting first exceeds `maxDepth` (1-based line and offset), or undefined. A cheap scan of the text that
 * counts flow brackets (`[`, `{`) and block levels (deeper indentation, and compact `- - -`). Brackets inside quoted
 * strings, comments, block scalars (`|`, `>`) and plain scalars (`echo {`) are text, not structure, so a script in a
 * ConfigMap cannot trip it. Counting restarts at each `---`, so one broken document cannot spill into the next.
 */
export function excessiveNesting(text: string, maxDepth: number, from = 0): { line: number; offset: number } | undefined {
  let depth = 0;
  let quote: '"' | "'" | null = null;
  let line = 1 + countLines(text, from);
  let lineStart = from;
  /** While >= 0, lines indented deeper than this belong to a block scalar and are skipped. */
  let blockScalarIndent = -1;
  /** The indentations of the block collections open at the current line. */
  const indents: number[] = [];
  let i = from;
  while (i < text.length) {
    if (i === lineStart && isDocumentMarker(text, i)) {
      depth = 0;
      quote = null;
      blockScalarIndent = -1;
      indents.length = 0;
    }
    if (i === lineStart && quote === null && depth === 0) {
      const indent = indentationAt(text, i);
      const lineEnd = endOfLine(text, i);
      const blank = indent === lineEnd - i || text[i + indent] === '\r';
      if (blockScalarIndent >= 0 && (blank || indent > blockScalarIndent)) {
        i = nextLine(text, lineEnd);
        line++;
        lineStart = i;
        continue;
      }
      blockScalarIndent = opensBlockScalar(text.slice(i, lineEnd)) ? indent : -1;
      if (!blank && text[i + indent] !== '#') {
        while (indents.length > 0 && indents[indents.length - 1] >= indent) indents.pop();
        indents.push(indent);
        if (indents.length + compactIndicators(text, i + indent, lineEnd) > maxDepth) return { line, offset: i };
      }
    }
    const ch = text[i];
    if (ch === '\n') {
      line++;
      lineStart = i + 1;
    } else if (quote !== null) {
      if (ch === '\\' && quote === '"' && text[i + 1] !== '\n') i++;
      else if (ch === quote) quote = null;
    } else if (ch === '#' && (i === lineStart || isSpace(text[i - 1]))) {
      i = endOfLine(text, i) - 1;
    } else if (ch === '"' || ch === "'") {
      if (depth > 0 ? startsFlowScalar(text, i) : startsBlockValue(text, i, lineStart)) quote = ch;
    } else if (ch === '[' || ch === '{') {
      if (depth > 0 || startsBlockValue(text, i, lineStart)) {
        depth++;
        if (depth > maxDepth) return { line, offset: i };
      }
    } else if ((ch === ']' || ch === '}') && depth > 0) {
      depth--;
    }
    i++;
  }
  return undefined;
}

/** The range of the document around `offset`: after the `---` line that opens it, up to the next `---` or `...`. */
export function documentAround(text: string, offset: number): readonly [number, number] {
  let start = 0;
  for (let at = offset; ; ) {
    const newline = at > 0 ? text.lastIndexOf('\n', at - 1) : -1;
    if (isDocumentMarker(text, newline + 1)) {
      start = newline + 4;
      break;
    }
    if (newline < 0) break;
    at = newline;
  }
  let end = text.length;
  for (let at = text.indexOf('\n', offset); at !== -1; at = text.indexOf('\n', at + 1)) {
    if (isDocumentMarker(text, at + 1) || text.startsWith('...', at + 1)) {
      end = at + 1;
      break;
    }
  }
  return [start, end];
}

/**
 * Whether the value nests deeper than `maxDepth` levels of objects and arrays. Recursive, but never deeper than
 * `maxDepth` + 1 frames, and without allocating: it reads every object of every item of a dump, and a stack of
 * {value, depth} entries with an Object.values array per object took twice as long.
 */
export function valueNestsDeeperThan(value: unknown, maxDepth: number): boolean {
  if (typeof value !== 'object' || value === null) return false;
  if (maxDepth <= 0) return true;
  if (Array.isArray(value)) {
    for (let index = 0; index < value.length; index++) {
      const child: unknown = value[index];
      if (typeof child === 'object' && child !== null && valueNestsDeeperThan(child, maxDepth - 1)) return true;
    }
  } else {
    const record = value as Record<string, unknown>;
    // for…in: parsed JSON and YAML are plain objects, whose prototype has no enumerable key.
    for (const key in record) {
      const child = record[key];
      if (typeof child === 'object' && child !== null && valueNestsDeeperThan(child, maxDepth - 1)) return true;
    }
  }
  return false;
}

/** In block context a bracket or quote starts a value only after `key: `, `- `, `? ` or at the start of a line. */
function startsBlockValue(text: string, at: number, lineStart: number): boolean {
  let j = at - 1;
  while (j >= lineStart && isSpace(text[j])) j--;
  if (j < lineStart) return true;
  if (j === at - 1) return false; // glued to the text before it: part of a plain scalar (`image: app:{tag}`)
  const indicator = text[j];
  if (indicator === ':') return true;
  return (indicator === '-' || indicator === '?') && (j === lineStart || isSpace(text[j - 1]));
}

/** Inside a flow collection a quote opens a string after an indicator or space (`["a", {"b": 'c'}]`). */
function startsFlowScalar(text: string, at: number): boolean {
  const previous = text[at - 1];
  return previous === undefined || previous === '[' || previous === '{' || previous === ',' || previous === ':' || isSpace(previous);
}

/** `key: |`, `- >-`, `key: |2 # comment`: the lines after it, indented deeper, are a block scalar's text. */
function opensBlockScalar(line: string): boolean {
  return /(?:^\s*|:\s+|(?:^|\s)-\s+)[|>][1-9+-]{0,2}\s*(?:#.*)?\r?$/.test(line);
}

/** `- - - x` opens a sequence per dash on one line (and `? ? x` a mapping per mark). */
function compactIndicators(text: string, from: number, lineEnd: number): number {
  let count = 0;
  let j = from;
  while (j < lineEnd && (text[j] === '-' || text[j] === '?') && (j + 1 === lineEnd || text[j + 1] === ' ')) {
    count++;
    j += 2;
    while (text[j] === ' ') j++;
  }
  return count;
}

/** The offset of the first `---` line strictly after `from` and before `to`, or -1. */
export function nextDocumentMarker(text: string, from: number, to: number): number {
  for (let at = text.indexOf('\n---', from); at !== -1 && at + 1 < to; at = text.indexOf('\n---', at + 1)) {
    if (isDocumentMarker(text, at + 1)) return at + 1;
  }
  return -1;
}

function isDocumentMarker(text: string, at: number): boolean {
  if (!text.startsWith('---', at)) return false;
  const after = text[at + 3];
  return after === undefined || isSpace(after);
}

function countLines(text: string, end: number): number {
  let count = 0;
  for (let at = text.indexOf('\n'); at !== -1 && at < end; at = text.indexOf('\n', at + 1)) count++;
  return count;
}

function indentationAt(text: string, at: number): number {
  let j = at;
  while (text[j] === ' ') j++;
  return j - at;
}

function endOfLine(text: string, at: number): number {
  const end = text.indexOf('\n', at);
  return end === -1 ? text.length : end;
}

function nextLine(text: string, lineEnd: number): number {
  return lineEnd >= text.length ? text.length : lineEnd + 1;
}

function isSpace(ch: string | undefined): boolean {
  return ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r';
}
