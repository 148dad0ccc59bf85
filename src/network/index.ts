/**
 * NetworkPolicy semantics and reachability over pod equivalence classes.
 * `analyzeNetwork(objects)` compiles every policy against the pod classes once; the queries then reuse that work.
 * Pure: no I/O, no clock; same input, same answers.
 */
import type { K8sObject } from '../model/object.js';
import {
  allowAllRules,
  defaultDenyStatus,
  ignoredRuleSections,
  peersMatchingNothing,
  policiesSelectingNoPod,
  type AllowAllRule,
  type DefaultDenyStatus,
  type IgnoredRuleSection,
  type PeerMatchingNothing,
  type PolicySelectingNoPod,
} from './analysis.js';
import { cniPolicies, type CniPolicies } from './cni-policies.js';
import { compilePolicies, type CompiledPolicies } from './compiled-policies.js';
import type { Verdict } from './decisions.js';
import { EdgeIndex } from './edge-index.js';
import { reachabilityEdges, type ReachabilityEdge } from './edges.js';
import { namespaceMatrix, type NamespaceMatrix, type NamespaceReach } from './namespace-matrix.js';
import { PodClassIndex, type PodClass } from './pod-classes.js';
import { SharedIsolations } from './isolation.js';
import { NamespaceSources } from './namespace-sources.js';
import type { Labels } from './label-selector.js';
import { namespaceLabelsFromObjects, podGroupsFromObjects, type PodGroup } from './pod-groups.js';
import { isNetworkPolicy, parseNetworkPolicy, type Direction, type NetworkPolicyModel, type PolicyOrigin } from './policy.js';
import { canReach, NetworkQueryError, type Endpoint, type PortQuery } from './reach.js';
import { egressSummary, ingressSummary, type EgressSummary, type IngressSummary, type SummaryContext } from './summaries.js';
import { CLOUD_METADATA_IP } from './well-known-addresses.js';

export interface NetworkAnalysisOptions {
  /** Namespace of objects that name none (what kubectl apply would use). Default: `default`. */
  defaultNamespace?: string;
  /** Pod groups from another model; by default they are extracted from `objects`. */
  podGroups?: readonly PodGroup[];
  /** namespaceLabelsFromObjects(objects), when the caller has it already (it read the pod groups itself). */
  namespaceLabels?: ReadonlyMap<string, Labels>;
}

export interface InvalidPolicy {
  policy: PolicyOrigin;
  /** Why the API server would reject it; such a policy never takes effect, so it is left out of every answer. */
  problems: readonly string[];
}

export interface Isolation {
  ingress: readonly PolicyOrigin[];
  egress: readonly PolicyOrigin[];
  hostNetwork: boolean;
  /** Cilium policies selecting the pods; their rules are not evaluated. */
  cilium: readonly PolicyOrigin[];
}

export interface NetworkAnalysis {
  readonly groups: readonly PodGroup[];
  readonly classes: readonly PodClass[];
  /** Valid policies, sorted by namespace, name, file and line. */
  readonly policies: readonly NetworkPolicyModel[];
  readonly invalidPolicies: readonly InvalidPolicy[];
  /** Whether any Namespace object was given (otherwise namespaces carry only their automatic name label). */
  readonly namespaceObjectsPresent: boolean;
  readonly cniPolicies: CniPolicies;
  classOf(group: PodGroup | string): PodClass;
  /** The pod classes of one namespace (a slice: classes are sorted by namespace). */
  classesInNamespace(namespace: string): readonly PodClass[];
  isolationOf(group: PodGroup | string): Isolation;
  canReach(from: Endpoint, to: Endpoint, port?: PortQuery): Verdict;
  ingressFrom(group: PodGroup | string): IngressSummary;
  egressOf(group: PodGroup | string): EgressSummary;
  namespaceMatrix(): NamespaceMatrix;
  /** The namespaces whose pods reach some pod of `namespace` on some port (one column of the matrix, sorted). */
  namespacesReaching(namespace: string): readonly string[];
  reachabilityEdges(): readonly ReachabilityEdge[];
  defaultDeny(): readonly DefaultDenyStatus[];
  namespacesWithoutDefaultDeny(direction: Direction): readonly string[];
  policiesSelectingNoPod(): readonly PolicySelectingNoPod[];
  peersMatchingNothing(): readonly PeerMatchingNothing[];
  allowAllRules(): readonly AllowAllRule[];
  ignoredRuleSections(): readonly IgnoredRuleSection[];
}

const compareOrigins = (a: PolicyOrigin, b: PolicyOrigin): number =>
  (a.ref.namespace ?? '').localeCompare(b.ref.namespace ?? '') ||
  a.ref.name.localeCompare(b.ref.name) ||
  a.location.file.localeCompare(b.location.file) ||
  a.location.line - b.location.line;


function lazy<T>(compute: () => T): () => T {
  let value: { current: T } | undefined;
  return () => (value ??= { current: compute() }).current;
}

export function analyzeNetwork(objects: readonly K8sObject[], options: NetworkAnalysisOptions = {}): NetworkAnalysis {
  const defaultNamespace = options.defaultNamespace ?? 'default';
  const namespaceLabels = options.namespaceLabels ?? namespaceLabelsFromObjects(objects);
  const groups = options.podGroups ?? podGroupsFromObjects(objects, defaultNamespace, namespaceLabels);
  const index = new PodClassIndex(groups, namespaceLabels);
  const policies: NetworkPolicyModel[] = [];
  const invalidPolicies: InvalidPolicy[] = [];
  for (let position = 0; position < objects.length; position++) {
    const object = objects[position];
    if (!isNetworkPolicy(object)) continue;
    const parsed = parseNetworkPolicy(object, defaultNamespace);
    if (parsed.ok) policies.push(parsed.policy);
    else invalidPolicies.push({ policy: parsed.origin, problems: parsed.problems });
  }
  policies.sort((a, b) => compareOrigins(a.origin, b.origin));
  invalidPolicies.sort((a, b) => compareOrigins(a.policy, b.policy));
  const compiled: CompiledPolicies = compilePolicies(policies, index);
  const cni = cniPolicies(objects, index, defaultNamespace);
  index.forgetSelections();
  const reachContext = { index, compiled };

  const edges = lazy(() => reachabilityEdges(index, compiled));
  const edgeIndex = lazy(() => new EdgeIndex(edges()));
  const namespaceSources = lazy(() => new NamespaceSources(index, (id) => edgeIndex().edgesWith('to', id)));
  // Several rules and the attack graph ask about the same pod classes: each summary is computed once.
  const ingressMemo = new Map<number, IngressSummary>();
  const egressMemo = new Map<number, EgressSummary>();
  const summaryContext = lazy(
    (): SummaryContext => ({
      index,
      compiled,
      edgesTo: (id) => edgeIndex().edgesWith('to', id),
      edgesFrom: (id) => edgeIndex().edgesWith('from', id),
    }),
  );
  // Four rules ask each workload's isolation: answered once per pod class, and classes isolated alike share one answer
  // (the pods of a namespace mostly are, by its default deny): an answer and two lists per class were 2 MB at 50,000 pods.
  const isolations = new Array<Isolation | undefined>(index.classes.length);
  const sharedIsolations = new SharedIsolations(compiled);
  const classOf = (group: PodGroup | string): PodClass => {
    const id = typeof group === 'string' ? group : group.id;
    const classId = index.classIdOfGroup(id);
    if (classId === undefined) throw new NetworkQueryError(`unknown pod group ${id}`);
    return index.classes[classId];
  };
  const defaultDeny = lazy(() => defaultDenyStatus(index, policies));

  return {
    groups,
    classes: index.classes,
    policies,
    invalidPolicies,
    namespaceObjectsPresent: objects.some((object) => object.kind === 'Namespace'),
    cniPolicies: cni,
    classOf,
    classesInNamespace: (namespace) => index.classesInNamespace(namespace),
    isolationOf(group) {
      const podClass = classOf(group);
      let isolation = isolations[podClass.id];
      if (isolation === undefined) {
        const cilium = cni.cilium.filter((selection) => selection.classIds.includes(podClass.id)).map((selection) => selection.policy);
        isolation = sharedIsolations.of(podClass, cilium);
        isolations[podClass.id] = isolation;
      }
      return isolation;
    },
    canReach: (from, to, port) => canReach(reachContext, from, to, port),
    ingressFrom(group) {
      const podClass = classOf(group);
      let summary = ingressMemo.get(podClass.id);
      if (summary === undefined) ingressMemo.set(podClass.id, (summary = ingressSummary(summaryContext(), podClass)));
      return summary;
    },
    egressOf(group) {
      const podClass = classOf(group);
      let summary = egressMemo.get(podClass.id);
      if (summary === undefined) {
        const metadata = () => canReach(reachContext, { kind: 'pod-class', classId: podClass.id }, { kind: 'ip', ip: CLOUD_METADATA_IP });
        egressMemo.set(podClass.id, (summary = egressSummary(summaryContext(), podClass, metadata)));
      }
      return summary;
    },
    namespaceMatrix: lazy(() => namespaceMatrix(index, edges())),
    namespacesReaching: (namespace) => namespaceSources().namespacesReaching(namespace),
    reachabilityEdges: edges,
    defaultDeny,
    namespacesWithoutDefaultDeny: (direction) => defaultDeny().filter((status) => status[direction].length === 0).map((status) => status.namespace),
    policiesSelectingNoPod: () => policiesSelectingNoPod(compiled),
    peersMatchingNothing: () => peersMatchingNothing(compiled),
    allowAllRules: () => allowAllRules(policies),
    ignoredRuleSections: () => ignoredRuleSections(policies),
  };
}

export { NetworkQueryError, podGroupsFromObjects };
export type { Endpoint, PortQuery, PodGroup, PodClass, Verdict, ReachabilityEdge, IngressSummary, EgressSummary, NamespaceMatrix, NamespaceReach };
export type { Decision, DecisionKind } from './decisions.js';
export type { EdgeEnd, RuleRef } from './edges.js';
export type { PolicyOrigin, Direction, NetworkPolicyModel } from './policy.js';
export type { PortSet, PortRange, Protocol } from './ports.js';
export { formatPorts } from './ports.js';
export type { AllowAllRule, DefaultDenyStatus, IgnoredRuleSection, PeerMatchingNothing, PolicySelectingNoPod, CniPolicies };
export { CLOUD_METADATA_IP };
