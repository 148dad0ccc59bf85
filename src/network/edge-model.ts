/** The shape of reachability edges and the helpers every edge builder shares. */
import type { FieldPath } from '../model/object.js';
import type { CompiledPolicy, CompiledRule } from './compiled-policies.js';
import { rulePorts } from './evaluate-direction.js';
import type { PodClassIndex } from './pod-classes.js';
import { isEmptyPortSet, portSetKey, type PortSet } from './ports.js';
import type { Direction, PolicyOrigin } from './policy.js';

/** One end of an edge: pod classes (ids sorted ascending), the public internet, or the cloud metadata endpoint. */
export type EdgeEnd = { kind: 'classes'; classIds: readonly number[] } | { kind: 'internet' } | { kind: 'cloud-metadata' };

export interface RuleRef {
  policy: PolicyOrigin;
  direction: Direction;
  ruleIndex: number;
  path: FieldPath;
}

export interface ReachabilityEdge {
  from: EdgeEnd;
  to: EdgeEnd;
  ports: PortSet;
  /** The rules admitting the traffic at the destination; empty when the destination is not isolated for ingress. */
  ingressRules: readonly RuleRef[];
  /**
   * The rules admitting the traffic at the source; empty when the source is not isolated for egress. Several when
   * egress rules of different policies lead to the same destinations through the same ingress rule (merged edge).
   */
  egressRules: readonly RuleRef[];
  /** The first of ingressRules: present exactly when the destination is isolated for ingress. */
  ingressRule?: RuleRef;
  /** The first of egressRules: present exactly when the source is isolated for egress. */
  egressRule?: RuleRef;
}

export function edgeOf(from: EdgeEnd, to: EdgeEnd, ports: PortSet, ingressRules: readonly RuleRef[], egressRules: readonly RuleRef[]): ReachabilityEdge {
  const edge: ReachabilityEdge = { from, to, ports, ingressRules, egressRules };
  if (ingressRules.length > 0) edge.ingressRule = ingressRules[0];
  if (egressRules.length > 0) edge.egressRule = egressRules[0];
  return edge;
}

const ruleRefs = new WeakMap<CompiledRule, RuleRef>();

/** One shared RuleRef per rule, so merged edges hold references rather than copies. */
export function ruleRef(entry: CompiledPolicy, rule: CompiledRule): RuleRef {
  let ref = ruleRefs.get(rule);
  if (ref === undefined) {
    ref = { policy: entry.policy.origin, direction: rule.rule.direction, ruleIndex: rule.rule.index, path: rule.rule.path };
    ruleRefs.set(rule, ref);
  }
  return ref;
}

export const classesEnd = (ids: Iterable<number>): EdgeEnd => ({ kind: 'classes', classIds: [...ids] });

/** Destinations grouped by the ports a rule gives them (named ports resolve differently per class). */
export function portsByDestination(rule: CompiledRule, ids: Iterable<number>, index: PodClassIndex): { ports: PortSet; ids: number[] }[] {
  if (rule.fixedPorts !== undefined) {
    const all = [...ids];
    return all.length === 0 || isEmptyPortSet(rule.fixedPorts) ? [] : [{ ports: rule.fixedPorts, ids: all }];
  }
  const groups = new Map<string, { ports: PortSet; ids: number[] }>();
  for (const id of ids) {
    const ports = rulePorts(rule, index.classes[id]);
    if (isEmptyPortSet(ports)) continue;
    const key = portSetKey(ports);
    const group = groups.get(key);
    if (group === undefined) groups.set(key, { ports, ids: [id] });
    else group.ids.push(id);
  }
  return [...groups.values()];
}
