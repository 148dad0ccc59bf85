/**
 * Policies of CNI plugins and newer APIs that the engine does not evaluate. Their rules are out of scope, but
 * whether one *selects* a pod matters: a pod that only a CiliumNetworkPolicy isolates is not unprotected, and a
 * rule should say "decided by a policy we do not evaluate" rather than "no policy". For Cilium the selection is
 * computed (endpointSelector is a label selector); for the others only their presence is reported.
 */
import { asArray, asRecord } from '../model/json.js';
import type { K8sObject } from '../model/object.js';
import { matchesLabels, parseLabelSelector, type LabelSelector } from './label-selector.js';
import type { PodClassIndex } from './pod-classes.js';
import { originOf, type PolicyOrigin } from './policy.js';

export interface CniPolicySelection {
  policy: PolicyOrigin;
  /** Pod classes the policy's endpointSelector(s) select. */
  classIds: readonly number[];
}

export interface CniPolicies {
  cilium: readonly CniPolicySelection[];
  /** Other policy kinds found (Calico, Antrea, AdminNetworkPolicy, …) whose selection is not computed. */
  unevaluated: readonly PolicyOrigin[];
}

const CILIUM_KINDS: ReadonlySet<string> = new Set(['CiliumNetworkPolicy', 'CiliumClusterwideNetworkPolicy']);
const OTHER_POLICY_GROUPS = ['projectcalico.org/', 'crd.projectcalico.org/', 'crd.antrea.io/', 'policy.networking.k8s.io/'];
const CILIUM_NAMESPACE_LABEL = 'io.kubernetes.pod.namespace';

/** Cilium label keys may carry a source prefix (`k8s:app`, `any:app`); pods' Kubernetes labels have none. */
function withoutSource(selector: LabelSelector): LabelSelector {
  const strip = (key: string): string => key.replace(/^(k8s|any):/, '');
  return {
    matchLabels: Object.fromEntries(Object.entries(selector.matchLabels).map(([key, value]) => [strip(key), value])),
    matchExpressions: selector.matchExpressions.map((requirement) => ({ ...requirement, key: strip(requirement.key) })),
  };
}

export function cniPolicies(objects: readonly K8sObject[], index: PodClassIndex, defaultNamespace: string): CniPolicies {
  const cilium: CniPolicySelection[] = [];
  const unevaluated: PolicyOrigin[] = [];
  // Indexed: this pass over every object of the input runs once, before the loop is optimised, and an iterator
  // result per object was 6 MB of garbage at 50,000 pods.
  for (let position = 0; position < objects.length; position++) {
    const object = objects[position];
    if (!object.kind.endsWith('NetworkPolicy')) continue; // every kind read here is a …NetworkPolicy
    const clusterWide = object.kind === 'CiliumClusterwideNetworkPolicy';
    const namespace = clusterWide ? undefined : (object.metadata.namespace ?? defaultNamespace);
    if (!CILIUM_KINDS.has(object.kind) || !object.apiVersion.startsWith('cilium.io/')) {
      if (OTHER_POLICY_GROUPS.some((group) => object.apiVersion.startsWith(group)))
        unevaluated.push(originOf(object, object.metadata.namespace ?? defaultNamespace));
      continue;
    }
    const specs = [asRecord(object.raw.spec), ...asArray(object.raw.specs).map(asRecord)].filter((spec) => spec !== undefined);
    const selectors = specs.flatMap((spec) => {
      const parsed = parseLabelSelector(spec.endpointSelector);
      return parsed.ok ? [withoutSource(parsed.selector)] : [];
    });
    const classIds = index.classes
      .filter((podClass) => !podClass.hostNetwork && (namespace === undefined || podClass.namespace === namespace))
      .filter((podClass) => {
        const labels = { ...podClass.podLabels, [CILIUM_NAMESPACE_LABEL]: podClass.namespace };
        return selectors.some((selector) => matchesLabels(selector, labels));
      })
      .map((podClass) => podClass.id);
    const origin = originOf(object, namespace ?? '');
    if (namespace === undefined) delete origin.ref.namespace;
    cilium.push({ policy: origin, classIds });
  }
  return { cilium, unevaluated };
}
