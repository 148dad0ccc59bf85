/**
 * Resources whose absence rules report, as RBAC names them (see Rule.absenceOf): when a live cluster refuses to list
 * one, "none found" means nothing, and those rules do not run.
 */

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
