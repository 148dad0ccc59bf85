/**
 * Text → Kubernetes objects with source positions. Pure: the caller reads the file.
 * Accepts multi-document YAML, JSON, `List` / `*List` objects and Helm-rendered output. Whatever the text, the
 * result is objects and problems (each naming the line and what to do), never an exception.
 */
import { LineCounter, parseAllDocuments, isMap, isScalar, isSeq, type Document, type Node as YamlNode } from 'yaml';
import type { K8sObject, SourceRef } from '../model/object.js';
import { isRecord } from '../model/json.js';
import type { InputProblem } from './problems.js';
import { blankRanges, isSecretValue, secretValueRanges } from './sanitize.js';
import { DEFAULT_MAX_DEPTH, documentAround, excessiveNesting, nextDocumentMarker } from './nesting.js';
import { firstDuplicateKey } from './duplicate-keys.js';
import { addObject } from './to-object.js';
import type { StringPool } from './string-pool.js';

export interface ParseOptions {
  cluster?: string;
  /** Aliases allowed per document before it is treated as an alias bomb. */
  maxAliasCount?: number;
  /** Deepest nesting accepted; no Kubernetes object comes near it. */
  maxDepth?: number;
  /** Share strings with the other objects of the load (see string-pool.ts). */
  strings?: StringPool;
}

export interface ParsedText {
  objects: K8sObject[];
  problems: InputProblem[];
  documents: number;
  /** The text as parsed: the input, with documents nested too deeply to parse emptied (their line breaks kept). */
  text: string;
  /**
   * Character ranges to blank before the text is kept (see blankRanges): the values of Secrets, and every document or
   * List item that was skipped, since a Secret that could not be read is still a Secret.
   */
  secretRanges: Array<readonly [number, number]>;
}

/** The text to keep for locating fields: what was parsed, with Secret values and skipped documents blanked. */
export function textToKeep(parsed: ParsedText): string {
  return blankRanges(parsed.text, parsed.secretRanges);
}

type Range = readonly [number, number];

const HELM_SOURCE = /^#\s*Source:\s*(\S.*?)\s*$/m;

export function parseManifestText(text: string, file: string, options: ParseOptions = {}): ParsedText {
  const result: ParsedText = { objects: [], problems: [], documents: 0, text, secretRanges: [] };
  const refuseFile = (problem: Omit<InputProblem, 'severity' | 'file' | 'skipped'>): ParsedText => {
    result.problems.push({ severity: 'error', file, ...problem, skipped: 'the whole file' });
    result.secretRanges.push([0, text.length]);
    return result;
  };
  const nul = text.slice(0, 8192).indexOf('\u0000');
  if (nul !== -1) {
    return refuseFile({
      line: lineAt(text, nul),
      message: 'this is a binary file (it contains NUL bytes), not YAML or JSON',
      hint: 'remove it from the paths you scan, or point kubethreat at the manifests only',
    });
  }
  const maxDepth = options.maxDepth ?? DEFAULT_MAX_DEPTH;
  const parsedText = withoutOverlyDeepDocuments(text, file, maxDepth, result);
  result.text = parsedText;
  // JSON values one after another (`jq '.items[]'`, a shell loop of `kubectl get -o json`), as kubectl reads them.
  const values = concatenatedJsonValues(parsedText);
  if (values !== undefined && readJsonValues(parsedText, values, file, options, result)) return result;
  let parsed: RecoveredParse;
  try {
    parsed = parseRecovering(parsedText);
  } catch (error) {
    return refuseFile({
      message: isStackOverflow(error) ? 'the file nests too deeply to be a Kubernetes manifest' : `cannot be parsed: ${firstLine(errorMessage(error))}`,
      hint: 'check that it is a Kubernetes manifest',
    });
  }
  const { documents, lineCounter } = parsed;
  result.text = parsed.text;
  for (const broken of parsed.broken) {
    const position = lineCounter.linePos(broken.errorOffset);
    const skipped = `document ${broken.index + 1}`;
    result.problems.push({ severity: 'error', file, line: position.line, column: position.col, message: syntaxMessage(file, broken.message), skipped, hint: SYNTAX_HINT });
    result.secretRanges.push(broken.range);
  }
  if (!Array.isArray(documents)) return result;
  let anyContent = result.problems.length > 0;
  documents.forEach((document, index) => {
    result.documents++;
    if (!isEmptyDocument(document)) anyContent = true;
    readDocument(document, index, parsed.text, file, lineCounter, options, result);
  });
  result.problems.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
  if (!anyContent) {
    result.problems.push({
      severity: 'notice',
      file,
      message: text.trim() === '' ? 'the file is empty' : 'the file holds no Kubernetes object (only comments or empty documents)',
    });
  }
  return result;
}

/**
 * Where each top-level value of a text holding several JSON values one after another is, as [start, end) offsets;
 * undefined for anything else (one value, YAML, or something between values that is no JSON value: the YAML parser
 * then says what and where).
 */
function concatenatedJsonValues(text: string): Array<[number, number]> | undefined {
  const spans: Array<[number, number]> = [];
  let at = skipWhitespace(text, 0);
  while (at < text.length) {
    const first = text.charCodeAt(at);
    if (first !== OPEN_BRACE && first !== OPEN_BRACKET) return undefined;
    const start = at;
    let depth = 0;
    let inString = false;
    for (; at < text.length; at++) {
      const code = text.charCodeAt(at);
      if (inString) {
        if (code === BACKSLASH) at++;
        else if (code === QUOTE) inString = false;
      } else if (code === QUOTE) inString = true;
      else if (code === OPEN_BRACE || code === OPEN_BRACKET) depth++;
      else if ((code === CLOSE_BRACE || code === CLOSE_BRACKET) && --depth === 0) break;
    }
    if (depth !== 0) return undefined;
    spans.push([start, ++at]);
    at = skipWhitespace(text, at);
  }
  return spans.length >= 2 ? spans : undefined;
}

const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;

function skipWhitespace(text: string, from: number): number {
  let at = from;
  while (at < text.length && /\s/.test(text[at])) at++;
  return at;
}

/**
 * Reads each value of concatenated JSON as a document of its own, at its place in the file. Its objects are located
 * to the object, not the field (the file as a whole is no YAML stream the locator could walk). False, having read
 * nothing, when a value does not parse: the text is then read as one document, and the parser's error reported.
 */
function readJsonValues(text: string, values: ReadonlyArray<readonly [number, number]>, file: string, options: ParseOptions, result: ParsedText): boolean {
  const parsed = values.map(([start, end]) => {
    const documents = parseAllDocuments(text.slice(start, end), YAML_OPTIONS) as Document.Parsed[];
    return { start, end, document: Array.isArray(documents) && documents.length === 1 && documents[0].errors.length === 0 ? documents[0] : undefined };
  });
  if (parsed.some((value) => value.document === undefined)) return false;
  // The lines of the whole file: a position in a value is its start's offset further.
  const lines = new LineCounter();
  lines.addNewLine(0);
  for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) lines.addNewLine(at + 1);
  parsed.forEach(({ start, end, document }, index) => {
    const inFile = { linePos: (offset: number) => lines.linePos(start + offset) } as LineCounter;
    const objects = result.objects.length;
    const ranges = result.secretRanges.length;
    readDocument(document!, index, text.slice(start, end), file, inFile, options, result);
    result.documents++;
    for (let at = objects; at < result.objects.length; at++) result.objects[at].source.fieldsUnlocated = true;
    for (let at = ranges; at < result.secretRanges.length; at++) result.secretRanges[at] = [result.secretRanges[at][0] + start, result.secretRanges[at][1] + start];
  });
  result.problems.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
  return true;
}

/**
 * The text with every document that nests deeper than `maxDepth` emptied (its line breaks kept, so every other line
 * keeps its number and column), and a problem for each: the parser recurses per level, and a hostile document must
 * not cost the others.
 */
function withoutOverlyDeepDocuments(text: string, file: string, maxDepth: number, result: ParsedText): string {
  let current = text;
  let from = 0;
  for (let found = excessiveNesting(current, maxDepth, from); found !== undefined; found = excessiveNesting(current, maxDepth, from)) {
    const [start, end] = documentAround(current, found.offset);
    result.problems.push({
      severity: 'error',
      file,
      line: found.line,
      message: `the text nests deeper than ${maxDepth} levels here; no Kubernetes object does`,
      skipped: 'the document around it',
      hint: 'check that it is a Kubernetes manifest and not generated garbage',
    });
    const lineBreaks = current.slice(start, end).replace(/[^\n]+/g, '');
    current = current.slice(0, start) + lineBreaks + current.slice(end);
    from = start + lineBreaks.length;
  }
  return current;
}

interface RecoveredParse {
  text: string;
  documents: Document.Parsed[];
  lineCounter: LineCounter;
  /** Documents whose syntax error swallowed the `---` after them (an unclosed quote or bracket), blanked in `text`. */
  broken: Array<{ index: number; errorOffset: number; message: string; range: Range }>;
}

/**
 * Parses every document. A `---` at the start of a line always begins a new document, yet an unclosed quote or bracket
 * makes the parser read on through it and lose every later document. Such a broken document is blanked (offsets
 * kept) and the text parsed again, so that one typo costs one document.
 */
function parseRecovering(text: string): RecoveredParse {
  const broken: RecoveredParse['broken'] = [];
  let current = text;
  for (;;) {
    const lineCounter = new LineCounter();
    // uniqueKeys is checked in one pass afterwards: the library's check is quadratic in the keys of a mapping.
    const documents = parseAllDocuments(current, { lineCounter, ...YAML_OPTIONS }) as Document.Parsed[];
    if (!Array.isArray(documents)) return { text: current, documents: [], lineCounter, broken };
    const swallowing = broken.length < 100 ? documents.find((document) => document.errors.length > 0 && nextDocumentMarker(current, document.range[0] + 1, document.range[2]) !== -1) : undefined;
    if (!swallowing) return { text: current, documents, lineCounter, broken };
    const [start] = documentBody(current, swallowing.range);
    const end = nextDocumentMarker(current, swallowing.range[0] + 1, swallowing.range[2]);
    // Parsed alone, the document's own error is where the user has to look.
    const alone = parseAllDocuments(current.slice(start, end), YAML_OPTIONS) as Document.Parsed[];
    const error = (Array.isArray(alone) ? alone[0]?.errors[0] : undefined) ?? swallowing.errors[0];
    const errorOffset = Math.min(error === swallowing.errors[0] ? error.pos[0] : start + error.pos[0], end - 1);
    broken.push({ index: documents.indexOf(swallowing), errorOffset, message: error.message, range: [start, end] });
    current = blankRanges(current, [[start, end]]);
  }
}

const YAML_OPTIONS = { uniqueKeys: false, prettyErrors: false, version: '1.1' } as const;

const SYNTAX_HINT = 'fix the syntax there; the rest of the input was still analysed';

function syntaxMessage(file: string, message: string): string {
  return `malformed ${file.toLowerCase().endsWith('.json') ? 'JSON' : 'YAML'}: ${firstLine(message)}`;
}

function readDocument(
  document: Document.Parsed,
  index: number,
  text: string,
  file: string,
  lineCounter: LineCounter,
  options: ParseOptions,
  result: ParsedText,
): void {
  const contents = document.contents as YamlNode | null;
  const docStart = lineCounter.linePos(document.range[0]);
  const what = `document ${index + 1}`;
  const skip = (offset: number | undefined, message: string, hint: string): void => {
    const position = offset === undefined ? docStart : lineCounter.linePos(offset);
    result.problems.push({ severity: 'error', file, line: position.line, column: position.col, message, skipped: what, hint });
    result.secretRanges.push(documentBody(text, document.range));
  };
  if (document.errors.length > 0) {
    const error = document.errors[0];
    if (isStackOverflow(error)) {
      skip(contents?.range?.[0], 'the document nests too deeply to be a Kubernetes object', 'check that it is a Kubernetes manifest and not generated garbage');
      return;
    }
    skip(error.pos[0], syntaxMessage(file, error.message), SYNTAX_HINT);
    return;
  }
  if (isEmptyDocument(document) || !contents) return; // e.g. after a trailing `---`
  const duplicate = firstDuplicateKey(contents);
  if (duplicate) {
    const key = String((duplicate as { value?: unknown }).value);
    skip(duplicate.range?.[0], `malformed YAML: the key "${key}" appears twice in the same mapping`, 'keep one of them; kubectl refuses such a manifest too');
    return;
  }
  let value: unknown;
  try {
    value = document.toJS({ maxAliasCount: options.maxAliasCount ?? 100 });
  } catch (error) {
    if (error instanceof ReferenceError) {
      skip(contents.range?.[0], 'too many YAML aliases: this looks like an alias bomb (billion laughs)', 'expand the aliases; Kubernetes manifests need very few');
    } else if (isStackOverflow(error)) {
      skip(contents.range?.[0], 'the document nests too deeply to be a Kubernetes object', 'check that it is a Kubernetes manifest and not generated garbage');
    } else {
      skip(contents.range?.[0], `cannot be read: ${firstLine(errorMessage(error))}`, 'check that it is a Kubernetes manifest');
    }
    return;
  }
  if (value === null || value === undefined) return;
  // The comments before the content; those above the first `---` of a file sit before the document's own range.
  const prefixStart = index === 0 ? 0 : document.range[0];
  const prefixText = text.slice(prefixStart, contents.range?.[0] ?? document.range[0]);
  const helmTemplate = HELM_SOURCE.exec(prefixText)?.[1];
  const position = contents.range ? lineCounter.linePos(contents.range[0]) : docStart;
  const base = { file, document: index, helmTemplate, cluster: options.cluster };

  if (isRecord(value) && typeof value.kind === 'string' && value.kind.endsWith('List') && Array.isArray(value.items)) {
    const itemsNode = isMap(contents) ? contents.get('items', true) : undefined;
    value.items.forEach((item, itemIndex) => {
      const itemNode = isSeq(itemsNode) ? (itemsNode.items[itemIndex] as YamlNode | undefined) : undefined;
      const itemPosition = itemNode?.range ? lineCounter.linePos(itemNode.range[0]) : position;
      const source: SourceRef = compact({ ...base, line: itemPosition.line, column: itemPosition.col, pathInDocument: ['items', itemIndex] });
      const kept = addObject(item, source, result, `item ${itemIndex} of the ${String(value.kind)} in ${what}`, { strings: options.strings });
      if (!kept && itemNode?.range) result.secretRanges.push([itemNode.range[0], itemNode.range[1]]);
      else if (isSecretValue(item)) result.secretRanges.push(...secretValueRanges(itemNode ?? null));
    });
    return;
  }
  const source: SourceRef = compact({ ...base, line: position.line, column: position.col, pathInDocument: [] });
  const kept = addObject(value, source, result, what, { strings: options.strings });
  if (!kept) result.secretRanges.push(documentBody(text, document.range));
  else if (isSecretValue(value)) result.secretRanges.push(...secretValueRanges(contents));
}

/** A document's text after its `---` marker: what is blanked when the document is skipped (markers keep their place). */
function documentBody(text: string, range: readonly number[]): Range {
  const start = text.startsWith('---', range[0]) ? range[0] + 3 : range[0];
  return [start, Math.max(start, range[2] ?? range[1])];
}

/** A document with nothing in it but comments: Helm renders one per template that produced no object. */
function isEmptyDocument(document: Document.Parsed): boolean {
  const contents = document.contents as YamlNode | null;
  return document.errors.length === 0 && (contents === null || (isScalar(contents) && contents.value === null && contents.source === ''));
}

function compact(source: SourceRef): SourceRef {
  if (source.helmTemplate === undefined) delete source.helmTemplate;
  if (source.cluster === undefined) delete source.cluster;
  return source;
}

function firstLine(message: string): string {
  return message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
}

function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

function isStackOverflow(error: unknown): boolean {
  const message = error instanceof Error || (typeof error === 'object' && error !== null && 'message' in error) ? String((error as { message: unknown }).message) : '';
  return error instanceof RangeError || message.includes('Maximum call stack size exceeded');
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Kept here too: other loaders (live clusters) build objects the same way. */
export { addObject } from './to-object.js';
