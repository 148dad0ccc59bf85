/**
 * Resources whose absence rules report, as RBAC names them (see Rule.absenceOf): when a live cluster refuses to list
 * one, "none found" means nothing, and those rules do not run.
 */
import type { InputProblem } from '../load/problems.js';

/** Everything that can isolate a pod on the network: reachability is unknown when any of them could not be read. */
export const NETWORK_POLICY_RESOURCES: readonly string[] = [
  'networkpolicies.networking.k8s.io',
  'networkpolicies.crd.projectcalico.org',
  'globalnetworkpolicies.crd.projectcalico.org',
  'ciliumnetworkpolicies.cilium.io',
  'ciliumclusterwidenetworkpolicies.cilium.io',
  'adminnetworkpolicies.policy.networking.k8s.io',
];

/** Where node agents (runtime detection, log shippers, metrics exporters) run. */
export const NODE_AGENT_RESOURCES: readonly string[] = ['daemonsets.apps'];

/** Where a metrics stack runs: as a Deployment, a StatefulSet (Prometheus) or on every node. */
export const METRICS_RESOURCES: readonly string[] = ['deployments.apps', 'statefulsets.apps', 'daemonsets.apps'];

/** The Namespace objects: which environments share the cluster is told from all of them. */
export const NAMESPACE_RESOURCES: readonly string[] = ['namespaces'];

/**
 * The resources an input could not show whole, as RBAC names them, each with why: a live cluster refused to list it
 * (InputProblem.unlisted), or it was read in some namespaces only (InputProblem.partlyListed). What the cluster lacks
 * of them is not known (see Rule.absenceOf); the controls matrix says so rather than "missing".
 */
export function unknownResources(problems: readonly InputProblem[]): Map<string, string> {
  const unknown = new Map<string, string>();
  for (const problem of problems) {
    for (const resource of problem.partlyListed ?? []) unknown.set(resource, 'were read in some namespaces only');
    if (problem.unlisted !== undefined) unknown.set(problem.unlisted, 'could not be listed');
  }
  return unknown;
}
