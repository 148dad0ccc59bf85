/** The trust boundaries of the KCSA threat model, outermost first. */
export const BOUNDARIES = ['cluster', 'node', 'namespace', 'pod'] as const;
export type Boundary = (typeof BOUNDARIES)[number];

export const BOUNDARY_TITLES: Record<Boundary, string> = {
  cluster: 'Cluster boundary',
  node: 'Node boundary',
  namespace: 'Namespace boundary',
  pod: 'Pod boundary',
};

export const BOUNDARY_DESCRIPTIONS: Record<Boundary, string> = {
  cluster: 'Separate clusters per stage, so that a weakness in development cannot touch production.',
  node: 'One compromised node must not compromise the others; pods must not be able to take over their node.',
  namespace: 'Namespaces separate applications and teams: RBAC limits access, ResourceQuotas limit consumption.',
  pod: 'The smallest boundary: least-privilege service accounts, NetworkPolicies, security contexts and Pod Security Admission.',
};
