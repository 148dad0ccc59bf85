/**
 * The vocabulary of the attack graph: positions an attacker can hold (nodes), techniques that move them from one
 * position to a better one (edges), and the evidence in the input that makes each move possible.
 */
import type { Finding } from '../engine/finding.js';
import type { FieldPath, Location, ObjectRef, SourceRef } from '../model/object.js';

/**
 * How hard a technique is to carry out once its preconditions hold. `given` is not an attack at all (a group
 * membership, a scope that covers a namespace); the others follow the catalogue's wording.
 */
export const DIFFICULTIES = ['given', 'trivial', 'easy', 'moderate', 'hard'] as const;
export type Difficulty = (typeof DIFFICULTIES)[number];

/**
 * The chance that an attacker who holds the source position succeeds with the technique. Path likelihood is the
 * product along the path; path search minimises -ln(p), so the shortest path is the most likely one.
 */
export const SUCCESS_PROBABILITY: Readonly<Record<Difficulty, number>> = {
  given: 1,
  trivial: 0.95,
  easy: 0.8,
  moderate: 0.5,
  hard: 0.2,
};

const DIFFICULTY_RANK = Object.fromEntries(DIFFICULTIES.map((difficulty, rank) => [difficulty, rank])) as Readonly<Record<Difficulty, number>>;

export function difficultyRank(difficulty: Difficulty): number {
  return DIFFICULTY_RANK[difficulty];
}

export type NodeKind =
  | 'internet'
  | 'any-workload'
  | 'workload'
  | 'identity'
  /** "Run any pod in namespace N": what creating pods or changing workload templates there gives. */
  | 'namespace'
  /** "Code execution in any existing workload of namespace N". */
  | 'workloads-in'
  | 'all-workloads'
  | 'all-namespaces'
  | 'secrets'
  | 'all-secrets'
  /** One Secret, or a ConfigMap that holds credentials. */
  | 'secret'
  /** A Node object from a dump, or a node pool implied by scheduling constraints. */
  | 'node'
  | 'all-nodes'
  | 'cluster-admin'
  | 'cloud'
  /** A set of allowed connections from the NetworkPolicy engine: a junction, never shown as a position. */
  | 'network';

export type EntryKind = 'internet' | 'anonymous' | 'authenticated' | 'credentials' | 'compromised-workload';

export type JewelCategory = 'cluster-admin' | 'kube-system' | 'node' | 'every-node' | 'secrets' | 'cloud' | 'user-named';

export interface CrownJewel {
  category: JewelCategory;
  /** 1–10: how much an attacker gains. Ranks paths, and decides the impact of the findings that lead here. */
  value: number;
}

export interface GraphNode {
  index: number;
  /** Stable and readable: `workload:Deployment/shop/api`, `sa:shop/default`, `node-pool:any node`, `cluster-admin`. */
  id: string;
  kind: NodeKind;
  /** How people name the position: "Deployment shop/api", "ServiceAccount shop/default". */
  label: string;
  entry?: EntryKind;
  jewel?: CrownJewel;
  /** A junction (every namespace, every workload of a namespace, a network flow): paths step through it silently. */
  hub?: boolean;
  /** The object the node stands for, when it is one. */
  object?: ObjectRef;
  namespace?: string;
}

/** One piece of evidence: an object of the input, where in it, and why it matters. */
export interface Evidence {
  object: ObjectRef;
  /** Where the object was read; with fieldPath, a file:line is computed only for what gets shown. */
  source?: SourceRef;
  fieldPath?: FieldPath;
  /** Set when the evidence comes from a finding, which already carries its location. */
  location?: Location;
  /** The finding's fingerprint, when a finding is the evidence. */
  finding?: string;
  /** The finding that is the evidence, when one is: `finding` and `detail` are read from it. */
  readonly fromFinding?: Finding;
  detail?: string;
}

export interface GraphEdge {
  index: number;
  from: number;
  to: number;
  technique: string;
  difficulty: Difficulty;
  /** Shared between edges that have the same evidence: replaced, never changed. */
  evidence: readonly Evidence[];
}

/** A technique's metadata, as data: the source of listings and docs. */
export interface TechniqueMeta {
  /** The catalogue id (shared/reference/attack-techniques.md), e.g. ESC-NSENTER. Its module is edges/esc-nsenter.ts. */
  id: string;
  title: string;
  /** MITRE ATT&CK technique ids. */
  attack: readonly string[];
  /** Microsoft threat matrix for Kubernetes techniques, as "MS-TA9018 Privileged container". */
  microsoft: readonly string[];
  difficulty: Difficulty;
  description: string;
}
