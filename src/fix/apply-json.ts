/** Fix edits on plain JSON values (JSON files, and anything that is not YAML text). */
import { isRecord } from '../model/json.js';
import type { FieldPath } from '../model/object.js';
import type { FixEdit, JsonValue } from './types.js';

/** An edit that cannot be made as written (a path through a scalar, an index past the end of a list). */
export class EditConflict extends Error {
  override name = 'EditConflict';
}

/** Applies `edits` to `root` in place, at `base` (the object's path inside its document, e.g. ['items', 3]). */
export function applyEditsToJson(root: unknown, base: FieldPath, edits: readonly FixEdit[]): void {
  for (const edit of edits) {
    const path = [...base, ...edit.path];
    if (edit.op === 'set') setJson(root, path, edit.value);
    else if (edit.op === 'remove') removeJson(root, path);
    else appendJson(root, path, edit.value, edit.match);
  }
}

function setJson(root: unknown, path: FieldPath, value: JsonValue): void {
  const parent = containerAt(root, path.slice(0, -1), true);
  const key = path.at(-1)!;
  if (Array.isArray(parent) && typeof key === 'number' && key <= parent.length) parent[key] = structuredClone(value);
  else if (isRecord(parent) && typeof key === 'string') parent[key] = structuredClone(value);
  else throw new EditConflict(`cannot set ${describe(path)}`);
}

function removeJson(root: unknown, path: FieldPath): void {
  const parent = containerAt(root, path.slice(0, -1), false);
  const key = path.at(-1)!;
  if (Array.isArray(parent) && typeof key === 'number') {
    if (key < parent.length) parent.splice(key, 1);
  } else if (isRecord(parent) && typeof key === 'string') delete parent[key];
}

function appendJson(root: unknown, path: FieldPath, value: JsonValue, match: string | undefined): void {
  const list = containerAt(root, path, false);
  if (list === undefined || list === null) {
    setJson(root, path, [value]);
    return;
  }
  if (!Array.isArray(list)) throw new EditConflict(`${describe(path)} is not a list`);
  if (list.some((item) => sameItem(item, value, match))) return;
  list.push(structuredClone(value));
}

/** Whether a list already holds the item an `append` would add. */
export function sameItem(item: unknown, value: JsonValue, match: string | undefined): boolean {
  if (match !== undefined && isRecord(item) && isRecord(value)) return item[match] !== undefined && item[match] === value[match];
  return JSON.stringify(item) === JSON.stringify(value);
}

/** The collection at `path`; with `create`, missing mappings on the way are made (a null counts as missing). */
function containerAt(root: unknown, path: FieldPath, create: boolean): unknown {
  let current = root;
  for (let index = 0; index < path.length; index++) {
    const segment = path[index];
    let next: unknown;
    if (typeof segment === 'number') {
      if (!Array.isArray(current)) throw new EditConflict(`${describe(path.slice(0, index))} is not a list`);
      next = current[segment];
      if (next === undefined) throw new EditConflict(`${describe(path.slice(0, index + 1))} does not exist`);
    } else {
      if (!isRecord(current)) throw new EditConflict(`${describe(path.slice(0, index))} is not a mapping`);
      next = current[segment];
      if ((next === undefined || next === null) && create) next = current[segment] = {};
      else if (next === undefined || next === null) return undefined;
    }
    current = next;
  }
  return current;
}

function describe(path: FieldPath): string {
  return path.length === 0 ? 'the object' : path.map(String).join('.');
}
