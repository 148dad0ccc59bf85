/**
 * The two things a kubethreat snapshot adds to a `kubectl get -o json` List, and that the loader reads back:
 * - each item's cluster, as the annotation `kubethreat.io/cluster` (removed again on loading, so the object is
 *   analysed exactly as it was read), which makes one file hold several clusters;
 * - the coverage gaps of the reading, as items `apiVersion: kubethreat.io/v1, kind: InputProblem`, which load as
 *   problems, not objects, so that a scan of the snapshot reports them as the live scan did.
 * Kept apart from snapshot.ts so that the loader depends on these few lines only.
 */
import { asString, isRecord, type JsonRecord } from '../model/json.js';
import type { InputProblem } from '../load/problems.js';

export const CLUSTER_ANNOTATION = 'kubethreat.io/cluster';
export const SNAPSHOT_API_VERSION = 'kubethreat.io/v1';
export const PROBLEM_KIND = 'InputProblem';

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
  if (hint !== undefined) problem.hint = hint;
  if (skipped !== undefined) problem.skipped = skipped;
  return problem;
}

/** An InputProblem item for the snapshot; named after its position, as problems have no name of their own. */
export function problemItem(problem: InputProblem, index: number): JsonRecord {
  const recorded: JsonRecord = { severity: problem.severity, file: problem.file, message: problem.message };
  if (problem.hint !== undefined) recorded.hint = problem.hint;
  if (problem.skipped !== undefined) recorded.skipped = problem.skipped;
  return { apiVersion: SNAPSHOT_API_VERSION, kind: PROBLEM_KIND, metadata: { name: `problem-${index + 1}` }, problem: recorded };
}
