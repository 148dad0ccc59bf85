/**
 * What RBAC rules share: how roles, bindings, subjects and scopes are named in messages, how severity scales with
 * scope and subject, and which roles no binding uses. RBAC findings point at the binding (the grant) and name the
 * role in `related`, so a label on either matches; a role that nothing binds is reported on the role itself.
 */
import type { ObjectRef } from '../model/object.js';
import { SEVERITIES, type Severity } from '../taxonomy/index.js';
import type { ClusterRbac } from '../rbac/estate-rbac.js';
import { grantsOfBinding } from '../rbac/grants.js';
import {
  ALL_AUTHENTICATED,
  ALL_SERVICE_ACCOUNTS,
  ALL_UNAUTHENTICATED,
  ANONYMOUS_USER,
  formatSubject,
  group,
} from '../rbac/subject.js';
import type { EffectiveRole, Grant, RbacObjectRef, ResolvedBinding, Subject } from '../rbac/types.js';

export const KUBE_SYSTEM = 'kube-system';

/** Identities that stand for everyone, or for every workload: a grant to them is a grant to an attacker too. */
export const BROAD_GROUPS: readonly string[] = [ALL_AUTHENTICATED, ALL_UNAUTHENTICATED, ALL_SERVICE_ACCOUNTS];

export function isBroadSubject(subject: Subject): boolean {
  if (subject.kind === 'Group') return BROAD_GROUPS.includes(subject.name);
  return subject.kind === 'User' && subject.name === ANONYMOUS_USER;
}

/**
 * Labels are remembered per reference and per subject list (both shared and never changed): every rule labels the
 * same roles and bindings, and at 17,000 bindings the strings were a visible part of each rule's time.
 */
const refLabels = new WeakMap<RbacObjectRef, string>();

/** `ClusterRole edit (Kubernetes default policy)`, `Role shop/deployer`, `ClusterRoleBinding ops`. */
export function rbacLabel(ref: RbacObjectRef): string {
  let label = refLabels.get(ref);
  if (label === undefined) refLabels.set(ref, (label = rbacText(ref)));
  return label;
}

/** rbacLabel without remembering it, for a text that is only part of another (which is what findings keep). */
export function rbacText(ref: RbacObjectRef): string {
  const name = ref.namespace === undefined ? ref.name : `${ref.namespace}/${ref.name}`;
  return ref.isDefault ? `${ref.kind} ${name} (Kubernetes default policy)` : `${ref.kind} ${name}`;
}

const SUBJECTS_SHOWN = 4;
const subjectsLabels = new WeakMap<readonly Subject[], string>();

/** The subjects a binding names, as people type them, the first few and a count of the rest. */
export function subjectsLabel(subjects: readonly Subject[], shown = SUBJECTS_SHOWN): string {
  const remembered = shown === SUBJECTS_SHOWN ? subjectsLabels.get(subjects) : undefined;
  if (remembered !== undefined) return remembered;
  const names = subjects.map(formatSubject);
  const label = names.length <= shown ? names.join(', ') : `${names.slice(0, shown).join(', ')} and ${names.length - shown} more`;
  if (shown === SUBJECTS_SHOWN) subjectsLabels.set(subjects, label);
  return label;
}

export function scopeLabel(namespace: string | undefined): string {
  return namespace === undefined ? 'cluster-wide' : `in namespace ${namespace}`;
}

const plainRefs = new WeakMap<RbacObjectRef, ObjectRef>();

/**
 * A finding's `related` wants plain references; RbacObjectRef carries source and default flags besides. One per
 * reference, shared by the findings that name it (findings are read, never changed), as the engine shares objects'.
 */
export function plainRef(ref: RbacObjectRef): ObjectRef {
  let plain = plainRefs.get(ref);
  if (plain === undefined) {
    plain = { apiVersion: ref.apiVersion, kind: ref.kind, name: ref.name };
    if (ref.namespace !== undefined) plain.namespace = ref.namespace;
    plainRefs.set(ref, plain);
  }
  return plain;
}

/** The role behind a grant and, for an aggregated ClusterRole, the role the rule was gathered from. */
export function rolesBehind(grants: readonly Grant[]): ObjectRef[] {
  const refs = new Map<string, ObjectRef>();
  for (const grant of grants) {
    for (const ref of [grant.via.role, grant.via.ruleOrigin.role]) refs.set(`${ref.kind}/${ref.namespace ?? ''}/${ref.name}`, plainRef(ref));
  }
  return [...refs.values()];
}

export function raise(severity: Severity, steps = 1): Severity {
  return SEVERITIES[Math.min(SEVERITIES.length - 1, SEVERITIES.indexOf(severity) + steps)];
}

export function lower(severity: Severity, steps = 1): Severity {
  return SEVERITIES[Math.max(0, SEVERITIES.indexOf(severity) - steps)];
}

/** Severities of a threat by where the grant applies: cluster-wide and kube-system weigh the same. */
export interface ScopedSeverity {
  cluster: Severity;
  namespace: Severity;
}

export function severityForScope(levels: ScopedSeverity, namespace: string | undefined): Severity {
  return namespace === undefined || namespace === KUBE_SYSTEM ? levels.cluster : levels.namespace;
}

const grantsOfBindings = new WeakMap<ResolvedBinding, readonly Grant[]>();

/**
 * The grants a binding gives, whoever it names (every subject gets the same rules). Computed once per binding and
 * shared by every rule that asks (read-only): twenty rules used to build 17,000 bindings' grants each.
 */
export function bindingGrants(binding: ResolvedBinding): readonly Grant[] {
  let grants = grantsOfBindings.get(binding);
  if (grants === undefined) {
    grants = grantsOfBinding(binding, binding.subjects[0] ?? group('nobody'));
    grantsOfBindings.set(binding, grants);
  }
  return grants;
}

const grantsOfRoles = new WeakMap<EffectiveRole, readonly Grant[]>();

/**
 * The grants a role would give if it were bound: a Role in its namespace, a ClusterRole cluster-wide (the most a
 * ClusterRoleBinding could give). Rules that can never allow anything in that scope are left out, as for bindings.
 */
export function roleGrants(role: EffectiveRole): readonly Grant[] {
  const remembered = grantsOfRoles.get(role);
  if (remembered !== undefined) return remembered;
  const pseudoBinding: ResolvedBinding = {
    ref: role.ref,
    roleRef: { kind: role.ref.kind, name: role.ref.name },
    subjects: [],
    role,
    ...(role.ref.kind === 'Role' && role.ref.namespace !== undefined ? { namespace: role.ref.namespace } : {}),
  };
  const grants = grantsOfBinding(pseudoBinding, group('nobody'));
  grantsOfRoles.set(role, grants);
  return grants;
}

export type BoundBinding = ResolvedBinding & { role: EffectiveRole };

const inputBindingsOf = new WeakMap<ClusterRbac, readonly BoundBinding[]>();

/** Input bindings that point at a role and name someone: the grants a rule judges. Listed once per cluster. */
export function inputBindings(rbac: ClusterRbac): readonly BoundBinding[] {
  let bindings = inputBindingsOf.get(rbac);
  if (bindings === undefined) {
    bindings = rbac.index.bindings().filter((binding): binding is BoundBinding => binding.role !== undefined && binding.subjects.length > 0 && rbac.isInInput(binding.ref));
    inputBindingsOf.set(rbac, bindings);
  }
  return bindings;
}

const unboundCache = new WeakMap<ClusterRbac, readonly EffectiveRole[]>();

/**
 * Input roles that no binding with a subject uses, directly or through an aggregated ClusterRole that gathers their
 * rules: nobody holds their permissions today, but one binding away someone will.
 */
export function unboundInputRoles(rbac: ClusterRbac): readonly EffectiveRole[] {
  let unbound = unboundCache.get(rbac);
  if (unbound === undefined) {
    // By reference: an index makes one per role, and aggregatedFrom names the gathered roles by theirs (no key
    // string for each of 17,000 bindings).
    const bound = new Set<RbacObjectRef>();
    for (const binding of rbac.index.bindings()) {
      if (binding.role === undefined || binding.subjects.length === 0) continue;
      bound.add(binding.role.ref);
      for (const source of binding.role.aggregatedFrom ?? []) bound.add(source);
    }
    unbound = rbac.index.roles().filter((role) => rbac.isInInput(role.ref) && !bound.has(role.ref));
    unboundCache.set(rbac, unbound);
  }
  return unbound;
}

function roleKey(ref: RbacObjectRef): string {
  return `${ref.kind}/${ref.namespace ?? ''}/${ref.name}`;
}

/** Where in a role a grant's rule is written: its rules[i], or the aggregationRule that gathered it. */
export function rulePathInRole(role: EffectiveRole, grant: Grant): Array<string | number> {
  const origin = grant.via.ruleOrigin;
  return roleKey(origin.role) === roleKey(role.ref) ? ['rules', origin.ruleIndex] : ['aggregationRule'];
}

/**
 * What a rule derives from the grants of a role's binding, remembered per role and kind of scope (cluster-wide, or
 * in some namespace): the rules a RoleBinding gives do not depend on its namespace, so `derive` must look at the
 * grants' rules and roles only, not at their scope or subject. `grants` is asked for only when nothing is remembered:
 * 1,650 RoleBindings of ClusterRole edit need one answer, not 1,650.
 */
export function rememberedPerRoleScope<T>(derive: (grants: readonly Grant[]) => T): (role: EffectiveRole, namespaced: boolean, grants: () => readonly Grant[]) => T {
  // The answer is the value, no holder per role (the answer is mostly undefined or shared): 3,300 roles per rule.
  const cluster = new WeakMap<EffectiveRole, T>();
  const inNamespace = new WeakMap<EffectiveRole, T>();
  return (role, namespaced, grants) => {
    const remembered = namespaced ? inNamespace : cluster;
    if (remembered.has(role)) return remembered.get(role) as T;
    const answer = derive(grants());
    remembered.set(role, answer);
    return answer;
  };
}

/** `*` verbs on `*` resources of `*` groups: everything the API serves, now and later (cluster-admin's rule). */
export function isFullWildcard(grant: Grant): boolean {
  return grant.verbs.includes('*') && grant.apiGroups.includes('*') && grant.resources.includes('*');
}
