/**
 * The three things a kubethreat snapshot adds to a `kubectl get -o json` List, and that a scan reads back:
 * - each item's cluster, as the annotation `kubethreat.io/cluster` (removed again on loading, so the object is
 *   analysed exactly as it was read), which makes one file hold several clusters;
 * - the coverage gaps of the reading, as items `apiVersion: kubethreat.io/v1, kind: InputProblem`, which load as
 *   problems, not objects, so that a scan of the snapshot reports them as the live scan did;
 * - each cluster's Kubernetes version, as items `apiVersion: kubethreat.io/v1, kind: ClusterVersion`, which load as
 *   LoadResult.kubernetesVersions, so that the scan of a snapshot follows the cluster's version as the live scan did.
 * Kept apart from snapshot.ts (and from the official client) so that reading a snapshot costs these few lines only.
 */
import { asString, isRecord, type JsonRecord } from '../model/json.js';
import type { K8sObject } from '../model/object.js';
import { kubernetesMinorOf } from '../model/kubernetes-version.js';
import type { InputProblem } from '../load/problems.js';

export const CLUSTER_ANNOTATION = 'kubethreat.io/cluster';
export const SNAPSHOT_API_VERSION = 'kubethreat.io/v1';
export const PROBLEM_KIND = 'InputProblem';
export const CLUSTER_VERSION_KIND = 'ClusterVersion';

/** The cluster an item was read from, removing the annotation that carried it (and annotations, if now empty). */
export function takeClusterAnnotation(metadata: JsonRecord): string | undefined {
  const annotations = metadata.annotations;
  if (!isRecord(annotations)) return undefined;
  const cluster = asString(annotations[CLUSTER_ANNOTATION]);
  if (cluster === undefined) return undefined;
  delete annotations[CLUSTER_ANNOTATION];
  if (Object.keys(annotations).length === 0) delete metadata.annotations;
  return cluster;
}

export function isSnapshotProblem(apiVersion: string, kind: string): boolean {
  return apiVersion === SNAPSHOT_API_VERSION && kind === PROBLEM_KIND;
}

/** The problem an InputProblem item records; undefined when the item is malformed. */
export function snapshotProblem(value: JsonRecord): InputProblem | undefined {
  const recorded = isRecord(value.problem) ? value.problem : undefined;
  const severity = asString(recorded?.severity);
  const file = asString(recorded?.file);
  const message = asString(recorded?.message);
  if (!recorded || !file || !message || (severity !== 'error' && severity !== 'warning' && severity !== 'notice')) return undefined;
  const problem: InputProblem = { severity, file, message };
  const hint = asString(recorded.hint);
  const skipped = asString(recorded.skipped);
  const unlisted = asString(recorded.unlisted);
  const cluster = asString(recorded.cluster);
  const partlyListed = Array.isArray(recorded.partlyListed) ? recorded.partlyListed.filter((entry): entry is string => typeof entry === 'string') : undefined;
  if (hint !== undefined) problem.hint = hint;
  if (skipped !== undefined) problem.skipped = skipped;
  if (unlisted !== undefined) problem.unlisted = unlisted;
  if (cluster !== undefined) problem.cluster = cluster;
  if (partlyListed !== undefined) problem.partlyListed = partlyListed;
  return problem;
}

/** An InputProblem item for the snapshot; named after its position, as problems have no name of their own. */
export function problemItem(problem: InputProblem, index: number): JsonRecord {
  const recorded: JsonRecord = { severity: problem.severity, file: problem.file, message: problem.message };
  if (problem.hint !== undefined) recorded.hint = problem.hint;
  if (problem.skipped !== undefined) recorded.skipped = problem.skipped;
  if (problem.unlisted !== undefined) recorded.unlisted = problem.unlisted;
  if (problem.cluster !== undefined) recorded.cluster = problem.cluster;
  if (problem.partlyListed !== undefined) recorded.partlyListed = [...problem.partlyListed];
  return { apiVersion: SNAPSHOT_API_VERSION, kind: PROBLEM_KIND, metadata: { name: `problem-${index + 1}` }, problem: recorded };
}

/** A ClusterVersion item for the snapshot: the cluster's name is a field, as a context's name need not be a valid object name. */
export function clusterVersionItem(cluster: string, kubernetesVersion: string, index: number): JsonRecord {
  return { apiVersion: SNAPSHOT_API_VERSION, kind: CLUSTER_VERSION_KIND, metadata: { name: `cluster-${index + 1}` }, cluster, kubernetesVersion };
}

/**
 * Loaded objects → the objects and problems a snapshot recorded: InputProblem items become problems, ClusterVersion
 * items the clusters' versions (`kubernetesVersions`), and objects annotated with a cluster belong to it, the
 * annotation removed. Anything else passes unchanged, so this is a no-op
 * on input that is not a snapshot.
 */
export function readSnapshotConventions(loaded: { objects: K8sObject[]; problems: InputProblem[]; kubernetesVersions?: Map<string, string> }): void {
  let kept = 0;
  for (const object of loaded.objects) {
    if (object.apiVersion === SNAPSHOT_API_VERSION && object.kind === CLUSTER_VERSION_KIND) {
      const cluster = asString(object.raw.cluster);
      const version = asString(object.raw.kubernetesVersion);
      if (cluster !== undefined && version !== undefined && kubernetesMinorOf(version) !== undefined) (loaded.kubernetesVersions ??= new Map()).set(cluster, version);
      else loaded.problems.push({ severity: 'error', file: object.source.file, line: object.source.line, message: 'a kubethreat ClusterVersion item without a cluster and a Kubernetes version like v1.31.2', skipped: 'this item', hint: 'the snapshot was edited: take a new one' });
      continue;
    }
    if (isSnapshotProblem(object.apiVersion, object.kind)) {
      const problem = snapshotProblem(object.raw);
      if (problem) loaded.problems.push(problem);
      else loaded.problems.push({ severity: 'error', file: object.source.file, line: object.source.line, message: 'a kubethreat InputProblem item without severity, file and message', skipped: 'this item', hint: 'the snapshot was edited: take a new one' });
      continue;
    }
    if (object.metadata.annotations[CLUSTER_ANNOTATION] !== undefined && isRecord(object.raw.metadata)) {
      const cluster = takeClusterAnnotation(object.raw.metadata);
      if (cluster !== undefined) object.source.cluster = cluster;
      delete object.metadata.annotations[CLUSTER_ANNOTATION];
    }
    loaded.objects[kept++] = object;
  }
  loaded.objects.length = kept;
}
