/**
 * Grants: one rule of a bound role, for one subject of the binding, in the binding's scope.
 * Inside a namespace (a RoleBinding), rules for nonResourceURLs and for built-in cluster-scoped resources can
 * never allow anything; they are left out so a subject's grants say only what it can actually do.
 */
import { isInertInNamespace } from './resources.js';
import { SYSTEM_MASTERS, group } from './subject.js';
import type { Grant, PolicyRule, RbacObjectRef, ResolvedBinding, Subject } from './types.js';

export function grantsOfBinding(binding: ResolvedBinding, subject: Subject): Grant[] {
  const role = binding.role;
  if (role === undefined) return [];
  const grants: Grant[] = [];
  role.rules.forEach((rule, ruleIndex) => {
    const effective = binding.namespace === undefined ? rule : namespacedPart(rule);
    if (effective === undefined || !canAllowAnything(effective)) return;
    grants.push({
      subject,
      via: { binding: binding.ref, role: role.ref, ruleIndex, ruleOrigin: role.ruleOrigins[ruleIndex] },
      scope: binding.namespace === undefined ? {} : { namespace: binding.namespace },
      verbs: effective.verbs,
      apiGroups: effective.apiGroups,
      resources: effective.resources,
      resourceNames: effective.resourceNames,
      nonResourceURLs: effective.nonResourceURLs,
    });
  });
  return grants;
}

function namespacedPart(rule: PolicyRule): PolicyRule | undefined {
  const resources = rule.resources.filter((resource) => !isInertInNamespace(rule.apiGroups, resource));
  if (resources.length === 0) return undefined;
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
