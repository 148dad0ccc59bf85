/**
 * Text → Kubernetes objects with source positions. Pure: the caller reads the file.
 * Accepts multi-document YAML, JSON, `List` / `*List` objects and Helm-rendered output.
 */
import { LineCounter, parseAllDocuments, isMap, isSeq, type Document, type Node as YamlNode } from 'yaml';
import type { K8sObject, ObjectMeta, SourceRef } from '../model/object.js';
import { asString, asStringMap, isRecord } from '../model/json.js';
import type { InputProblem } from './problems.js';
import { dropSecretValues, isSecretKind, SECRET_VALUE_PATHS } from './sanitize.js';

export interface ParseOptions {
  cluster?: string;
  /** Aliases allowed per document before it is treated as an alias bomb. */
  maxAliasCount?: number;
  /** Deepest nesting accepted; no Kubernetes object comes near it. */
  maxDepth?: number;
}

export interface ParsedText {
  objects: K8sObject[];
  problems: InputProblem[];
  documents: number;
  /** Character ranges of Secret values in the text, to blank before the text is kept (see blankRanges). */
  secretRanges: Array<readonly [number, number]>;
}

const HELM_SOURCE = /^#\s*Source:\s*(\S.*?)\s*$/m;
const DEFAULT_MAX_DEPTH = 200;

export function looksBinary(text: string): boolean {
  return text.slice(0, 8192).includes('\u0000');
}

export function parseManifestText(text: string, file: string, options: ParseOptions = {}): ParsedText {
  const result: ParsedText = { objects: [], problems: [], documents: 0, secretRanges: [] };
  if (looksBinary(text)) {
    result.problems.push({
      severity: 'error',
      file,
      message: 'this is a binary file, not YAML or JSON',
      skipped: 'the whole file',
      hint: 'remove it from the paths you scan, or point kubethreat at the manifests only',
    });
    return result;
  }
  if (nestingDepthExceeds(text, options.maxDepth ?? DEFAULT_MAX_DEPTH)) {
    result.problems.push({
      severity: 'error',
      file,
      line: 1,
      message: `the file nests deeper than ${options.maxDepth ?? DEFAULT_MAX_DEPTH} levels; no Kubernetes object does`,
      skipped: 'the whole file',
      hint: 'check that the file is a Kubernetes manifest and not generated garbage',
    });
    return result;
  }
  const lineCounter = new LineCounter();
  let documents: Document.Parsed[];
  try {
    documents = parseAllDocuments(text, { lineCounter, uniqueKeys: true, prettyErrors: false, version: '1.1' }) as Document.Parsed[];
  } catch (error) {
    const message = error instanceof RangeError ? 'the file nests too deeply to be a Kubernetes manifest' : `cannot be parsed: ${errorMessage(error)}`;
    result.problems.push({ severity: 'error', file, message, skipped: 'the whole file' });
    return result;
  }
  if (!Array.isArray(documents)) return result;
  documents.forEach((document, index) => {
    result.documents++;
    readDocument(document, index, text, file, lineCounter, options, result);
  });
  return result;
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
  if (document.errors.length > 0) {
    const error = document.errors[0];
    const position = error.linePos?.[0] ?? docStart;
    result.problems.push({
      severity: 'error',
      file,
      line: position.line,
      column: position.col,
      message: `malformed ${file.endsWith('.json') ? 'JSON/YAML' : 'YAML'}: ${firstLine(error.message)}`,
      skipped: `document ${index + 1}`,
      hint: 'fix the syntax; the other documents of the file were still analysed',
    });
    return;
  }
  if (contents === null || contents === undefined) return; // an empty document, e.g. a trailing `---`
  let value: unknown;
  try {
    value = document.toJS({ maxAliasCount: options.maxAliasCount ?? 100 });
  } catch (error) {
    const bomb = error instanceof ReferenceError;
    result.problems.push({
      severity: 'error',
      file,
      line: docStart.line,
      message: bomb
        ? 'too many YAML aliases: this looks like an alias bomb (billion laughs)'
        : error instanceof RangeError
          ? 'the document nests too deeply to be a Kubernetes object'
          : `cannot be read: ${errorMessage(error)}`,
      skipped: `document ${index + 1}`,
      hint: bomb ? 'expand the aliases; Kubernetes manifests need very few' : undefined,
    });
    return;
  }
  if (value === null || value === undefined) return;
  const prefixText = text.slice(document.range[0], contents.range?.[0] ?? document.range[0]);
  const helmTemplate = HELM_SOURCE.exec(prefixText)?.[1];
  const position = contents.range ? lineCounter.linePos(contents.range[0]) : docStart;
  const base = { file, document: index, helmTemplate, cluster: options.cluster };

  if (isRecord(value) && typeof value.kind === 'string' && value.kind.endsWith('List') && Array.isArray(value.items)) {
    const itemsNode = isMap(contents) ? contents.get('items', true) : undefined;
    value.items.forEach((item, itemIndex) => {
      const itemNode = isSeq(itemsNode) ? (itemsNode.items[itemIndex] as YamlNode | undefined) : undefined;
      const itemPosition = itemNode?.range ? lineCounter.linePos(itemNode.range[0]) : position;
      const source: SourceRef = compact({ ...base, line: itemPosition.line, column: itemPosition.col, pathInDocument: ['items', itemIndex] });
      addObject(item, source, result, `item ${itemIndex} of the ${String(value.kind)} in document ${index + 1}`);
      if (isSecretValue(item)) result.secretRanges.push(...secretValueRanges(itemNode ?? null));
    });
    return;
  }
  const source: SourceRef = compact({ ...base, line: position.line, column: position.col, pathInDocument: [] });
  addObject(value, source, result, `document ${index + 1}`);
  if (isSecretValue(value)) result.secretRanges.push(...secretValueRanges(contents));
}

/** Validates the shape every Kubernetes object has, and builds the typed object. */
export function addObject(value: unknown, source: SourceRef, result: { objects: K8sObject[]; problems: InputProblem[] }, what: string): void {
  const problem = (message: string, hint: string): void => {
    result.problems.push({ severity: 'error', file: source.file, line: source.line, column: source.column, message, skipped: what, hint });
  };
  if (!isRecord(value)) {
    problem(`not a Kubernetes object (found ${Array.isArray(value) ? 'a list' : `a ${typeof value}`})`, 'a manifest is a mapping with apiVersion, kind and metadata');
    return;
  }
  const apiVersion = asString(value.apiVersion);
  const kind = asString(value.kind);
  const metadataValue = value.metadata;
  if (!kind || apiVersion === undefined) {
    problem(`not a Kubernetes object: ${!kind ? 'kind' : 'apiVersion'} is missing`, 'every manifest needs apiVersion and kind');
    return;
  }
  if (!isRecord(metadataValue)) {
    problem(`${kind} has no metadata`, 'add metadata.name');
    return;
  }
  const generateName = asString(metadataValue.generateName);
  const name = asString(metadataValue.name) ?? (generateName ? `${generateName}*` : undefined);
  if (!name) {
    problem(`${kind} has no metadata.name`, 'add metadata.name (or generateName)');
    return;
  }
  let raw = value;
  let secretKeys: string[] | undefined;
  if (isSecretKind(apiVersion, kind)) {
    const sanitized = dropSecretValues(value);
    raw = sanitized.raw;
    secretKeys = sanitized.keys;
  }
  const metadata: ObjectMeta = {
    name,
    labels: asStringMap(metadataValue.labels),
    annotations: asStringMap(metadataValue.annotations),
  };
  const namespace = asString(metadataValue.namespace);
  if (namespace) metadata.namespace = namespace;
  const uid = asString(metadataValue.uid);
  if (uid) metadata.uid = uid;
  if (Array.isArray(metadataValue.ownerReferences)) {
    metadata.ownerReferences = metadataValue.ownerReferences.filter(isRecord).map((owner) => ({
      apiVersion: asString(owner.apiVersion),
      kind: asString(owner.kind),
      name: asString(owner.name),
      uid: asString(owner.uid),
      controller: owner.controller === true,
    }));
  }
  const object: K8sObject = { apiVersion, kind, metadata, raw, source };
  if (secretKeys) object.secretKeys = secretKeys;
  result.objects.push(object);
}

/**
 * Counts bracket and indentation nesting without recursion, so a hostile file cannot overflow the stack of the
 * parser. Approximate for block YAML (indent / 2), exact for flow collections and JSON.
 */
function nestingDepthExceeds(text: string, maxDepth: number): boolean {
  let depth = 0;
  let inString: '"' | "'" | null = null;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (inString) {
      if (ch === '\\' && inString === '"') i++;
      else if (ch === inString) inString = null;
      continue;
    }
    if (ch === '"' || ch === "'") {
      // A quote only opens a string at the start of a flow scalar; inside plain scalars it is literal.
      const previous = text[i - 1];
      if (previous === undefined || /[\s,[{:]/.test(previous)) inString = ch;
    } else if (ch === '[' || ch === '{') {
      if (++depth > maxDepth) return true;
    } else if (ch === ']' || ch === '}') {
      depth = Math.max(0, depth - 1);
    } else if (ch === '#' && (i === 0 || /\s/.test(text[i - 1]))) {
      const end = text.indexOf('\n', i);
      if (end === -1) break;
      i = end - 1;
    }
  }
  return false;
}

function compact(source: SourceRef): SourceRef {
  if (source.helmTemplate === undefined) delete source.helmTemplate;
  if (source.cluster === undefined) delete source.cluster;
  return source;
}

function firstLine(message: string): string {
  return message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function isSecretValue(value: unknown): boolean {
  return isRecord(value) && isSecretKind(String(value.apiVersion ?? ''), String(value.kind ?? ''));
}

/** Where a Secret's values are in the text: the value nodes of data, stringData, binaryData and last-applied. */
function secretValueRanges(objectNode: YamlNode | null): Array<readonly [number, number]> {
  const ranges: Array<readonly [number, number]> = [];
  for (const path of SECRET_VALUE_PATHS) {
    let node: unknown = objectNode;
    for (const key of path) node = isMap(node) ? node.get(key, true) : undefined;
    const range = (node as YamlNode | undefined)?.range;
    if (range) ranges.push([range[0], range[1]]);
  }
  return ranges;
}
