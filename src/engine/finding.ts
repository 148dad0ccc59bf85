import type { Boundary, Severity, Stride } from '../taxonomy/index.js';
import type { FieldPath, Location, ObjectRef } from '../model/object.js';
import type { Acceptance } from '../config/types.js';
import type { FindingFix } from '../fix/types.js';

/** A threat found in the input: structured evidence, never markup. */
export interface Finding {
  ruleId: string;
  title: string;
  severity: Severity;
  boundary: Boundary;
  stride: Stride[];
  object: ObjectRef;
  container?: string;
  /**
   * The container is one admission added to the workload's Pods, in no template (src/model/admitted-containers.ts):
   * the Pod it was read from, where `path` is.
   */
  admittedIn?: ObjectRef;
  /** The field path as people write it: spec.template.spec.containers[0].securityContext.privileged */
  path: string;
  fieldPath: FieldPath;
  location: Location;
  related: ObjectRef[];
  messageId: string;
  data: Record<string, string | number>;
  message: string;
  remediation: string;
  fingerprint: string;
  /** The object is one of the cluster's own components (see src/model/platform.ts). */
  platform: boolean;
  /** The threat is about an attacker keeping access (see the rule's metadata). */
  persistence: boolean;
  /** An acceptance that covered this finding and has expired (src/config/match.ts): the finding counts again. */
  expiredAcceptance?: Acceptance;
  /** Edits that remove the threat, from rules that declare `fix` (see src/fix); `kubethreat fix` applies them. */
  fix?: FindingFix;
  /** Likelihood × impact from the attack graph (src/graph/risk.ts, docs/risk.md); absent when no graph was built. */
  risk?: FindingRisk;
}

/**
 * How likely a finding is to be exploited and what exploiting it leads to, from the attack graph.
 * likelihood 1–4: 4 reachable straight from the internet or anonymously, 3 from the internet in several steps,
 * 2 from inside the cluster (other workloads, authenticated users), 1 isolated.
 * impact 1–4: 4 cluster-admin, kube-system, a control-plane node or a user-named crown jewel; 3 a node, every node,
 * every Secret or cloud credentials; 2 Secrets or workloads of one namespace; 1 nothing beyond the object.
 */
export interface FindingRisk {
  likelihood: 1 | 2 | 3 | 4;
  impact: 1 | 2 | 3 | 4;
  /** likelihood × impact, 1–16: the order reports rank findings in. */
  score: number;
  /** The cell of the likelihood × impact matrix (docs/risk.md). */
  level: Severity;
  /** Why, in words: "reachable from the internet (Service shop/web, LoadBalancer)", "reaches cluster-admin in 3 steps". */
  reasons: string[];
}

/** A finding the team accepted (.kubethreat.yaml or a kubethreat.io/accept annotation), with the acceptance that covers it. */
export interface AcceptedFinding extends Finding {
  acceptance: Acceptance;
}

/**
 * A copy of `finding` with `changes`. The engine's findings read their rule's fields, their message and fingerprint
 * through their prototype (src/engine/rule-finding.ts): a spread would lose those, so copy findings with this.
 * A change may replace any field, those read through the prototype too.
 */
export function findingWith<F extends Finding, C extends Partial<AcceptedFinding>>(finding: F, changes: C): F & C {
  const copy = Object.create(Object.getPrototypeOf(finding) as object) as F & C;
  return Object.defineProperties(copy, { ...Object.getOwnPropertyDescriptors(finding), ...Object.getOwnPropertyDescriptors(changes) });
}
