/**
 * Applying fix edits to the text of a manifest file: YAML through the Document API, JSON through JSON.parse, and in
 * both cases carried over to the text as written (see carry-over.ts), so only the edited lines change.
 */
import { parseAllDocuments, type Document } from 'yaml';
import { isRecord } from '../model/json.js';
import type { FieldPath } from '../model/object.js';
import { getPath } from '../model/json.js';
import { applyEditsToJson, EditConflict } from './apply-json.js';
import { applyEditsToDocument, detectLayout } from './apply-yaml.js';
import { carryOver } from './carry-over.js';
import type { FixEdit } from './types.js';

/** The edits of one object, located as the loader located it (SourceRef.document and pathInDocument). */
export interface ObjectEdits {
  /** Names the object in failures, e.g. `Deployment/shop/web`. */
  key: string;
  kind: string;
  name: string;
  document: number;
  pathInDocument: FieldPath;
  edits: readonly FixEdit[];
}

export interface TextEditResult {
  text: string;
  /** Objects whose edits could not be made, with why; their edits are left out whole. */
  failures: Array<{ key: string; reason: string }>;
}

/** Same reading as the loader (src/load/parse-text.ts), so document indexes and values agree. */
const YAML_OPTIONS = { uniqueKeys: false, prettyErrors: false, version: '1.1' } as const;

export function editManifestText(text: string, objects: readonly ObjectEdits[]): TextEditResult {
  if (objects.every((object) => object.edits.length === 0)) return { text, failures: [] };
  const trimmed = text.trimStart();
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    const json = editJsonText(text, objects);
    if (json) return json;
  }
  return editYamlText(text, objects);
}

function editYamlText(text: string, objects: readonly ObjectEdits[]): TextEditResult {
  const failures: TextEditResult['failures'] = [];
  const documents = parseAllDocuments(text, YAML_OPTIONS) as Document.Parsed[];
  if (!Array.isArray(documents) || documents.some((document) => document.errors.length > 0)) {
    return { text, failures: objects.map((object) => ({ key: object.key, reason: 'the file has YAML syntax errors; fix them first' })) };
  }
  const byDocument = new Map<number, ObjectEdits[]>();
  for (const object of objects) {
    const list = byDocument.get(object.document);
    if (list) list.push(object);
    else byDocument.set(object.document, [object]);
  }
  const replacements: Array<{ start: number; end: number; text: string }> = [];
  for (const [index, edited] of [...byDocument].sort(([a], [b]) => a - b)) {
    const document = documents[index];
    if (document === undefined) {
      failures.push(...edited.map((object) => ({ key: object.key, reason: `document ${index + 1} is no longer in the file` })));
      continue;
    }
    const start = index === 0 ? 0 : documents[index - 1].range[2];
    const end = index === documents.length - 1 ? text.length : document.range[2];
    // Each document is printed in its own layout: files that concatenate manifests mix them.
    const layout = detectLayout(text.slice(start, end));
    const printOptions = { lineWidth: 0, ...layout };
    const before = document.toString(printOptions);
    let changed = false;
    for (const object of edited) {
      const value = getPath(document.toJS(), object.pathInDocument);
      if (!isRecord(value) || value.kind !== object.kind || !isRecord(value.metadata) || value.metadata.name !== object.name) {
        failures.push({ key: object.key, reason: 'the object is no longer where the scan found it' });
        continue;
      }
      const snapshot = document.clone();
      try {
        applyEditsToDocument(document, object.pathInDocument, object.edits);
        changed = true;
      } catch (error) {
        if (!(error instanceof EditConflict)) throw error;
        failures.push({ key: object.key, reason: error.message });
        document.contents = snapshot.contents; // all of an object's edits or none
      }
    }
    if (!changed) continue;
    replacements.push({ start, end, text: carryOver(text.slice(start, end), before, document.toString(printOptions)) });
  }
  let out = text;
  for (const replacement of replacements.reverse()) out = out.slice(0, replacement.start) + replacement.text + out.slice(replacement.end);
  return { text: out, failures };
}

/** undefined when the text is not JSON after all (a YAML flow mapping): the YAML path takes it. */
function editJsonText(text: string, objects: readonly ObjectEdits[]): TextEditResult | undefined {
  let root: unknown;
  try {
    root = JSON.parse(text);
  } catch {
    return undefined;
  }
  const failures: TextEditResult['failures'] = [];
  const indent = /\n(\t|[ ]+)"/.exec(text)?.[1] ?? '  ';
  const before = `${JSON.stringify(root, null, indent)}\n`;
  for (const object of objects) {
    const value = getPath(root, object.pathInDocument);
    if (object.document !== 0 || !isRecord(value) || value.kind !== object.kind || !isRecord(value.metadata) || value.metadata.name !== object.name) {
      failures.push({ key: object.key, reason: 'the object is no longer where the scan found it' });
      continue;
    }
    const copy = structuredClone(root);
    try {
      applyEditsToJson(copy, object.pathInDocument, object.edits);
      root = copy;
    } catch (error) {
      if (!(error instanceof EditConflict)) throw error;
      failures.push({ key: object.key, reason: error.message });
    }
  }
  return { text: carryOver(text, before, `${JSON.stringify(root, null, indent)}\n`), failures };
}
