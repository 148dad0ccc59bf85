/**
 * Grants: one rule of a bound role, for one subject of the binding, in the binding's scope.
 * Inside a namespace (a RoleBinding), rules for nonResourceURLs and for built-in cluster-scoped resources can
 * never allow anything; they are left out so a subject's grants say only what it can actually do.
 */
import { isInertInNamespace } from './resources.js';
import { SYSTEM_MASTERS, group } from './subject.js';
import type { EffectiveRole, Grant, PolicyRule, RbacObjectRef, ResolvedBinding, Subject } from './types.js';

/**
 * Per role, the rule each index contributes cluster-wide and inside a namespace (undefined: it can allow nothing
 * there); roles are shared by many bindings.
 */
const grantableCache = new WeakMap<EffectiveRole, { cluster: readonly (PolicyRule | undefined)[]; namespaced: readonly (PolicyRule | undefined)[] }>();

function grantableRules(role: EffectiveRole, namespaced: boolean): readonly (PolicyRule | undefined)[] {
  let cached = grantableCache.get(role);
  if (cached === undefined) {
    const cluster = role.rules.map((rule) => (canAllowAnything(rule) ? rule : undefined));
    const inNamespace = role.rules.map((rule) => {
      const part = namespacedPart(rule);
      return part !== undefined && canAllowAnything(part) ? part : undefined;
    });
    cached = { cluster, namespaced: inNamespace };
    grantableCache.set(role, cached);
  }
  return namespaced ? cached.namespaced : cached.cluster;
}

/**
 * What a binding gives whoever it names, made when first asked for: a question about each of 3,000 namespaces
 * returns the grants of the same bindings every time, and most questions match one or two rules of a role. Rules
 * that no question matched get nothing (an object per rule of every binding was a third of the RBAC memory).
 */
interface BindingGrants {
  rules: readonly (PolicyRule | undefined)[];
  scope: Grant['scope'];
  /**
   * The grant of rule r for the subject at position p, at r × subjects + p. The grants of one rule share their via:
   * it is taken from a grant of another subject (a list of vias besides was 1 MB at 50,000 pods).
   */
  grants: (Grant | undefined)[];
}

const bindingGrants = new WeakMap<ResolvedBinding, BindingGrants | null>();
const CLUSTER_SCOPE: Grant['scope'] = {};

function grantsOf(binding: ResolvedBinding): BindingGrants | null {
  let entry = bindingGrants.get(binding);
  if (entry === undefined) {
    const role = binding.role;
    entry =
      role === undefined
        ? null
        : {
            rules: grantableRules(role, binding.namespace !== undefined),
            scope: binding.namespace === undefined ? CLUSTER_SCOPE : { namespace: binding.namespace },
            grants: new Array<Grant | undefined>(role.rules.length * binding.subjects.length),
          };
    bindingGrants.set(binding, entry);
  }
  return entry;
}

/** Grants are read, never changed: the same subject of the same binding gets the same grant objects. */
function grantOf(binding: ResolvedBinding, entry: BindingGrants, rule: PolicyRule, ruleIndex: number, subject: Subject): Grant {
  const subjects = binding.subjects;
  const first = ruleIndex * subjects.length;
  const position = subjects.indexOf(subject);
  if (position >= 0) {
    const known = entry.grants[first + position];
    if (known !== undefined) return known;
  }
  let via: Grant['via'] | undefined;
  for (let other = first; other < first + subjects.length && via === undefined; other++) via = entry.grants[other]?.via;
  via ??= { binding: binding.ref, role: binding.role!.ref, ruleIndex, ruleOrigin: binding.role!.ruleOrigins[ruleIndex] };
  const grant = grantFrom(via, entry.scope, rule, subject);
  if (position >= 0) entry.grants[first + position] = grant;
  return grant;
}

function grantFrom(via: Grant['via'], scope: Grant['scope'], rule: PolicyRule, subject: Subject): Grant {
  return {
    subject,
    via,
    scope,
    verbs: rule.verbs,
    apiGroups: rule.apiGroups,
    resources: rule.resources,
    resourceNames: rule.resourceNames,
    nonResourceURLs: rule.nonResourceURLs,
  };
}

export function grantsOfBinding(binding: ResolvedBinding, subject: Subject): Grant[] {
  const entry = grantsOf(binding);
  if (entry === null) return [];
  // A list of its length: callers keep these (a binding's grants, an account's), and one grown by push has room for 16.
  const { rules } = entry;
  let count = 0;
  for (let ruleIndex = 0; ruleIndex < rules.length; ruleIndex++) if (rules[ruleIndex] !== undefined) count++;
  const grants = new Array<Grant>(count);
  let position = 0;
  for (let ruleIndex = 0; ruleIndex < rules.length; ruleIndex++) {
    const rule = rules[ruleIndex];
    if (rule !== undefined) grants[position++] = grantOf(binding, entry, rule, ruleIndex, subject);
  }
  return grants;
}

/** The grant of one rule of the binding's role, if that rule can allow anything in the binding's scope. */
export function grantOfBindingRule(binding: ResolvedBinding, subject: Subject, ruleIndex: number): Grant | undefined {
  const entry = grantsOf(binding);
  const rule = entry?.rules[ruleIndex];
  return entry === null || entry === undefined || rule === undefined ? undefined : grantOf(binding, entry, rule, ruleIndex, subject);
}

function namespacedPart(rule: PolicyRule): PolicyRule | undefined {
  const resources = rule.resources.filter((resource) => !isInertInNamespace(rule.apiGroups, resource));
  if (resources.length === 0) return undefined;
  // Nothing left out: the rule itself (its arrays are shared by the grants, which the graph relies on).
  if (resources.length === rule.resources.length && rule.nonResourceURLs.length === 0) return rule;
  return { ...rule, resources, nonResourceURLs: [] };
}

/** A rule without verbs, or with resources but no apiGroups, matches no request. */
function canAllowAnything(rule: PolicyRule): boolean {
  if (rule.verbs.length === 0) return false;
  const resourcePart = rule.resources.length > 0 && rule.apiGroups.length > 0;
  return resourcePart || rule.nonResourceURLs.length > 0;
}

const AUTHORIZER_SOURCE = '<kubernetes authorizer: system:masters bypasses RBAC>';

/** Stands in for binding and role of the grants the authorizer gives system:masters before RBAC is asked. */
export const SYSTEM_MASTERS_BYPASS_REF: RbacObjectRef = {
  apiVersion: 'v1',
  kind: 'Group',
  name: SYSTEM_MASTERS,
  source: { file: AUTHORIZER_SOURCE, line: 1, column: 1, document: 0, pathInDocument: [] },
  isDefault: true,
};

/** Everything, cluster-wide: the privileged-group authorizer allows any request of a system:masters member. */
export const SYSTEM_MASTERS_GRANTS: readonly Grant[] = [0, 1].map((ruleIndex): Grant => {
  const resources = ruleIndex === 0;
  return {
    subject: group(SYSTEM_MASTERS),
    via: {
      binding: SYSTEM_MASTERS_BYPASS_REF,
      role: SYSTEM_MASTERS_BYPASS_REF,
      ruleIndex,
      ruleOrigin: { role: SYSTEM_MASTERS_BYPASS_REF, ruleIndex },
      bypass: 'system:masters',
    },
    scope: {},
    verbs: ['*'],
    apiGroups: resources ? ['*'] : [],
    resources: resources ? ['*'] : [],
    resourceNames: [],
    nonResourceURLs: resources ? [] : ['*'],
  };
});
