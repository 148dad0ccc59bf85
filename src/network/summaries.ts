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

/**
 * What both directions tell, each part computed on first use and then kept: most callers ask only whether a pod is
 * isolated or open to every namespace, and the edges, the internet and the other end's classes and namespaces cost a
 * pass over edges, classes or namespaces. One object per class and direction, no closure per field.
 */
abstract class LazyDirectionSummary implements DirectionSummary {
  private isolatedByValue: readonly PolicyOrigin[] | undefined;
  private edgesValue: readonly ReachabilityEdge[] | undefined;
  private internetValue: { allowed: boolean; ports: PortSet } | undefined;
  private endsValue: { classIds: readonly number[]; namespaces: readonly { namespace: string; reach: 'all' | 'some' }[]; everyNamespace: boolean } | undefined;

  constructor(
    protected readonly context: SummaryContext,
    protected readonly podClass: PodClass,
    private readonly direction: Direction,
  ) {}

  get classId(): number {
    return this.podClass.id;
  }

  get hostNetwork(): boolean {
    return this.podClass.hostNetwork;
  }

  get isolatedBy(): readonly PolicyOrigin[] {
    return (this.isolatedByValue ??= isolatedBy(this.context, this.direction, this.podClass));
  }

  get edges(): readonly ReachabilityEdge[] {
    return (this.edgesValue ??= this.direction === 'ingress' ? this.context.edgesTo(this.podClass.id) : this.context.edgesFrom(this.podClass.id));
  }

  get internet(): { allowed: boolean; ports: PortSet } {
    return (this.internetValue ??= internetPorts(this.edges, this.otherSide()));
  }

  get classIds(): readonly number[] {
    return this.ends().classIds;
  }

  get namespaces(): readonly { namespace: string; reach: 'all' | 'some' }[] {
    return this.ends().namespaces;
  }

  get everyNamespace(): boolean {
    return this.ends().everyNamespace;
  }

  private otherSide(): 'from' | 'to' {
    return this.direction === 'ingress' ? 'from' : 'to';
  }

  private ends() {
    if (this.endsValue === undefined) {
      const set = otherEnds(this.context, this.edges, this.otherSide());
      this.endsValue = { classIds: set.toArray(), ...namespacesOf(this.context, (id) => set.has(id)) };
    }
    return this.endsValue;
  }
}

class LazyIngressSummary extends LazyDirectionSummary implements IngressSummary {
  private openValue: PortSet | undefined;
  private allNamespacesValue: boolean | undefined;

  constructor(context: SummaryContext, podClass: PodClass) {
    super(context, podClass, 'ingress');
  }

  get openToAnySource(): PortSet {
    return (this.openValue ??= openPorts(this.context, 'ingress', this.podClass, this.podClass));
  }

  get openToAllNamespaces(): boolean {
    return (this.allNamespacesValue ??= !isEmptyPortSet(this.openToAnySource) || admitsEveryNamespace(this.context, this.podClass.id));
  }
}

class LazyEgressSummary extends LazyDirectionSummary implements EgressSummary {
  private openValue: PortSet | undefined;
  private cloudMetadataValue: Verdict | undefined;

  constructor(
    context: SummaryContext,
    podClass: PodClass,
    private readonly metadataVerdict: () => Verdict,
  ) {
    super(context, podClass, 'egress');
  }

  get openToAnyDestination(): PortSet {
    return (this.openValue ??= openPorts(this.context, 'egress', this.podClass, undefined));
  }

  get cloudMetadata(): Verdict {
    return (this.cloudMetadataValue ??= this.metadataVerdict());
  }
}

/** Some ingress rule of a policy isolating the class admits every pod of every namespace. */
function admitsEveryNamespace(context: SummaryContext, classId: number): boolean {
  return context.compiled.isolating.ingress[classId].some((policyIndex) =>
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
}

export function ingressSummary(context: SummaryContext, podClass: PodClass): IngressSummary {
  return new LazyIngressSummary(context, podClass);
}

/** `cloudMetadata` is asked for when first read. */
export function egressSummary(context: SummaryContext, podClass: PodClass, cloudMetadata: () => Verdict): EgressSummary {
  return new LazyEgressSummary(context, podClass, cloudMetadata);
}
