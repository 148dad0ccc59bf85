/**
 * What was read from clusters, saved as one `kubectl get -o json` style List, for offline scans and for support.
 * `kubethreat scan SNAPSHOT` gives the threat model the live scan gave (see snapshot-format.ts for the two
 * additions). Secrets are in it as they were read: metadata and type, never values.
 * Written as a sequence of chunks, one item at a time: a big cluster's List does not fit in one string.
 */
import type { K8sObject } from '../model/object.js';
import type { InputProblem } from '../load/problems.js';
import { isRecord } from '../model/json.js';
import { CLUSTER_ANNOTATION, clusterVersionItem, problemItem } from './snapshot-format.js';

export interface SnapshotHeader {
  /** "kubethreat 0.1.0" */
  tool: string;
  createdAt: Date;
  contexts: readonly string[];
}

/** `versions`: each cluster's Kubernetes version, as its API server reported it (LoadResult.kubernetesVersions). */
export function* snapshotChunks(objects: readonly K8sObject[], problems: readonly InputProblem[], header: SnapshotHeader, versions: ReadonlyMap<string, string> = new Map()): Generator<string> {
  const metadata = {
    resourceVersion: '',
    annotations: {
      'kubethreat.io/snapshot-of': header.contexts.join(','),
      'kubethreat.io/created-at': header.createdAt.toISOString(),
      'kubethreat.io/created-by': header.tool,
    },
  };
  yield `{\n  "apiVersion": "v1",\n  "kind": "List",\n  "metadata": ${indent(JSON.stringify(metadata, null, 2))},\n  "items": [`;
  let first = true;
  const item = (value: unknown): string => {
    const text = `${first ? '' : ','}\n    ${indent(JSON.stringify(value, null, 2), 2)}`;
    first = false;
    return text;
  };
  for (const object of objects) yield item(withCluster(object));
  for (const [index, problem] of problems.entries()) yield item(problemItem(problem, index));
  for (const [index, [cluster, version]] of [...versions].entries()) yield item(clusterVersionItem(cluster, version, index));
  yield `${first ? '' : '\n  '}]\n}\n`;
}

/** The object as read, with its cluster recorded; the object itself is left untouched. */
function withCluster(object: K8sObject): Record<string, unknown> {
  const metadata = isRecord(object.raw.metadata) ? object.raw.metadata : {};
  const annotations = isRecord(metadata.annotations) ? metadata.annotations : {};
  if (object.source.cluster === undefined) return object.raw;
  return { ...object.raw, metadata: { ...metadata, annotations: { ...annotations, [CLUSTER_ANNOTATION]: object.source.cluster } } };
}

function indent(text: string, levels = 1): string {
  return text.replace(/\n/g, `\n${'  '.repeat(levels)}`);
}
