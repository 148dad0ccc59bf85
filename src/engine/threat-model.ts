import type { Boundary, Severity } from '../taxonomy/index.js';
import type { InputProblem } from '../load/problems.js';
import type { ObjectRef } from '../model/object.js';
import type { AcceptedFinding, Finding } from './finding.js';

export const SCHEMA_VERSION = '1.0';

/** The result of an analysis: everything a reporter renders. Plain data, JSON-serialisable. */
export interface ThreatModel {
  schemaVersion: string;
  tool: { name: 'kubethreat'; version: string };
  /** ISO timestamp of the run; the only field that differs between two runs over the same input. */
  generatedAt: string;
  scope: ScanScope;
  problems: InputProblem[];
  rules: string[];
  controls: BoundaryControls[];
  workloads: WorkloadSummary[];
  nodeBoundary: NodeBoundary;
  findings: Finding[];
  summary: Summary;
  /**
   * Findings the team accepted (.kubethreat.yaml, kubethreat.io/accept annotations) while the acceptance is in force,
   * each with the acceptance that covers it. Not in `findings`, `summary` or the --fail-on decision.
   */
  accepted?: AcceptedFinding[];
  /** Findings on the cluster's own components, counted per rule, when they are not reported with the rest. */
  platform: { hidden: number; byRule: Record<string, number> };
}

export interface ScanScope {
  files: string[];
  objects: number;
  workloads: number;
  namespaces: string[];
  clusters: string[];
  defaultNamespace: string;
}

export type ControlStatus = 'present' | 'missing' | 'weak' | 'not-applicable';

/** One row of the controls matrix: a control the KCSA threat model names, for one scope (a namespace or the cluster). */
export interface ControlState {
  control: string;
  title: string;
  scope: string;
  status: ControlStatus;
  evidence: string;
}

export interface BoundaryControls {
  boundary: Boundary;
  controls: ControlState[];
}

export interface WorkloadSummary {
  object: ObjectRef;
  /** The strictest Pod Security Standards level the pod template satisfies. */
  podSecurityLevel: 'privileged' | 'baseline' | 'restricted';
  serviceAccount: string;
  /** Rule ids of settings that let the pod cross into its node. */
  nodeEscapes: string[];
  findings: number;
}

export interface NodeBoundary {
  /** Groups of workloads by the nodes they can be scheduled on. */
  pools: NodePool[];
}

export interface NodePool {
  /** e.g. "any node", "nodeSelector kubernetes.io/os=linux", "control-plane nodes". */
  name: string;
  controlPlane: boolean;
  workloads: Array<{ object: ObjectRef; everyNode: boolean; nodeEscapes: string[] }>;
}

export interface Summary {
  total: number;
  bySeverity: Record<Severity, number>;
  byBoundary: Record<Boundary, number>;
  byRule: Record<string, number>;
  /** The highest severity found, or null when there is no finding. */
  highest: Severity | null;
}
