/**
 * OLD and NEW → what changed, matched by fingerprint (fingerprints survive reformatting and moving manifests, so a
 * finding that only moved is unchanged). Pure and deterministic: every list comes out sorted.
 */
import { compareFindings } from '../engine/run-rules.js';
import { BOUNDARIES, atLeast, type Severity } from '../taxonomy/index.js';
import {
  DIFF_SCHEMA_VERSION,
  type ComparableControl,
  type ComparableReport,
  type ComparableWorkload,
  type ControlChange,
  type DiffFinding,
  type EscapeChange,
  type FindingChange,
  type ThreatModelDiff,
} from './types.js';

export function diffThreatModels(before: ComparableReport, after: ComparableReport): ThreatModelDiff {
  const oldOpen = byFingerprint(before.findings);
  const oldAccepted = byFingerprint(before.accepted);
  const newOpen = byFingerprint(after.findings);
  const newAccepted = byFingerprint(after.accepted);
  const known = (fingerprint: string): boolean => oldOpen.has(fingerprint) || oldAccepted.has(fingerprint);

  const added = after.findings.filter((finding) => !known(finding.fingerprint));
  const reopened = after.findings.filter((finding) => oldAccepted.has(finding.fingerprint) && !oldOpen.has(finding.fingerprint));
  const newlyAccepted = after.accepted.filter((finding) => !oldAccepted.has(finding.fingerprint));
  const resolved = [...before.findings, ...before.accepted].filter((finding) => !newOpen.has(finding.fingerprint) && !newAccepted.has(finding.fingerprint));
  const changed: FindingChange[] = [];
  let unchanged = 0;
  for (const finding of after.findings) {
    const previous = oldOpen.get(finding.fingerprint);
    if (!previous) continue;
    const changes = findingChanges(previous, finding);
    if (changes.length > 0) changed.push({ before: previous, after: finding, changes });
    else unchanged++;
  }
  const controls = controlChanges(before.controls, after.controls);
  const nodeBoundary = escapeChanges(before.workloads, after.workloads);
  return {
    schemaVersion: DIFF_SCHEMA_VERSION,
    old: before.label,
    new: after.label,
    summary: {
      added: added.length,
      reopened: reopened.length,
      resolved: resolved.length,
      changed: changed.length,
      unchanged,
      newlyAccepted: newlyAccepted.length,
      controls: controls.length,
      workloadsGainingEscapes: nodeBoundary.filter((change) => change.gained.length > 0).length,
      workloadsLosingEscapes: nodeBoundary.filter((change) => change.lost.length > 0).length,
    },
    added: added.sort(compareDiffFindings),
    reopened: reopened.sort(compareDiffFindings),
    resolved: resolved.sort(compareDiffFindings),
    changed: changed.sort((a, b) => compareDiffFindings(a.after, b.after)),
    newlyAccepted: newlyAccepted.sort(compareDiffFindings),
    controls,
    nodeBoundary,
  };
}

/**
 * The findings that fail a pull request at `threshold`: new ones, reopened ones (an acceptance removed or expired),
 * and open ones raised to the threshold from below it. Risk that was already there does not fail.
 */
export function gateFailures(diff: ThreatModelDiff, threshold: Severity): DiffFinding[] {
  const raised = diff.changed.filter((change) => atLeast(change.after.severity, threshold) && !atLeast(change.before.severity, threshold)).map((change) => change.after);
  return [...diff.added, ...diff.reopened, ...raised].filter((finding) => atLeast(finding.severity, threshold)).sort(compareDiffFindings);
}

function findingChanges(before: DiffFinding, after: DiffFinding): string[] {
  const changes: string[] = [];
  if (before.severity !== after.severity) changes.push(`severity ${before.severity} → ${after.severity}`);
  // A side without a risk (no attack graph in that report) says nothing about a change of risk.
  if (before.risk && after.risk && (before.risk.score !== after.risk.score || before.risk.level !== after.risk.level)) {
    changes.push(`risk ${before.risk.score} (${before.risk.level}) → ${after.risk.score} (${after.risk.level})`);
  }
  return changes;
}

function controlChanges(before: readonly ComparableControl[], after: readonly ComparableControl[]): ControlChange[] {
  const key = (control: ComparableControl): string => `${control.boundary}\u0000${control.control}\u0000${control.scope}`;
  const old = new Map(before.map((control) => [key(control), control]));
  const current = new Map(after.map((control) => [key(control), control]));
  const changes: ControlChange[] = [];
  for (const [id, control] of current) {
    const previous = old.get(id);
    const was = previous?.status ?? 'absent';
    if (was === control.status || (was === 'absent' && control.status === 'not-applicable')) continue;
    changes.push({ boundary: control.boundary, control: control.control, title: control.title, scope: control.scope, before: was, after: control.status, evidence: control.evidence });
  }
  for (const [id, control] of old) {
    if (current.has(id) || control.status === 'not-applicable') continue;
    changes.push({ boundary: control.boundary, control: control.control, title: control.title, scope: control.scope, before: control.status, after: 'absent', evidence: control.evidence });
  }
  return changes.sort(
    (a, b) => BOUNDARIES.indexOf(a.boundary) - BOUNDARIES.indexOf(b.boundary) || compareText(a.scope, b.scope) || compareText(a.control, b.control),
  );
}

function escapeChanges(before: readonly ComparableWorkload[], after: readonly ComparableWorkload[]): EscapeChange[] {
  const old = new Map(before.map((workload) => [workload.workload, workload]));
  const current = new Map(after.map((workload) => [workload.workload, workload]));
  const changes: EscapeChange[] = [];
  for (const name of [...new Set([...old.keys(), ...current.keys()])].sort(compareText)) {
    const was = old.get(name);
    const is = current.get(name);
    const had = new Set(was?.nodeEscapes ?? []);
    const has = new Set(is?.nodeEscapes ?? []);
    const gained = [...has].filter((id) => !had.has(id)).sort(compareText);
    const lost = [...had].filter((id) => !has.has(id)).sort(compareText);
    if (gained.length === 0 && lost.length === 0) continue;
    const placed = (is ?? was) as ComparableWorkload;
    changes.push({ workload: name, pool: placed.pool, controlPlane: placed.controlPlane, everyNode: placed.everyNode, gained, lost });
  }
  return changes;
}

function byFingerprint(findings: readonly DiffFinding[]): Map<string, DiffFinding> {
  return new Map(findings.map((finding) => [finding.fingerprint, finding]));
}

/** The engine's order of findings, on the same fields. */
export const compareDiffFindings: (a: DiffFinding, b: DiffFinding) => number = compareFindings;

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Only what is at or above `minimum` (a change counts when either side is); the counts follow. */
export function diffAtOrAbove(diff: ThreatModelDiff, minimum: Severity): ThreatModelDiff {
  if (minimum === 'info') return diff;
  const keep = (finding: DiffFinding): boolean => atLeast(finding.severity, minimum);
  const added = diff.added.filter(keep);
  const reopened = diff.reopened.filter(keep);
  const resolved = diff.resolved.filter(keep);
  const changed = diff.changed.filter((change) => keep(change.before) || keep(change.after));
  const newlyAccepted = diff.newlyAccepted.filter(keep);
  return {
    ...diff,
    summary: { ...diff.summary, added: added.length, reopened: reopened.length, resolved: resolved.length, changed: changed.length, newlyAccepted: newlyAccepted.length },
    added,
    reopened,
    resolved,
    changed,
    newlyAccepted,
  };
}
