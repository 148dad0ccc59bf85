/**
 * Test support: YAML text → K8sObjects, the way a loader would build them (source file and line of each
 * document). Kept small and local so the RBAC tests do not depend on the real loader.
 */
import { LineCounter, parseAllDocuments } from 'yaml';
import { asRecord, asString, asStringMap, isRecord } from '../model/json.js';
import type { K8sObject } from '../model/object.js';

export function objectsFromYaml(text: string, file = 'test.yaml'): K8sObject[] {
  const lineCounter = new LineCounter();
  const objects: K8sObject[] = [];
  parseAllDocuments(text, { lineCounter }).forEach((document, index) => {
    if (document.errors.length > 0) throw new Error(`${file}: ${document.errors[0].message}`);
    const raw: unknown = document.toJS();
    if (!isRecord(raw)) return;
    const metadata = asRecord(raw.metadata) ?? {};
    const position = lineCounter.linePos(document.contents?.range?.[0] ?? 0);
    const namespace = asString(metadata.namespace);
    objects.push({
      apiVersion: asString(raw.apiVersion) ?? '',
      kind: asString(raw.kind) ?? '',
      metadata: {
        name: asString(metadata.name) ?? '',
        ...(namespace !== undefined ? { namespace } : {}),
        labels: asStringMap(metadata.labels),
        annotations: asStringMap(metadata.annotations),
      },
      raw,
      source: { file, line: position.line, column: position.col, document: index, pathInDocument: [] },
    });
  });
  return objects;
}
