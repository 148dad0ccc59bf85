/** Per-workload and per-namespace views of the reachability: who reaches a pod, what a pod reaches, ns × ns. */
import { BitSet } from './bitset.js';
import type { CompiledPolicies } from './compiled-policies.js';
import type { Verdict } from './decisions.js';
import type { ReachabilityEdge } from './edges.js';
import { rulePorts } from './evaluate-direction.js';
import { selectsEverything } from './label-selector.js';
import type { PodClass, PodClassIndex } from './pod-classes.js';
import { allPorts, emptyPortSet, isEmptyPortSet, unionPorts, type PortSet } from './ports.js';
import type { Direction, PolicyOrigin } from './policy.js';

interface DirectionSummary {
  classId: number;
  hostNetwork: boolean;
  /** Policies isolating this pod class for the direction (empty for hostNetwork pods, which nothing isolates). */
  isolatedBy: readonly PolicyOrigin[];
  /** Pod classes on the other side that the connection reaches, sorted. */
  classIds: readonly number[];
  /** Namespaces with at least one such class: 'all' when every class of the namespace is reached/reaching. */
  namespaces: readonly { namespace: string; reach: 'all' | 'some' }[];
  /** True when every namespace that has pods appears in `namespaces`. */
  everyNamespace: boolean;
  internet: { allowed: boolean; ports: PortSet };
  /** The edges that involve this class on this side. */
  edges: readonly ReachabilityEdge[];
}

export interface IngressSummary extends DirectionSummary {
  /** Ports open to every source, in the cluster or not (not isolated, or a rule without `from`). */
  openToAnySource: PortSet;
  /** Some ingress rule admits pods of every namespace, including namespaces not in the input. */
  openToAllNamespaces: boolean;
}

export interface EgressSummary extends DirectionSummary {
  /** Ports open to every destination (not isolated, or a rule without `to`). */
  openToAnyDestination: PortSet;
  /** Whether 169.254.169.254 is reachable, and which policies decided it. */
  cloudMetadata: Verdict;
}

export interface SummaryContext {
  index: PodClassIndex;
  compiled: CompiledPolicies;
  /** Edges whose `to` (or `from`) classes include the class. */
  edgesTo(classId: number): readonly ReachabilityEdge[];
  edgesFrom(classId: number): readonly ReachabilityEdge[];
}

/** The classes at the other end of a class's edges: exactly the classes it reaches or is reached by. */
function otherEnds(context: SummaryContext, edges: readonly ReachabilityEdge[], side: 'from' | 'to'): BitSet {
  const set = new BitSet(context.index.classes.length);
  for (const edge of edges) {
    const end = edge[side];
    if (end.kind === 'classes') for (const id of end.classIds) set.add(id);
  }
  return set;
}

/**
 * The classes at the other end and their namespaces, computed on first use: most callers ask only whether a pod is
 * isolated or open, and listing the other end costs a pass over every class and namespace of the estate.
 */
function lazyEnds(context: SummaryContext, compute: () => BitSet) {
  let value: { classIds: readonly number[]; namespaces: readonly { namespace: string; reach: 'all' | 'some' }[]; everyNamespace: boolean } | undefined;
  return () => {
    if (value === undefined) {
      const set = compute();
      value = { classIds: set.toArray(), ...namespacesOf(context, (id) => set.has(id)) };
    }
    return value;
  };
}

function namespacesOf(context: SummaryContext, has: (id: number) => boolean) {
  const namespaces: { namespace: string; reach: 'all' | 'some' }[] = [];
  let populated = 0;
  for (const namespace of context.index.namespaces.keys()) {
    const { first, count } = context.index.namespaceRange(namespace);
    if (count === 0) continue;
    populated++;
    let reached = 0;
    for (let id = first; id < first + count; id++) if (has(id)) reached++;
    if (reached > 0) namespaces.push({ namespace, reach: reached === count ? 'all' : 'some' });
  }
  return { namespaces, everyNamespace: populated > 0 && namespaces.length === populated };
}

function openPorts(context: SummaryContext, direction: Direction, podClass: PodClass, destination: PodClass | undefined): PortSet {
  const isolating = context.compiled.isolating[direction][podClass.id];
  if (podClass.hostNetwork || isolating.length === 0) return allPorts;
  let ports = emptyPortSet;
  for (const policyIndex of isolating)
    for (const rule of context.compiled.policies[policyIndex].rules[direction]) if (rule.peers === 'any') ports = unionPorts(ports, rulePorts(rule, destination));
  return ports;
}

function isolatedBy(context: SummaryContext, direction: Direction, podClass: PodClass): PolicyOrigin[] {
  if (podClass.hostNetwork) return [];
  return context.compiled.isolating[direction][podClass.id].map((policyIndex) => context.compiled.policies[policyIndex].policy.origin);
}

function internetPorts(edges: readonly ReachabilityEdge[], side: 'from' | 'to'): { allowed: boolean; ports: PortSet } {
  const ports = unionPorts(...edges.filter((edge) => edge[side].kind === 'internet').map((edge) => edge.ports));
  return { allowed: !isEmptyPortSet(ports), ports };
}

export function ingressSummary(context: SummaryContext, podClass: PodClass): IngressSummary {
  const id = podClass.id;
  const edges = context.edgesTo(id);
  const openToAnySource = openPorts(context, 'ingress', podClass, podClass);
  const openToAllNamespaces =
    !isEmptyPortSet(openToAnySource) ||
    context.compiled.isolating.ingress[id].some((policyIndex) =>
      context.compiled.policies[policyIndex].rules.ingress.some(
        (rule) =>
          rule.peers !== 'any' &&
          rule.peers.some(
            ({ peer }) =>
              peer.kind === 'pods' &&
              peer.namespaceSelector !== undefined &&
              selectsEverything(peer.namespaceSelector) &&
              (peer.podSelector === undefined || selectsEverything(peer.podSelector)),
          ),
      ),
    );
  return Object.assign(directionSummary(context, podClass, 'ingress', edges), { openToAnySource, openToAllNamespaces });
}

export function egressSummary(context: SummaryContext, podClass: PodClass, cloudMetadata: Verdict): EgressSummary {
  const id = podClass.id;
  const edges = context.edgesFrom(id);
  return Object.assign(directionSummary(context, podClass, 'egress', edges), { openToAnyDestination: openPorts(context, 'egress', podClass, undefined), cloudMetadata });
}

/** What both directions tell; the other end's classes and namespaces stay lazy (Object.assign keeps the getters). */
function directionSummary(context: SummaryContext, podClass: PodClass, direction: Direction, edges: readonly ReachabilityEdge[]): DirectionSummary {
  const otherSide = direction === 'ingress' ? 'from' : 'to';
  const ends = lazyEnds(context, () => otherEnds(context, edges, otherSide));
  return {
    classId: podClass.id,
    hostNetwork: podClass.hostNetwork,
    isolatedBy: isolatedBy(context, direction, podClass),
    get classIds() {
      return ends().classIds;
    },
    get namespaces() {
      return ends().namespaces;
    },
    get everyNamespace() {
      return ends().everyNamespace;
    },
    internet: internetPorts(edges, otherSide),
    edges,
  };
}
