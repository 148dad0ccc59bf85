/** The vocabulary of the RBAC engine: subjects, rules, grants and the requests they allow. */
import type { ObjectRef, SourceRef } from '../model/object.js';

/** Who a binding names. `namespace` is set for service accounts only. */
export type Subject =
  | { kind: 'ServiceAccount'; namespace: string; name: string }
  | { kind: 'User'; name: string }
  | { kind: 'Group'; name: string };

/** A rule exactly as written in a Role or ClusterRole; absent lists are empty. */
export interface PolicyRule {
  verbs: readonly string[];
  apiGroups: readonly string[];
  resources: readonly string[];
  resourceNames: readonly string[];
  nonResourceURLs: readonly string[];
}

/** An RBAC object (role or binding) with where it came from. Defaults carry a `<kubernetes default policy vX>` file. */
export interface RbacObjectRef extends ObjectRef {
  source: SourceRef;
  /** True for the cluster's bootstrap policy (and for the system:masters bypass), false for input objects. */
  isDefault: boolean;
}

/** Where a rule is written: for an aggregated ClusterRole, the ClusterRole the rule was gathered from. */
export interface RuleOrigin {
  role: RbacObjectRef;
  ruleIndex: number;
}

export interface GrantVia {
  binding: RbacObjectRef;
  role: RbacObjectRef;
  /** Index of the rule among the role's effective rules (after aggregation). */
  ruleIndex: number;
  ruleOrigin: RuleOrigin;
  /** Set when the authorizer itself allows the request: members of system:masters skip RBAC. */
  bypass?: 'system:masters';
}

/** Where a grant applies. `namespace` undefined means cluster-wide (every namespace, cluster-scoped resources, URLs). */
export interface GrantScope {
  namespace?: string;
}

/**
 * One rule given to one subject by one binding. `subject` is the subject the binding names, so a grant received
 * through a group (system:authenticated, system:serviceaccounts:shop) names that group.
 */
export interface Grant extends PolicyRule {
  subject: Subject;
  via: GrantVia;
  scope: GrantScope;
}

/** A request for an API resource, as the API server's request-info resolver would describe it. */
export interface ResourceRequest {
  verb: string;
  /** API group; undefined means the group that serves the resource by default (`deployments` → `apps`), else core. */
  group?: string;
  /** `pods`, or `pods/exec` as a shorthand for resource + subresource. */
  resource: string;
  subresource?: string;
  /** undefined: a cluster-wide request (all namespaces, or a cluster-scoped resource); `'*'`: in any one namespace. */
  namespace?: string;
  name?: string;
}

export interface NonResourceRequest {
  verb: string;
  nonResourceURL: string;
}

export type RbacRequest = ResourceRequest | NonResourceRequest;

/** The namespace wildcard of a request: "in at least one namespace", each grant saying where. */
export const ANY_NAMESPACE = '*';

export type BindingProblem = 'role-not-found' | 'invalid-role-ref';

export interface DanglingBinding {
  binding: RbacObjectRef;
  roleRef: { kind: string; name: string; namespace?: string };
  problem: BindingProblem;
}

/** A Role or ClusterRole with its effective rules (an aggregated ClusterRole holds the aggregation result). */
export interface EffectiveRole {
  ref: RbacObjectRef;
  labels: Readonly<Record<string, string>>;
  rules: readonly PolicyRule[];
  ruleOrigins: readonly RuleOrigin[];
  /** Set for aggregated ClusterRoles: the ClusterRoles whose rules were gathered, sorted by name. */
  aggregatedFrom?: readonly RbacObjectRef[];
}

/** A RoleBinding or ClusterRoleBinding with its subjects resolved (service-account namespaces filled in). */
export interface ResolvedBinding {
  ref: RbacObjectRef;
  /** The namespace the binding grants in; undefined for ClusterRoleBindings. */
  namespace?: string;
  roleRef: { kind: string; name: string };
  subjects: readonly Subject[];
  /** The role it points to, or undefined when the binding dangles. */
  role?: EffectiveRole;
}

export type Risk = 'cluster-takeover' | 'secrets' | 'workload-control' | 'read-only' | 'other';

/** Risks from the worst to the mildest: the order reports group by. */
export const RISKS: readonly Risk[] = ['cluster-takeover', 'secrets', 'workload-control', 'read-only', 'other'];
