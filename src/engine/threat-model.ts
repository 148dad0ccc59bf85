import type { Boundary, Severity } from '../taxonomy/index.js';
import type { InputProblem } from '../load/problems.js';
import type { Location, ObjectRef } from '../model/object.js';
import type { AcceptedFinding, Finding } from './finding.js';

/**
 * 1.1 added scope.kubernetesVersions and problems' partlyListed; 1.2 findings' admittedIn. Readers accept any 1.x: a
 * minor version only adds.
 */
export const SCHEMA_VERSION = '1.2';

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
  /** The most likely attack paths from entry points to crown jewels, best first (src/graph). */
  attackPaths?: AttackPath[];
  /** Size of the attack graph and the assumptions it rests on. */
  attackGraph?: AttackGraphSummary;
  /** Reachability under the NetworkPolicies (src/network), when the input runs pods. */
  network?: NetworkSummary;
}

export interface NetworkSummary {
  /**
   * The namespaces that run pods in the input, sorted; cells[i][j]: whether pods of namespaces[i] can connect to pods
   * of namespaces[j] on some port: 'all' (every pair of pods), 'some', or 'none'. With several clusters, namespaces
   * are named `cluster:namespace` and cells between two clusters are 'none' (see src/engine/merge-clusters.ts).
   */
  namespaceMatrix: { namespaces: string[]; cells: Array<Array<'all' | 'some' | 'none'>> };
}

/**
 * One attack path: a chain of techniques from an entry point (the internet, anonymous access, any authenticated
 * user, stolen credentials of a bound user or group, a compromised container) to a crown jewel (cluster-admin,
 * kube-system, a node, Secrets, cloud credentials, or one the user named). Reporters render `steps` in order.
 */
export interface AttackPath {
  /** Stable across runs over the same input: `<from id>=><to id>`. */
  id: string;
  /** Readable names of the entry point and the crown jewel: "the internet", "cluster-admin". */
  from: string;
  to: string;
  fromId: string;
  toId: string;
  entry: string;
  /** cluster-admin, kube-system, node, every-node, secrets, cloud or user-named. */
  jewel: string;
  steps: AttackPathStep[];
  /** Product of the steps' success probabilities, 0–1. */
  likelihood: number;
  /** likelihood × the entry point's weight × the jewel's value / 10: the ranking key. */
  score: number;
  /** One line: "the internet → cluster-admin in 4 steps: exploit an exposed workload, …". */
  summary: string;
}

export interface AttackPathStep {
  /** Catalogue id of the technique (shared/reference/attack-techniques.md), e.g. ESC-NSENTER. */
  technique: string;
  title: string;
  /** Readable positions: "Deployment shop/api", "ServiceAccount shop/api", "a node of pool \"any node\"". */
  from: string;
  to: string;
  fromId: string;
  toId: string;
  /** given, trivial, easy, moderate or hard. */
  difficulty: string;
  evidence: AttackEvidence[];
  /** The first evidence location, for reporters that show one file:line per step. */
  location?: Location;
}

export interface AttackEvidence {
  object: ObjectRef;
  /** Field path as people write it: spec.template.spec.containers[0].securityContext.privileged */
  path?: string;
  location?: Location;
  detail?: string;
}

export interface AttackGraphSummary {
  nodes: number;
  edges: number;
  entryPoints: number;
  crownJewels: number;
  /** Assumptions in words: no NetworkPolicy in the input, namespaces taken as privileged, … */
  notes: string[];
}

export interface ScanScope {
  files: string[];
  objects: number;
  workloads: number;
  namespaces: string[];
  clusters: string[];
  /**
   * The Kubernetes version each cluster was analysed at (the default RBAC policy, API removals, and what Pod Security
   * Admission's `latest` means follow it), by cluster name; absent when neither a flag nor a live cluster said.
   */
  kubernetesVersions?: KubernetesVersionUsed[];
  defaultNamespace: string;
}

export interface KubernetesVersionUsed {
  /** The cluster's name; absent for an input that names none. */
  cluster?: string;
  /** As given: `v1.31`, or as the API server reported it: `v1.31.2-eks-2a5b3c`. */
  version: string;
  /**
   * `flag`: --kubernetes-version; `server`: the cluster's API server (a live read, or a snapshot of one); `config`: the
   * config file's kubernetesVersion.
   */
  from: 'flag' | 'server' | 'config';
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
