/** Why traffic is allowed or denied: structured facts for reporters, pointing at policies, rules and peers. */
import type { FieldPath } from '../model/object.js';
import type { PortSet } from './ports.js';
import type { Direction, PolicyOrigin } from './policy.js';

/**
 * - `not-isolated`: no policy isolates the subject for this direction, so the direction allows everything.
 * - `isolated`: this policy selects the subject for this direction; only its rules (and other such policies') allow.
 * - `rule-allows`: a rule of an isolating policy admits the other side on `ports`.
 * - `rule-excludes-port`: a rule admits the other side, but not on the port asked about.
 * - `no-rule-allows`: the subject is isolated and no rule of any isolating policy admits the other side.
 */
export type DecisionKind = 'not-isolated' | 'isolated' | 'rule-allows' | 'rule-excludes-port' | 'no-rule-allows';

export interface Decision {
  kind: DecisionKind;
  /** Ingress decisions are the destination's policies; egress decisions are the source's. */
  direction: Direction;
  /** The pod class whose policies decide; absent when that side is outside the cluster. */
  subjectClassId?: number;
  /** For not-isolated: no policy selects it, it uses the host network, or it is outside the cluster. */
  reason?: 'no-policy' | 'host-network' | 'outside-cluster';
  policy?: PolicyOrigin;
  ruleIndex?: number;
  /** The peer that matched; absent when the rule has no peers (every source or destination). */
  peerIndex?: number;
  /** Field path of the rule or peer inside the policy, e.g. spec.ingress[0].from[1]. */
  path?: FieldPath;
  /** What the rule allows on (rule-allows, rule-excludes-port). */
  ports?: PortSet;
  /** Policies that select a hostNetwork subject but cannot affect it. */
  ignoredPolicies?: readonly PolicyOrigin[];
}

export interface Verdict {
  allowed: boolean;
  /** Ports allowed in both directions (all ports when nothing isolates either side). */
  ports: PortSet;
  reasons: Decision[];
  /** Assumptions the verdict rests on (node addresses of hostNetwork pods, unresolved named ports, …). */
  notes: string[];
  /** The pod classes the verdict is about (for a namespace endpoint: the pair that witnesses it). */
  fromClassId?: number;
  toClassId?: number;
}
