/** Shared by the NetworkPolicy rules: the workloads as the network engine sees them, and the policies' objects. */
import type { Estate } from '../model/estate.js';
import { objectKey, type K8sObject } from '../model/object.js';
import type { Workload } from '../model/workload.js';
import { networkOfEstate, podGroupOfWorkload } from '../network/estate-network.js';
import type { Decision, NetworkAnalysis, NetworkPolicyModel, PodClass, PodGroup, PolicyOrigin } from '../network/index.js';
import type { PolicyRule } from '../network/policy.js';
import { analysedWorkloads } from './helpers.js';

export interface NetworkedWorkload {
  workload: Workload;
  group: PodGroup;
  podClass: PodClass;
}

const networkedCache = new WeakMap<Estate, readonly NetworkedWorkload[]>();

/**
 * The analysed workloads with their pod group and class (workloads the engine has no pod template for are left out).
 * Listed once per estate: six rules walk them.
 */
export function networkedWorkloads(estate: Estate): readonly NetworkedWorkload[] {
  let networked = networkedCache.get(estate);
  if (networked === undefined) {
    const network = networkOfEstate(estate);
    const out: NetworkedWorkload[] = [];
    for (const workload of analysedWorkloads(estate)) {
      const group = podGroupOfWorkload(estate, workload);
      if (group !== undefined) out.push({ workload, group, podClass: network.classOf(group) });
    }
    networkedCache.set(estate, (networked = out));
  }
  return networked;
}

const objectCache = new WeakMap<Estate, Map<string, K8sObject>>();

/** The input object a policy origin was read from (NetworkPolicy, CiliumNetworkPolicy, …). */
export function policyObject(estate: Estate, origin: PolicyOrigin): K8sObject | undefined {
  let byKey = objectCache.get(estate);
  if (byKey === undefined) {
    byKey = new Map(estate.objects.filter((object) => object.kind.endsWith('NetworkPolicy')).map((object) => [sourceKey(object.source.file, object.source.line, object.kind, object.metadata.name), object]));
    objectCache.set(estate, byKey);
  }
  return byKey.get(sourceKey(origin.location.file, origin.location.line, origin.ref.kind, origin.ref.name));
}

const sourceKey = (file: string, line: number, kind: string, name: string): string => `${file}\u0000${line}\u0000${kind}\u0000${name}`;

/** `NetworkPolicy shop/default-deny (policies.yaml:3)`, for messages. */
export function policyLabel(origin: PolicyOrigin): string {
  return `${origin.ref.kind} ${origin.ref.namespace ? `${origin.ref.namespace}/` : ''}${origin.ref.name}`;
}

/**
 * Policies of CNI plugins the engine does not evaluate (Calico, Antrea, AdminNetworkPolicy) that may apply to a
 * namespace: the namespace's own and the cluster-wide kinds. Where one exists, "nothing isolates this pod" is unknown.
 */
export function unevaluatedPoliciesFor(network: NetworkAnalysis, namespace: string): PolicyOrigin[] {
  return network.cniPolicies.unevaluated.filter(
    (origin) => origin.ref.namespace === namespace || /^(Global|Admin|BaselineAdmin|ClusterNetworkPolicy)/.test(origin.ref.kind),
  );
}

export function workloadKey(workload: Workload): string {
  return objectKey(workload.ref);
}

/** `TCP 8080, UDP 53` or `every port`: what a policy rule's ports allow, as written. */
export function rulePortsLabel(rule: PolicyRule): string {
  if (rule.ports === 'any') return 'every port';
  return rule.ports.map((port) => `${port.protocol} ${port.port ?? 'every port'}${port.endPort !== undefined ? `-${port.endPort}` : ''}`).join(', ');
}

const modelCache = new WeakMap<NetworkAnalysis, { byOrigin: Map<PolicyOrigin, NetworkPolicyModel>; byKey: Map<string, NetworkPolicyModel> }>();

/** The policy model of an origin (indexed once per analysis: a large cluster has 10,000 policies). */
export function policyModel(network: NetworkAnalysis, origin: PolicyOrigin): NetworkPolicyModel | undefined {
  let index = modelCache.get(network);
  if (index === undefined) {
    index = { byOrigin: new Map(), byKey: new Map() };
    for (const policy of network.policies) {
      index.byOrigin.set(policy.origin, policy);
      const key = originKey(policy.origin);
      if (!index.byKey.has(key)) index.byKey.set(key, policy);
    }
    modelCache.set(network, index);
  }
  return index.byOrigin.get(origin) ?? index.byKey.get(originKey(origin));
}

// Live inputs may share one file and line for every object: the object's key decides, the location only separates copies.
const originKey = (origin: PolicyOrigin): string => `${objectKey(origin.ref)}\u0000${origin.location.file}\u0000${origin.location.line}`;

/** `spec.ingress[0]`. */
export function rulePathLabel(rule: PolicyRule): string {
  return `spec.${rule.direction}[${rule.index}]`;
}

/** Why a connection is allowed, in words, from the verdict's decisions (the first allowing rule of each direction). */
export function allowedBecause(decisions: readonly Decision[]): { text: string; policies: PolicyOrigin[] } {
  const parts: string[] = [];
  const policies: PolicyOrigin[] = [];
  for (const direction of ['egress', 'ingress'] as const) {
    const own = decisions.filter((decision) => decision.direction === direction);
    const rule = own.find((decision) => decision.kind === 'rule-allows' && decision.policy !== undefined);
    if (rule !== undefined) {
      parts.push(`spec.${direction}[${rule.ruleIndex ?? 0}] of ${policyLabel(rule.policy!)} allows it`);
      policies.push(rule.policy!);
    } else if (own.some((decision) => decision.kind === 'not-isolated' && decision.reason !== 'outside-cluster'))
      parts.push(direction === 'ingress' ? 'nothing isolates the destination\'s ingress' : 'nothing isolates the source\'s egress');
  }
  return { text: parts.join(', and '), policies };
}
