/**
 * Test helper: K8sObjects from inline YAML with real source positions, so tests read like manifests.
 * Deliberately tiny and local to src/network (the shared loader lives elsewhere and is not a dependency here).
 */
import { LineCounter, parseAllDocuments } from 'yaml';
import { asString, asStringMap, isRecord } from '../model/json.js';
import type { K8sObject } from '../model/object.js';

export function objectsFromYaml(text: string, file = 'test.yaml'): K8sObject[] {
  const lineCounter = new LineCounter();
  const documents = parseAllDocuments(text, { lineCounter });
  const objects: K8sObject[] = [];
  documents.forEach((document, documentIndex) => {
    if (document.errors.length > 0) throw new Error(`${file}: ${document.errors[0].message}`);
    const raw: unknown = document.toJS();
    if (!isRecord(raw)) return;
    const metadata = isRecord(raw.metadata) ? raw.metadata : {};
    const offset = document.contents?.range?.[0] ?? 0;
    const { line, col } = lineCounter.linePos(offset);
    const namespace = asString(metadata.namespace);
    const ownerReferences = Array.isArray(metadata.ownerReferences) ? metadata.ownerReferences.filter(isRecord) : undefined;
    objects.push({
      apiVersion: asString(raw.apiVersion) ?? '',
      kind: asString(raw.kind) ?? '',
      metadata: {
        name: asString(metadata.name) ?? '',
        ...(namespace === undefined ? {} : { namespace }),
        labels: asStringMap(metadata.labels),
        annotations: asStringMap(metadata.annotations),
        ...(ownerReferences === undefined ? {} : { ownerReferences }),
      },
      raw,
      source: { file, line, column: col, document: documentIndex, pathInDocument: [] },
    });
  });
  return objects;
}
