/** The threat-model diff between two versions of an estate: what a pull request adds, removes and changes. */
import type { ObjectRef, Location } from '../model/object.js';
import type { Boundary, Severity } from '../taxonomy/index.js';

export const DIFF_SCHEMA_VERSION = '1.0';

/** A finding as the diff needs it: read the same way from a JSON report and from a fresh scan. */
export interface DiffFinding {
  fingerprint: string;
  ruleId: string;
  title: string;
  severity: Severity;
  boundary: Boundary;
  object: ObjectRef;
  container?: string;
  path: string;
  location: Location;
  message: string;
  risk?: { score: number; level: Severity };
  /** For accepted findings: the decision that covers it. */
  acceptance?: { reason: string; expires: string; owner?: string };
}

export type ControlStatusOrAbsent = 'present' | 'missing' | 'weak' | 'not-applicable' | 'absent';

export interface ComparableControl {
  boundary: Boundary;
  control: string;
  title: string;
  scope: string;
  status: ControlStatusOrAbsent;
  evidence: string;
}

export interface ComparableWorkload {
  /** Kind/namespace/name */
  workload: string;
  pool: string;
  controlPlane: boolean;
  everyNode: boolean;
  nodeEscapes: string[];
}

/** One side of the diff. */
export interface ComparableReport {
  /** What the user named: a report file or the manifests scanned. */
  label: string;
  findings: DiffFinding[];
  accepted: DiffFinding[];
  controls: ComparableControl[];
  workloads: ComparableWorkload[];
}

export interface FindingChange {
  before: DiffFinding;
  after: DiffFinding;
  /** In words: "severity medium → high", "risk 4 (low) → 12 (high)". */
  changes: string[];
}

export interface ControlChange {
  boundary: Boundary;
  control: string;
  title: string;
  scope: string;
  before: ControlStatusOrAbsent;
  after: ControlStatusOrAbsent;
  /** The evidence on the new side (or the old one for a row that is gone). */
  evidence: string;
}

export interface EscapeChange {
  workload: string;
  pool: string;
  controlPlane: boolean;
  everyNode: boolean;
  /** Node escapes the workload has now and did not have. */
  gained: string[];
  /** Node escapes it had and has no more. */
  lost: string[];
}

export interface DiffSummary {
  added: number;
  reopened: number;
  resolved: number;
  changed: number;
  unchanged: number;
  newlyAccepted: number;
  controls: number;
  workloadsGainingEscapes: number;
  workloadsLosingEscapes: number;
}

export interface ThreatModelDiff {
  schemaVersion: string;
  old: string;
  new: string;
  summary: DiffSummary;
  /** Open in NEW, absent from OLD. */
  added: DiffFinding[];
  /** Open in NEW, accepted in OLD: the acceptance was removed or has expired. */
  reopened: DiffFinding[];
  /** In OLD (open or accepted), absent from NEW. */
  resolved: DiffFinding[];
  /** Open in both, with a different severity or risk. */
  changed: FindingChange[];
  /** Accepted in NEW, and open in OLD or absent from it. */
  newlyAccepted: DiffFinding[];
  controls: ControlChange[];
  nodeBoundary: EscapeChange[];
}
