/**
 * Fix edits on YAML documents through the `yaml` library's Document API, so comments, quoting and key order stay as
 * written. The library's own setIn is not used: on a YAML 1.1 document (how the loader reads manifests) it creates
 * missing mappings as `!!omap`, which Kubernetes rejects.
 */
import { isAlias, isCollection, isMap, isScalar, isSeq, type Document, type Node, type YAMLMap, type YAMLSeq } from 'yaml';
import { isRecord } from '../model/json.js';
import type { FieldPath, PathSegment } from '../model/object.js';
import { EditConflict, sameItem } from './apply-json.js';
import type { FixEdit, JsonValue } from './types.js';

export function applyEditsToDocument(document: Document, base: FieldPath, edits: readonly FixEdit[]): void {
  for (const edit of edits) {
    const path = [...base, ...edit.path];
    if (edit.op === 'set') setNode(document, path, edit.value);
    else if (edit.op === 'remove') removeNode(document, path);
    else appendNode(document, path, edit.value, edit.match);
  }
}

type Collection = YAMLMap<unknown, unknown> | YAMLSeq<unknown>;

function setNode(document: Document, path: FieldPath, value: JsonValue): void {
  const [parent, rest] = deepestCollection(document, path.slice(0, -1));
  const key = path.at(-1)!;
  if (rest.some((segment) => typeof segment === 'number')) throw new EditConflict(`${path.join('.')} is inside a list item that does not exist`);
  if (rest.length > 0) {
    // The mappings on the way are missing: create them with the value inside, as one plain nested object.
    const nested = rest.reduceRight<JsonValue>((inner, segment) => ({ [String(segment)]: inner }), { [String(key)]: value });
    putChild(document, parent, rest[0], (nested as Record<string, JsonValue>)[String(rest[0])]);
    return;
  }
  putChild(document, parent, key, value);
}

/** Sets `parent[key]`, replacing the old node but keeping its comments; an empty `{}` parent becomes a block mapping. */
function putChild(document: Document, parent: Collection, key: PathSegment, value: JsonValue): void {
  const old = parent.get(key, true) as Node | undefined;
  const created = document.createNode(value) as Node;
  if (old && isCollection(old) && isCollection(created) && old.items.length > 0) {
    // A list written ["A", "B"] is rewritten the same way: flow style, and its items quoted as they were.
    created.flow = old.flow === true;
    const quoting = isScalar(old.items[0]) ? old.items[0].type : undefined;
    if (quoting) for (const item of created.items) if (isScalar(item) && typeof item.value === 'string') item.type = quoting;
  }
  if (old) {
    created.comment = old.comment;
    created.commentBefore = old.commentBefore;
    created.spaceBefore = old.spaceBefore;
  }
  if (parent.flow && parent.items.length === 0) parent.flow = false;
  if (isSeq(parent)) {
    if (typeof key !== 'number' || key > parent.items.length) throw new EditConflict(`index ${String(key)} is past the end of the list`);
    parent.set(key, created);
  } else parent.set(document.createNode(key), created);
}

/** Removes the field, and the mappings it leaves empty on the way up (`securityContext: {}` says nothing). */
function removeNode(document: Document, path: FieldPath): void {
  const [parent, rest] = deepestCollection(document, path.slice(0, -1));
  if (rest.length > 0) return; // already absent
  const key = path.at(-1)!;
  if (isSeq(parent) && typeof key === 'number' && key >= parent.items.length) return;
  if (!parent.has(key)) return;
  parent.delete(key);
  if (isMap(parent) && parent.items.length === 0 && path.length > 1 && typeof path.at(-2) === 'string' && !parent.flow) removeNode(document, path.slice(0, -1));
}

function appendNode(document: Document, path: FieldPath, value: JsonValue, match: string | undefined): void {
  const [parent, rest] = deepestCollection(document, path);
  if (rest.length > 0 || !isSeq(parent)) {
    if (rest.length === 0) throw new EditConflict(`${path.join('.')} is not a list`);
    setNode(document, path, [value]);
    return;
  }
  const items = parent.toJSON() as unknown[];
  if (items.some((item) => sameItem(item, value, match))) return;
  parent.add(document.createNode(value));
  if (parent.flow && isRecord(value)) parent.flow = parent.items.length > 1; // a mapping item reads better in block style
}

/**
 * The deepest existing collection along `path`, and the segments below it that are missing. A missing or null
 * value ends the walk; a scalar where a collection must be, or an alias (an edit would change every copy), is a conflict.
 */
function deepestCollection(document: Document, path: FieldPath): [Collection, PathSegment[]] {
  let current: unknown = document.contents;
  if (!isMap(current) && !isSeq(current)) throw new EditConflict('the document is not a mapping');
  let collection: Collection = current;
  for (let index = 0; index < path.length; index++) {
    const segment = path[index];
    if (isSeq(collection) !== (typeof segment === 'number')) throw new EditConflict(`${path.slice(0, index).join('.') || 'the object'} is not a ${typeof segment === 'number' ? 'list' : 'mapping'}`);
    const child = collection.get(segment, true);
    if (isAlias(child)) throw new EditConflict(`${path.slice(0, index + 1).join('.')} is a YAML alias; edit the anchor it refers to by hand`);
    if (child === undefined || child === null || (isScalar(child) && child.value === null)) return [collection, path.slice(index)];
    if (!isMap(child) && !isSeq(child)) throw new EditConflict(`${path.slice(0, index + 1).join('.')} is not a collection`);
    collection = child;
  }
  return [collection, []];
}

/** How a document is indented, so the library prints new lines the way the file writes them. */
export interface YamlLayout {
  indent: number;
  indentSeq: boolean;
  /** `{ a: 1 }` rather than `{a: 1}`. */
  flowCollectionPadding: boolean;
}

export function detectLayout(text: string): YamlLayout {
  const steps = new Map<number, number>();
  let seqIndented = 0;
  let seqFlush = 0;
  const lines = text.split('\n');
  for (let index = 0; index + 1 < lines.length; index++) {
    const line = lines[index];
    if (!/:\s*(#.*)?$/.test(line) || /^\s*#/.test(line)) continue;
    const next = lines.slice(index + 1).find((candidate) => candidate.trim() !== '' && !candidate.trim().startsWith('#'));
    if (next === undefined) continue;
    const own = indentOf(line.replace(/^(\s*)- /, '$1  '));
    const inner = indentOf(next);
    if (/^\s*- /.test(next)) {
      if (inner > own) seqIndented++;
      else if (inner === own) seqFlush++;
    } else if (inner > own) steps.set(inner - own, (steps.get(inner - own) ?? 0) + 1);
  }
  const indent = [...steps].sort((x, y) => y[1] - x[1] || x[0] - y[0])[0]?.[0] ?? 2;
  const padded = (text.match(/[[{] [^\s\]}]/g) ?? []).length;
  const tight = (text.match(/[[{][^\s\]}]/g) ?? []).length;
  return { indent: indent >= 1 && indent <= 8 ? indent : 2, indentSeq: seqIndented >= seqFlush, flowCollectionPadding: padded >= tight };
}

function indentOf(line: string): number {
  return line.length - line.trimStart().length;
}
